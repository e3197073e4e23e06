"""Sign-in, password reset, accepting an invitation, account settings and sign-up."""

import base64
import time

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from ideahautomo.lib.forms import add_service_errors
from ideahautomo.lib.language import chosen_language, remember_language
from ideahautomo.lib.ratelimit import client_ip

from . import selectors, services
from .forms import (
    AccountDeleteForm,
    AccountSettingsForm,
    InvitationAcceptForm,
    PasswordResetRequestForm,
    SignInForm,
    SignUpForm,
    SignUpStartForm,
    SuspensionAppealForm,
    TwoFactorCodeForm,
    TwoFactorDisableForm,
    TwoFactorSetupForm,
)
from .models import Invitation, Suspension, User, UserManager
from .permissions import can_use_two_factor, must_use_two_factor

PENDING_SIGN_IN = "pending_sign_in"
PENDING_SIGN_IN_SECONDS = 5 * 60
SUSPENDED_SIGN_IN = "suspended_sign_in"
SUSPENDED_SIGN_IN_SECONDS = 30 * 60


def _safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default) if ":" in default else default


def _finish_sign_in(request, user, next_url, device=None):
    login(request, user, backend="ideahautomo.accounts.backends.EmailBackend")
    if device is not None:
        otp_login(request, device)
    return remember_language(HttpResponseRedirect(next_url), user.language)


def _confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request):
    next_url = _safe_next(request, settings.LOGIN_REDIRECT_URL)
    if request.user.is_authenticated:
        return redirect(next_url)
    form = SignInForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        suspension = selectors.suspension_active_for(form.user)
        if suspension is not None:
            return _refuse_suspended(request, suspension)
        device = _confirmed_device(form.user)
        if device is None:
            return _finish_sign_in(request, form.user, next_url)
        request.session.cycle_key()
        request.session[PENDING_SIGN_IN] = {
            "user": form.user.pk,
            "at": time.time(),
            "next": next_url,
        }
        return redirect("accounts:sign_in_verify")
    return render(
        request,
        "accounts/sign_in.html",
        {"form": form, "next": next_url, "signup_open": settings.SIGNUP_OPEN},
    )


@sensitive_post_parameters("code")
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_verify(request):
    pending = request.session.get(PENDING_SIGN_IN)
    if not pending or time.time() - pending["at"] > PENDING_SIGN_IN_SECONDS:
        request.session.pop(PENDING_SIGN_IN, None)
        messages.info(request, _("Sign in again: the code was not given in time."))
        return redirect("accounts:sign_in")
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    device = _confirmed_device(user) if user else None
    form = TwoFactorCodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        del request.session[PENDING_SIGN_IN]
        suspension = selectors.suspension_active_for(user)
        if suspension is not None:
            return _refuse_suspended(request, suspension)
        return _finish_sign_in(request, user, pending["next"], device=device)
    return render(request, "accounts/sign_in_verify.html", {"form": form})


def _refuse_suspended(request, suspension):
    """The right password of a suspended account: no sign-in, but for a while this
    browser may read why and appeal (the session holds which suspension, as the
    two-step sign-in holds its pending person)."""
    request.session.cycle_key()
    request.session[SUSPENDED_SIGN_IN] = {"suspension": suspension.pk, "at": time.time()}
    return redirect("accounts:suspended")


@never_cache
@require_http_methods(["GET", "POST"])
def suspended(request):
    """Why the account is suspended, until when, and the one appeal."""
    pending = request.session.get(SUSPENDED_SIGN_IN)
    if not pending or time.time() - pending["at"] > SUSPENDED_SIGN_IN_SECONDS:
        request.session.pop(SUSPENDED_SIGN_IN, None)
        return redirect("accounts:sign_in")
    suspension = Suspension.objects.select_related("user").filter(pk=pending["suspension"]).first()
    if suspension is None or not suspension.is_active:
        del request.session[SUSPENDED_SIGN_IN]
        messages.info(request, _("Your account is no longer suspended. Sign in again."))
        return redirect("accounts:sign_in")
    if chosen_language(request) is None:
        translation.activate(suspension.user.language)
        request.LANGUAGE_CODE = suspension.user.language
    form = None
    if suspension.appealed_at is None:
        form = SuspensionAppealForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.suspension_appeal_create(
                    suspension=suspension, text=form.cleaned_data["text"], client=client_ip(request)
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Your appeal has been sent. You will get the decision by e-mail.")
                )
                return redirect("accounts:suspended")
    elif request.method == "POST":
        return redirect("accounts:suspended")
    return render(request, "accounts/suspended.html", {"suspension": suspension, "form": form})


@require_POST
def sign_out(request):
    logout(request)
    messages.success(request, _("You have signed out."))
    return redirect(settings.LOGOUT_REDIRECT_URL)


@never_cache
@require_http_methods(["GET", "POST"])
def password_reset(request):
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_reset_request(email=form.cleaned_data["email"])
        return redirect("accounts:password_reset_done")
    return render(request, "accounts/password_reset.html", {"form": form})


def password_reset_done(request):
    return render(
        request,
        "accounts/password_reset_done.html",
        {"per_hour": settings.PASSWORD_RESETS_PER_ADDRESS},
    )


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.sign_in_unlock(email=self.user.email)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:settings")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed."))
        return response


def _invitation_unusable(request, invitation):
    if invitation is None:
        reason, status = "unknown", 404
    else:
        reason, status = invitation.state, 410
    return render(request, "accounts/invitation_unusable.html", {"reason": reason}, status=status)


@sensitive_post_parameters("password1", "password2")
@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    invitation = services.invitation_by_token(token)
    usable = (Invitation.State.SENT, Invitation.State.OPENED)
    if invitation is None or invitation.state not in usable:
        return _invitation_unusable(request, invitation)
    if request.user.is_authenticated:
        return render(request, "accounts/invitation_signed_in.html", status=409)
    language = chosen_language(request)
    if language is None:
        # The invitee has not chosen yet: speak the language the invitation was sent in.
        language = invitation.language
        translation.activate(language)
        request.LANGUAGE_CODE = language
    services.invitation_mark_opened(invitation=invitation)
    form = InvitationAcceptForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                invitation=invitation, password=form.cleaned_data["password1"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            response = _finish_sign_in(request, user, reverse("pages:welcome"))
            if can_use_two_factor(user):
                _allow_enrolment(request, user)
            return response
    response = render(
        request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}
    )
    return remember_language(response, language)


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request):
    form = AccountSettingsForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = services.user_update_settings(
            user=request.user,
            display_name=form.cleaned_data["display_name"],
            language=form.cleaned_data["language"],
        )
        messages.success(request, _("Your settings have been saved."))
        return remember_language(redirect("accounts:settings"), user.language)
    return render(
        request,
        "accounts/settings.html",
        {
            "form": form,
            "two_factor_available": can_use_two_factor(request.user),
            "two_factor_on": _confirmed_device(request.user) is not None,
        },
    )


@require_POST
@login_required
def sign_out_everywhere(request):
    services.user_sign_out_everywhere(user=request.user)
    logout(request)
    messages.success(request, _("You have been signed out on every device."))
    return redirect("accounts:sign_in")


ENROLMENT_SESSION_KEY = "two_factor_enrolment"
ENROLMENT_SECONDS = 30 * 60


def _allow_enrolment(request, user):
    """This session has proven more than the password (a just accepted invitation or an
    e-mailed link): for a while it may set up the person's first authenticator."""
    request.session[ENROLMENT_SESSION_KEY] = {
        "user": user.pk,
        "until": time.time() + ENROLMENT_SECONDS,
        "key": None,
    }


def _enrolment(request):
    """This session's allowance to set up a first authenticator, or None."""
    allowance = request.session.get(ENROLMENT_SESSION_KEY)
    if (
        not allowance
        or allowance.get("user") != request.user.pk
        or allowance.get("until", 0) < time.time()
    ):
        return None
    return allowance


@sensitive_post_parameters("code")
@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    if not can_use_two_factor(request.user):
        raise Http404
    if _confirmed_device(request.user) is not None:
        return _two_factor_on(request, TwoFactorDisableForm())
    allowance = _enrolment(request)
    if allowance is None:
        return render(
            request,
            "accounts/two_factor_confirm.html",
            {
                "required": must_use_two_factor(request.user),
                "valid_minutes": ENROLMENT_SECONDS // 60,
            },
        )
    if not allowance["key"]:
        # The key waits in the session until its first code is right: no device before that.
        allowance["key"] = services.two_factor_new_key()
        request.session.modified = True
    form = TwoFactorSetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.two_factor_enable(
                user=request.user, key=allowance["key"], code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            del request.session[ENROLMENT_SESSION_KEY]
            otp_login(request, device)
            messages.success(request, _("Two-step sign-in is on."))
            return redirect("accounts:settings")
    device = TOTPDevice(user=request.user, key=allowance["key"])
    qr = segno.make(device.config_url, error="m")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": qr.svg_inline(scale=5, dark="#000", light="#fff", omitsize=False),
            "secret": _spaced(_base32(device.bin_key)),
        },
    )


def _two_factor_on(request, form):
    return render(
        request,
        "accounts/two_factor_on.html",
        {"form": form, "can_turn_off": not must_use_two_factor(request.user)},
    )


@require_POST
@login_required
def two_factor_link_request(request):
    if not can_use_two_factor(request.user):
        raise Http404
    try:
        services.two_factor_enrolment_link_request(user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("We sent a link to %(email)s. Open it in this browser within %(minutes)d minutes.")
            % {
                "email": request.user.email,
                "minutes": int(services.TWO_FACTOR_LINK_VALID.total_seconds() // 60),
            },
        )
    return redirect("accounts:two_factor")


@never_cache
def two_factor_link(request, token):
    """The e-mailed link: after the password sign-in, this session may set up an authenticator."""
    if not request.user.is_authenticated:
        messages.info(request, _("Sign in first; the link then takes you on."))
        return redirect_to_login(request.get_full_path(), "accounts:sign_in")
    if not can_use_two_factor(request.user):
        raise Http404
    if not services.two_factor_enrolment_link_use(user=request.user, token=token):
        return render(request, "accounts/two_factor_link_unusable.html", status=410)
    _allow_enrolment(request, request.user)
    return redirect("accounts:two_factor")


@sensitive_post_parameters("password", "code")
@require_POST
@login_required
def two_factor_disable(request):
    if not can_use_two_factor(request.user):
        raise Http404
    form = TwoFactorDisableForm(request.POST)
    if form.is_valid():
        try:
            services.two_factor_disable(
                user=request.user,
                password=form.cleaned_data["password"],
                code=form.cleaned_data["code"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # Every session ended with the authenticator; this one carries on.
            request.user.refresh_from_db(fields=["session_generation"])
            update_session_auth_hash(request, request.user)
            messages.success(request, _("Two-step sign-in is off."))
            return redirect("accounts:settings")
    return _two_factor_on(request, form)


def _base32(key):
    return base64.b32encode(key).decode().rstrip("=")


def _spaced(secret):
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@require_http_methods(["GET", "POST"])
def sign_up(request):
    """The first step of an application: prove the address by an e-mailed link."""
    if not settings.SIGNUP_OPEN:
        raise Http404
    if request.user.is_authenticated:
        return redirect("pages:home")
    form = SignUpStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = UserManager.normalize_email(form.cleaned_data["email"])
        try:
            services.sign_up_start(
                email=email, language=translation.get_language(), client=client_ip(request)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # The same page whether or not the address has an account.
            return render(
                request,
                "accounts/sign_up_check_email.html",
                {"email": email, "valid_hours": settings.SIGN_UP_LINK_VALID_SECONDS // 3600},
            )
    return render(request, "accounts/sign_up.html", {"form": form})


SIGN_UP_LINK_STATUS = {"unknown": 404, "expired": 410, "used": 410, "invited": 409}


@sensitive_post_parameters("password1", "password2")
@never_cache
@require_http_methods(["GET", "POST"])
def sign_up_continue(request, token):
    """The application itself, from the link e-mailed to the address."""
    if not settings.SIGNUP_OPEN:
        raise Http404
    if request.user.is_authenticated:
        return redirect("pages:home")
    state, link = services.sign_up_link_read(token)
    if state != "usable":
        return render(
            request,
            "accounts/sign_up_unusable.html",
            {"reason": state},
            status=SIGN_UP_LINK_STATUS[state],
        )
    if chosen_language(request) is None:
        translation.activate(link["language"])
        request.LANGUAGE_CODE = link["language"]
    form = SignUpForm(
        request.POST or None, email=link["email"], initial={"language": link["language"]}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.sign_up_request_create(
                email=link["email"],
                display_name=data["display_name"],
                password=data["password1"],
                language=data["language"],
                municipality=data["municipality"],
                message=data["message"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render(request, "accounts/sign_up_sent.html", {"email": link["email"]})
    return render(request, "accounts/sign_up_continue.html", {"form": form, "email": link["email"]})


@login_required
def data_download(request):
    """The person's own data as a JSON file."""
    response = JsonResponse(
        services.user_data_download(user=request.user), json_dumps_params={"indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="ideahautomo-tietoni.json"'
    return response


@sensitive_post_parameters("password")
@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_delete(user=request.user)
        logout(request)
        messages.success(request, _("Your account and your personal data have been deleted."))
        return redirect("pages:home")
    return render(request, "accounts/account_delete.html", {"form": form})
