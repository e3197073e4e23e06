"""Administrators must sign in with two steps before they can do anything else."""

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .permissions import must_use_two_factor

# Views an administrator without a verified second step may still reach.
ALLOWED_VIEWS = {
    "accounts:two_factor",
    "accounts:sign_out",
    "accounts:sign_in",
    "pages:set_language",
}


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not must_use_two_factor(user) or user.is_verified():
            return None
        match = request.resolver_match
        if match is None or match.view_name in ALLOWED_VIEWS:
            return None
        from django_otp.plugins.otp_totp.models import TOTPDevice

        if TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
            # A device exists but this session never proved it: sign in again.
            logout(request)
            messages.info(request, _("Sign in again with your two-step code."))
            return redirect("accounts:sign_in")
        messages.info(request, _("Administrators must turn on two-step sign-in before continuing."))
        return redirect("accounts:two_factor")
