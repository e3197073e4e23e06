"""Forms of sign-in, invitations, account settings and sign-up."""

from datetime import datetime, timedelta

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ideahautomo.lib.ratelimit import client_ip

from . import services
from .models import (
    STAFF_ROLES,
    EmploymentArea,
    Guideline,
    Municipality,
    PartnerOrganisation,
    Role,
    User,
    UserManager,
)
from .permissions import can_see_all_areas, invitable_roles

SIGN_IN_FAILED = _(
    "The e-mail address or password is wrong. After several failed attempts "
    "sign-in is paused for a while."
)
SIGN_IN_PAUSED = _(
    "Too many failed attempts: sign-in with this address is paused for 15 minutes. "
    "You can also set a new password through “Forgot your password?”."
)


class SignInForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean(self):
        email = self.cleaned_data.get("email")
        password = self.cleaned_data.get("password")
        if not email or not password:
            return self.cleaned_data
        client = client_ip(self.request)
        if services.sign_in_blocked(email=email, client=client):
            raise ValidationError(SIGN_IN_PAUSED, code="paused")
        user = authenticate(self.request, email=email, password=password)
        if user is None:
            services.sign_in_failed(email=email, client=client)
            if services.sign_in_blocked(email=email, client=client):
                raise ValidationError(SIGN_IN_PAUSED, code="paused")
            raise ValidationError(SIGN_IN_FAILED, code="invalid")
        services.sign_in_succeeded(email=email)
        self.user = user
        return self.cleaned_data


def code_field():
    return forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )


class TwoFactorCodeForm(forms.Form):
    code = code_field()

    def __init__(self, *args, device=None, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = self.cleaned_data["code"]
        if not code.isdigit() or self.device is None:
            raise ValidationError(_("Enter the six digits shown by the app."), code="format")
        allowed, _wait = self.device.verify_is_allowed()
        if not allowed:
            raise ValidationError(
                _("Too many wrong codes. Wait a moment and try again."), code="throttled"
            )
        if not self.device.verify_token(code):
            raise ValidationError(
                _("The code is wrong or has expired. Enter the newest code from the app."),
                code="invalid",
            )
        return code


class TwoFactorSetupForm(forms.Form):
    """The first code of a new authenticator; the service checks it against the new key."""

    code = code_field()

    def clean_code(self):
        code = self.cleaned_data["code"]
        if not code.isdigit():
            raise ValidationError(_("Enter the six digits shown by the app."), code="format")
        return code


class TwoFactorDisableForm(TwoFactorSetupForm):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    field_order = ["password", "code"]


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class NewPasswordFields(forms.Form):
    """Two password fields checked with the password validators against user."""

    password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "At least 10 characters. A long passphrase of several words is good; "
            "common passwords are not accepted."
        ),
    )
    password2 = forms.CharField(
        label=_("New password again"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def password_user(self):
        raise NotImplementedError

    def clean_password2(self):
        password1 = self.cleaned_data.get("password1")
        password2 = self.cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            raise ValidationError(_("The two passwords differ."), code="mismatch")
        return password2

    def _post_clean(self):
        super()._post_clean()
        password = self.cleaned_data.get("password2")
        if password:
            try:
                password_validation.validate_password(password, self.password_user())
            except ValidationError as error:
                self.add_error("password1", error)


class InvitationAcceptForm(NewPasswordFields):
    accept_guidelines = forms.BooleanField(
        label=_("I have read and accept the community guidelines."),
        error_messages={"required": _("Accept the community guidelines to continue.")},
    )
    accept_privacy = forms.BooleanField(
        label=_("I have read the privacy notice."),
        error_messages={"required": _("Confirm that you have read the privacy notice.")},
    )

    def __init__(self, *args, invitation, **kwargs):
        self.invitation = invitation
        super().__init__(*args, **kwargs)

    def password_user(self):
        return User(email=self.invitation.email, display_name=self.invitation.name)


class InvitationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    language = forms.ChoiceField(
        label=_("Language of the invitation and the service"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )
    role = forms.ChoiceField(label=_("Role"), choices=(), required=False)
    also_member = forms.BooleanField(
        label=_("Also a member of the community"),
        required=False,
        help_text=_(
            "Only if the person also wants to use the community as a client: a member is "
            "asked about their situation each month and counted in the impact figures."
        ),
    )
    area = forms.ModelChoiceField(
        label=_("Employment area"), queryset=EmploymentArea.objects.none(), required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("Partner organisation"),
        queryset=PartnerOrganisation.objects.none(),
        required=False,
        help_text=_("Only for a partner: the organisation whose page and services they keep."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        roles = invitable_roles(user)
        if Role.PARTNER in roles:
            self.fields["organisation"].queryset = PartnerOrganisation.objects.filter(
                is_active=True
            )
        else:
            del self.fields["organisation"]
        self.fields["role"].choices = [(role.value, role.label) for role in roles]
        self.fields["role"].initial = Role.MEMBER
        if len(roles) <= 1:
            del self.fields["role"]
        if not STAFF_ROLES.intersection(roles):
            del self.fields["also_member"]
        if can_see_all_areas(user):
            self.fields["area"].queryset = EmploymentArea.objects.all()
            self.fields["area"].required = True
        else:
            del self.fields["area"]

    def clean_email(self):
        email = UserManager.normalize_email(self.cleaned_data["email"])
        in_use = services.emails_in_use([email])
        if email in in_use:
            raise ValidationError(in_use[email], code="in_use")
        return email

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise ValidationError(_("Enter the person's name."), code="required")
        return name

    def clean(self):
        cleaned = super().clean()
        if "organisation" in self.fields:
            if cleaned.get("role") == Role.PARTNER and not cleaned.get("organisation"):
                self.add_error(
                    "organisation",
                    ValidationError(
                        _("Choose the organisation the partner works for."), code="required"
                    ),
                )
            elif cleaned.get("role") != Role.PARTNER:
                cleaned["organisation"] = None
        return cleaned

    def chosen_area(self):
        if "area" in self.fields:
            return self.cleaned_data["area"]
        return self.user.contact_area

    def chosen_organisation(self):
        return self.cleaned_data.get("organisation")

    def chosen_role(self):
        return self.cleaned_data.get("role") or Role.MEMBER

    def chosen_also_member(self):
        return bool(self.cleaned_data.get("also_member"))


class InvitationFileForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One person per row: name; e-mail address; language (fi, sv, en or uk, "
            "optional). At most 500 rows and 256 kB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv,text/plain"}),
    )
    area = forms.ModelChoiceField(
        label=_("Employment area"), queryset=EmploymentArea.objects.none(), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if can_see_all_areas(user):
            self.fields["area"].queryset = EmploymentArea.objects.all()
            self.fields["area"].required = True
        else:
            del self.fields["area"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.INVITATION_CSV_MAX_BYTES:
            raise ValidationError(
                _("The file is too large: at most %(size)d kB is accepted."),
                params={"size": settings.INVITATION_CSV_MAX_BYTES // 1024},
                code="too_large",
            )
        return upload

    def chosen_area(self):
        if "area" in self.fields:
            return self.cleaned_data["area"]
        return self.user.contact_area


class AccountSettingsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "language"]
        labels = {"display_name": _("Name shown to others"), "language": _("Language")}


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password, to confirm"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("The password is wrong."), code="wrong")
        return password


class SignUpStartForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class SignUpForm(NewPasswordFields):
    """The application itself, reached through the link e-mailed to the proven address."""

    display_name = forms.CharField(label=_("Name"), max_length=100)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.filter(is_active=True)
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE
    )
    message = forms.CharField(
        label=_("Message to the employment services (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    accept_guidelines = InvitationAcceptForm.base_fields["accept_guidelines"]
    accept_privacy = InvitationAcceptForm.base_fields["accept_privacy"]

    field_order = [
        "display_name",
        "municipality",
        "language",
        "password1",
        "password2",
        "message",
        "accept_guidelines",
        "accept_privacy",
    ]

    def __init__(self, *args, email, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def password_user(self):
        return User(email=self.email, display_name=self.cleaned_data.get("display_name", ""))


# Suspensions, appeals and warnings

REASON_HELP = _("The person sees this text and gets it by e-mail. Write it so they understand it.")


def _reason_field(help_text=REASON_HELP):
    return forms.CharField(
        label=_("Reason"),
        max_length=services.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=help_text,
    )


class SuspendForm(forms.Form):
    """A moderator's suspension: the reason, the guideline broken and how long."""

    PERIODS = [
        ("1", _("1 day")),
        ("7", _("7 days")),
        ("30", _("30 days")),
        ("date", _("Until a date")),
        ("permanent", _("Permanently")),
    ]

    reason = _reason_field()
    guideline = forms.ChoiceField(
        label=_("Community guideline"),
        choices=[("", "–"), *Guideline.choices],
        required=False,
    )
    period = forms.ChoiceField(
        label=_("Length"), choices=PERIODS, widget=forms.RadioSelect, initial="7"
    )
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        help_text=_("Only with “Until a date”: the suspension ends at the start of this day."),
    )

    def clean(self):
        data = super().clean()
        period = data.get("period")
        if period == "date":
            end_date = data.get("end_date")
            if end_date is None:
                self.add_error("end_date", _("Give the end date."))
            elif end_date <= timezone.localdate():
                self.add_error("end_date", _("The end date must be after today."))
        return data

    def ends_at(self):
        """The moment the suspension ends, or None for a permanent one."""
        period = self.cleaned_data["period"]
        if period == "permanent":
            return None
        if period == "date":
            return timezone.make_aware(
                datetime.combine(self.cleaned_data["end_date"], datetime.min.time())
            )
        return timezone.now() + timedelta(days=int(period))


class SuspensionLiftForm(forms.Form):
    prefix = "lift"
    reason = _reason_field(help_text=_("Sent to the person by e-mail."))


class AppealDecisionForm(forms.Form):
    prefix = "decision"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("lift", _("Lift the suspension")), ("keep", _("Keep the suspension"))],
        widget=forms.RadioSelect,
    )
    reason = _reason_field(help_text=_("Sent to the person by e-mail."))


class SuspensionAppealForm(forms.Form):
    text = forms.CharField(
        label=_("Your appeal"),
        max_length=services.APPEAL_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Tell in your own words why the suspension should be looked at again. "
            "You can appeal once; another moderator decides."
        ),
    )


class WarnForm(forms.Form):
    reason = _reason_field()
    guideline = forms.ChoiceField(
        label=_("Community guideline"),
        choices=[("", "–"), *Guideline.choices],
        required=False,
    )
