"""Staff who must use two-step sign-in do nothing else before they have used it."""

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware

from .permissions import must_use_two_factor

# Views reachable before the second step is done.
ALLOWED_VIEWS = {
    "accounts:two_factor",
    "accounts:two_factor_link_request",
    "accounts:two_factor_link",
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
        messages.info(request, _("Your role requires two-step sign-in. Turn it on to continue."))
        return redirect("accounts:two_factor")


class VerifiedSession:
    """Stands for the device that verified a session, without reading it from the database."""

    def __init__(self, persistent_id):
        self.persistent_id = persistent_id


class SessionOTPMiddleware(OTPMiddleware):
    """django-otp's middleware, reading a session's second step from the session alone.

    Only django_otp.login() records a device in the session, after its code was
    right; removing or unconfirming a device ends every session of its person
    (receivers.py). So the device row need not be read on every staff page.
    """

    def _verify_user_sync(self, request, user):
        self._init_user_fields(user)
        persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
        if user.is_authenticated and persistent_id:
            user.otp_device = VerifiedSession(persistent_id)
        return user

    async def _verify_user_async_via_auser(self, request, auser):
        user = await auser()
        self._init_user_fields(user)
        persistent_id = await request.session.aget(DEVICE_ID_SESSION_KEY)
        if user.is_authenticated and persistent_id:
            user.otp_device = VerifiedSession(persistent_id)
        return user
