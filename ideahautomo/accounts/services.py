"""Every write to accounts, roles and invitations; views and tests call these."""

import hashlib
import secrets
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ideahautomo.lib import ratelimit
from ideahautomo.lib.mail import send_templated_mail
from ideahautomo.lib.tasks import enqueue_on_commit

from .models import (
    STAFF_ROLES,
    AuditAction,
    AuditEvent,
    Invitation,
    InvitationBatch,
    ModerationWarning,
    Role,
    RoleAssignment,
    SignUpRequest,
    Suspension,
    TwoFactorEnrolmentLink,
    User,
    UserManager,
)
from .permissions import (
    can_decide_suspension_appeal,
    can_lift_suspension,
    can_suspend_user,
    can_use_two_factor,
    can_warn_user,
    must_use_two_factor,
)
from .signals import user_deleted

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}
SIGN_IN_SCOPE = "sign-in-account"
SIGN_IN_CLIENT_SCOPE = "sign-in-client"
SIGN_IN_LOCK_SCOPE = "sign-in-lock"
PASSWORD_RESET_SCOPE = "password-reset"  # noqa: S105 (a cache key prefix)
SIGN_UP_CLIENT_SCOPE = "sign-up-client"
SIGN_UP_ADDRESS_SCOPE = "sign-up-address"
SIGN_UP_LINK_SALT = "ideahautomo.accounts.sign_up_link"
TWO_FACTOR_LINK_SCOPE = "two-factor-link"
TWO_FACTOR_LINKS_PER_HOUR = 3
TWO_FACTOR_LINK_VALID = timedelta(minutes=30)


def audit_event_record(*, actor, action, target=None, area=None, **details):
    """Write one audit row; call inside the transaction of the write it describes.

    action: an AuditAction (an unknown action is refused, so the log keeps one vocabulary).
    """
    return AuditEvent.objects.create(
        actor=actor if actor and actor.is_authenticated else None,
        action=AuditAction(action),
        object_type=target._meta.model_name if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        area=area,
        details=details,
    )


# Users and roles


def user_create(
    *, email, display_name, password=None, language="fi", area=None, municipality=None, roles=()
):
    email = UserManager.normalize_email(email)
    user = User(
        email=email,
        display_name=display_name.strip(),
        language=language,
        area=area,
        municipality=municipality,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    with transaction.atomic():
        user.save()
        for role in roles:
            RoleAssignment.objects.create(user=user, role=role)
        user_admin_access_sync(user=user)
    return user


def user_admin_access_sync(*, user, actor=None):
    """Derive Django admin access (is_staff, is_superuser) from the administrator role.

    Called wherever roles change, so the flags never say more than the roles do.
    With an actor (a change made in the admin), a change of access is audited.
    """
    is_admin = RoleAssignment.objects.filter(user=user, role=Role.ADMINISTRATOR).exists()
    changed = (
        User.objects.filter(pk=user.pk)
        .exclude(is_staff=is_admin, is_superuser=is_admin)
        .update(is_staff=is_admin, is_superuser=is_admin)
    )
    user.is_staff = user.is_superuser = is_admin
    if changed and actor is not None:
        audit_event_record(
            actor=actor,
            action=AuditAction.USER_ADMIN_ACCESS_CHANGED,
            target=user,
            admin_access=is_admin,
        )
    user.__dict__.pop("roles", None)
    return is_admin


def role_grant(*, actor, user, role, area=None, organisation=None):
    """Give user a role (replacing the same role's area or organisation)."""
    with transaction.atomic():
        assignment, _created = RoleAssignment.objects.update_or_create(
            user=user, role=role, defaults={"area": area, "organisation": organisation}
        )
        user_admin_access_sync(user=user)
        audit_event_record(
            actor=actor, action=AuditAction.ROLE_GRANTED, target=user, area=area, role=role
        )
    return assignment


def role_revoke(*, actor, user, role):
    with transaction.atomic():
        RoleAssignment.objects.filter(user=user, role=role).delete()
        user_admin_access_sync(user=user)
        audit_event_record(actor=actor, action=AuditAction.ROLE_REVOKED, target=user, role=role)


def user_sessions_end(*, user_id):
    """Invalidate every session of a person (each carries a hash of this generation)."""
    User.objects.filter(pk=user_id).update(session_generation=F("session_generation") + 1)


def user_sign_out_everywhere(*, user):
    user_sessions_end(user_id=user.pk)
    user.refresh_from_db(fields=["session_generation"])


def user_deactivate(*, actor, user):
    """Close an account: it can no longer sign in and every open session ends."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(
            is_active=False, session_generation=F("session_generation") + 1
        )
        audit_event_record(
            actor=actor, action=AuditAction.USER_DEACTIVATED, target=user, area=user.area
        )
    user.refresh_from_db(fields=["is_active", "session_generation"])


_export_sections = {}


def register_data_export(name):
    """Decorator: features add what they keep about a person, section(user) -> JSON data."""

    def decorator(section):
        _export_sections[name] = section
        return section

    return decorator


def user_data_download(*, user):
    """user_data_export for the person's own download, recorded in the audit log."""
    audit_event_record(actor=user, action=AuditAction.USER_DATA_DOWNLOADED, target=user)
    return user_data_export(user=user)


def user_data_export(*, user):
    """Everything the service keeps about user, for them to download (GDPR art. 15 and 20)."""
    invitation = Invitation.objects.filter(accepted_user=user).select_related("area").first()
    return {
        **_account_export(user, invitation),
        **{name: section(user) for name, section in _export_sections.items()},
    }


def _account_export(user, invitation):
    return {
        "account": {
            "email": user.email,
            "name": user.display_name,
            "language": user.language,
            "municipality": user.municipality.name_fi if user.municipality else None,
            "employment_area": user.area.name if user.area else None,
            "joined": user.date_joined.isoformat(),
            "last_sign_in": user.last_login.isoformat() if user.last_login else None,
            "community_guidelines_accepted": _iso(user.guidelines_accepted_at),
            "privacy_notice_accepted": _iso(user.privacy_notice_accepted_at),
        },
        "roles": sorted(user.roles),
        "invitation": (
            {
                "employment_area": invitation.area.name,
                "sent": _iso(invitation.sent_at),
                "accepted": _iso(invitation.accepted_at),
            }
            if invitation
            else None
        ),
        "suspensions": [
            {
                "reason": suspension.reason,
                "starts": _iso(suspension.starts_at),
                "ends": _iso(suspension.ends_at),
                "lifted": _iso(suspension.lifted_at),
                "appeal": suspension.appeal_text or None,
                "appeal_decision": suspension.appeal_decision or None,
            }
            for suspension in Suspension.objects.filter(user=user).order_by("created_at")
        ],
        "warnings": [
            {"reason": warning.reason, "given": _iso(warning.created_at)}
            for warning in ModerationWarning.objects.filter(user=user).order_by("created_at")
        ],
    }


def _iso(moment):
    return moment.isoformat() if moment else None


def user_delete(*, user):
    """Delete a person's account at their own request.

    The row stays, emptied of personal data, so that what others wrote keeps a
    consistent author ("deleted user") and aggregate statistics stay right.
    """
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with transaction.atomic():
        audit_event_record(actor=user, action=AuditAction.USER_DELETED, target=user, area=user.area)
        invitations = _invitations_forget(user)
        _admin_log_forget(user, invitations)
        RoleAssignment.objects.filter(user=user).delete()
        TOTPDevice.objects.filter(user=user).delete()
        SignUpRequest.objects.filter(user=user).delete()
        # What moderators wrote to and about the person, and what they wrote back.
        Suspension.objects.filter(user=user).delete()
        ModerationWarning.objects.filter(user=user).delete()
        user.email = f"poistettu-{user.pk}@poistettu.invalid"
        user.display_name = _("Deleted user")
        user.municipality = None
        user.is_active = False
        user.is_staff = user.is_superuser = False
        user.set_unusable_password()
        user.session_generation += 1
        user.save()
        user_deleted.send(sender=User, user=user)


def _invitations_forget(user):
    """Every invitation to the person (accepted, revoked, expired or still open, to the
    address however written) keeps only what the statistics count: its area and dates.
    The name and address go, and an open one is revoked and its link stops working.
    Returns their ids."""
    theirs = Invitation.objects.filter(Q(accepted_user=user) | Q(email__iexact=user.email))
    ids = list(theirs.values_list("pk", flat=True))
    Invitation.objects.filter(pk__in=ids).open().update(revoked_at=timezone.now())
    Invitation.objects.filter(pk__in=ids).update(
        email=Concat(
            Value("poistettu-kutsu-"), Cast("pk", CharField()), Value("@poistettu.invalid")
        ),
        name="",
        token_hash=None,
    )
    return ids


def _admin_log_forget(user, invitation_ids):
    """Django admin's change log names what was changed: the person's account, roles,
    sign-up request and invitations lose their names there."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    def ids_of(queryset):
        return [str(pk) for pk in queryset.values_list("pk", flat=True)]

    about_them = Q(object_repr__iexact=user.display_name) | Q(object_repr__icontains=user.email)
    for model, ids in [
        (User, [str(user.pk)]),
        (Invitation, [str(pk) for pk in invitation_ids]),
        (RoleAssignment, ids_of(RoleAssignment.objects.filter(user=user))),
        (SignUpRequest, ids_of(SignUpRequest.objects.filter(user=user))),
    ]:
        about_them |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    LogEntry.objects.filter(about_them).update(object_repr=_("Deleted user"))


def user_update_municipality(*, user, municipality):
    if municipality is not None and not municipality.is_active:
        raise ValidationError(_("This municipality no longer exists."), code="municipality")
    User.objects.filter(pk=user.pk).update(municipality=municipality)
    user.municipality = municipality


def user_update_language(*, user, language):
    if language not in LANGUAGE_CODES:
        raise ValidationError(_("Unknown language."), code="language")
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language


def user_update_settings(*, user, display_name, language):
    user.display_name = display_name.strip()
    user.language = language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["display_name", "language"])
    return user


# Sign-in throttling: the same answer whether or not the account exists.


def sign_in_blocked(*, email, client):
    """True when this address is locked or this client has failed too often."""
    email = UserManager.normalize_email(email)
    if ratelimit.count(SIGN_IN_LOCK_SCOPE, email):
        return True
    return ratelimit.count(SIGN_IN_CLIENT_SCOPE, client) >= settings.SIGN_IN_FAILURES_PER_CLIENT


def sign_in_failed(*, email, client):
    """Count a failed sign-in; the fifth for one address within the window locks it."""
    email = UserManager.normalize_email(email)
    window = settings.SIGN_IN_FAILURE_WINDOW
    ratelimit.hit(SIGN_IN_CLIENT_SCOPE, client, window=window)
    failures = ratelimit.hit(SIGN_IN_SCOPE, email, window=window)
    if failures >= settings.SIGN_IN_FAILURES_PER_ACCOUNT:
        ratelimit.hit(SIGN_IN_LOCK_SCOPE, email, window=settings.SIGN_IN_LOCK_SECONDS)
        ratelimit.reset(SIGN_IN_SCOPE, email)


def sign_in_succeeded(*, email):
    ratelimit.reset(SIGN_IN_SCOPE, UserManager.normalize_email(email))


def sign_in_unlock(*, email):
    email = UserManager.normalize_email(email)
    ratelimit.reset(SIGN_IN_SCOPE, email)
    ratelimit.reset(SIGN_IN_LOCK_SCOPE, email)


def password_reset_request(*, email):
    """Queue a reset e-mail to an active account, at most a few per address an hour.

    Says nothing about whether the account exists: the caller shows the same page.
    """
    from .tasks import send_password_reset

    email = UserManager.normalize_email(email)
    if not ratelimit.allow(
        PASSWORD_RESET_SCOPE,
        email,
        limit=settings.PASSWORD_RESETS_PER_ADDRESS,
        window=settings.PASSWORD_RESET_WINDOW,
    ):
        return
    user = User.objects.filter(email=email, is_active=True).first()
    if user is None or not user.has_usable_password():
        return
    enqueue_on_commit(send_password_reset, user.pk)


def password_reset_send(*, user_id):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    send_templated_mail(
        to=user.email,
        template="accounts/email/password_reset",
        context={"user": user, "url": settings.SITE_URL + path},
        language=user.language,
    )


# Two-step sign-in (TOTP)


def two_factor_enrolment_link_request(*, user):
    """Queue a one-time link to the person's own address that lets a session set up its
    first authenticator: the password alone must not be enough to bind one."""
    from .tasks import send_two_factor_enrolment_link

    if not can_use_two_factor(user):
        raise ValidationError(_("Two-step sign-in is for staff."), code="not_staff")
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ValidationError(_("Two-step sign-in is already on."), code="already_on")
    if not ratelimit.allow(
        TWO_FACTOR_LINK_SCOPE, user.pk, limit=TWO_FACTOR_LINKS_PER_HOUR, window=60 * 60
    ):
        raise ValidationError(
            _(
                "You have asked for %(count)d links within an hour. Use the newest link "
                "in your e-mail, or try again in an hour."
            )
            % {"count": TWO_FACTOR_LINKS_PER_HOUR},
            code="rate_limited",
        )
    enqueue_on_commit(send_two_factor_enrolment_link, user.pk)


def two_factor_enrolment_link_send(*, user_id):
    """Make a fresh link (older ones stop working) and e-mail it in the person's language."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        TwoFactorEnrolmentLink.objects.filter(user=user).delete()
        TwoFactorEnrolmentLink.objects.create(
            user=user,
            token_hash=_token_hash(token),
            expires_at=timezone.now() + TWO_FACTOR_LINK_VALID,
        )
        # Sent inside the transaction: if the mail server refuses, no link is left behind.
        send_templated_mail(
            to=user.email,
            template="accounts/email/two_factor_link",
            context={
                "user": user,
                "url": settings.SITE_URL + reverse("accounts:two_factor_link", args=[token]),
                "valid_minutes": int(TWO_FACTOR_LINK_VALID.total_seconds() // 60),
            },
            language=user.language,
        )
    return True


def two_factor_enrolment_link_use(*, user, token):
    """Use up user's link; True when it was theirs, unused and still valid."""
    if not token or len(token) > 100:
        return False
    deleted, _rows = TwoFactorEnrolmentLink.objects.filter(
        user=user, token_hash=_token_hash(token), expires_at__gt=timezone.now()
    ).delete()
    if deleted:
        audit_event_record(actor=user, action=AuditAction.TWO_FACTOR_LINK_USED, target=user)
    return bool(deleted)


def two_factor_new_key():
    """A new random authenticator key, as hex (what TOTPDevice.key holds)."""
    return secrets.token_hex(20)


def two_factor_enable(*, user, key, code):
    """Bind the authenticator holding key to user once it shows a right code.

    The caller makes sure the session may set one up (see views.enrolment_allowed).
    """
    if not can_use_two_factor(user):
        raise ValidationError(_("Two-step sign-in is for staff."), code="not_staff")
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ValidationError(_("Two-step sign-in is already on."), code="already_on")
    device = TOTPDevice(user=user, name=_("Authenticator app"), key=key, confirmed=True)
    checker = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    checker.time = time.time()
    if not (code.isdigit() and checker.verify(int(code), device.tolerance)):
        raise ValidationError(
            {"code": _("The code is wrong or has expired. Enter the newest code from the app.")},
            code="invalid",
        )
    device.last_t = checker.t()
    device.drift = checker.drift
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device.save()
        TwoFactorEnrolmentLink.objects.filter(user=user).delete()
        audit_event_record(actor=user, action=AuditAction.TWO_FACTOR_ENABLED, target=user)
    return device


def two_factor_disable(*, user, password, code):
    """Turn two-step sign-in off with the password and a current code, unless the person's
    roles require it. Every session of the person ends with the authenticator."""
    if must_use_two_factor(user):
        raise ValidationError(
            _("Your role requires two-step sign-in, so it cannot be turned off."),
            code="required",
        )
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        raise ValidationError(_("Two-step sign-in is not on."), code="not_on")
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        raise ValidationError(
            {"code": _("Too many wrong attempts. Wait a moment and try again.")},
            code="throttled",
        )
    if not user.check_password(password):
        device.throttle_increment()
        raise ValidationError({"password": _("The password is wrong.")}, code="wrong")
    if not (code.isdigit() and device.verify_token(code)):
        raise ValidationError(
            {"code": _("The code is wrong or has expired. Enter the newest code from the app.")},
            code="invalid",
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        audit_event_record(actor=user, action=AuditAction.TWO_FACTOR_DISABLED, target=user)


# Invitations (tunnusten tilaaminen)


def _token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _has_account_message():
    return _("This person already has an account.")


def _open_invitation_message():
    return _("This address already has an open invitation; resend it from the list instead.")


def emails_in_use(emails):
    """Of the given addresses, those that already have an account or an open invitation,
    each with the reason, in two queries whatever the number of addresses."""
    emails = list(emails)
    in_use = {
        email: _open_invitation_message()
        for email in Invitation.objects.open()
        .filter(email__in=emails)
        .values_list("email", flat=True)
    }
    accounts = User.objects.filter(email__in=emails).exclude(pk__in=_pending_applicants(emails))
    for email in accounts.values_list("email", flat=True):
        in_use[email] = _has_account_message()
    return in_use


def _pending_applicants(emails):
    """Accounts of these addresses that are only an undecided sign-up: an invitation wins."""
    return User.objects.filter(
        email__in=emails,
        is_active=False,
        sign_up_request__isnull=False,
        sign_up_request__decided_at__isnull=True,
    ).values("pk")


def _sign_ups_give_way(*, actor, emails):
    """Drop the undecided sign-ups of addresses that are being invited; call inside the
    transaction that creates or accepts the invitation."""
    applicants = list(User.objects.filter(pk__in=_pending_applicants(list(emails))))
    for applicant in applicants:
        audit_event_record(
            actor=actor, action=AuditAction.SIGN_UP_REPLACED_BY_INVITATION, target=applicant
        )
        applicant.delete()


# (events, seconds) per staff member, or per invitation for "resend-one": a flood of
# invitations is refused with a clear message.
INVITATION_LIMITS = {
    "invitation": (60, 60 * 60),
    "file": (10, 60 * 60),
    "resend": (30, 60 * 60),
    "resend-one": (3, 24 * 60 * 60),
}


def _invitation_limit(kind, identity):
    count, window = INVITATION_LIMITS[kind]
    if ratelimit.allow(f"invitations-{kind}", identity, limit=count, window=window):
        return
    if kind == "resend-one":
        message = _(
            "This invitation has been sent %(count)d times in a day. Check the address with "
            "the person, or send it again tomorrow."
        ) % {"count": count}
    else:
        message = _(
            "You are sending invitations very fast. Wait a while: %(count)d in %(minutes)d "
            "minutes at most."
        ) % {"count": count, "minutes": window // 60}
    raise ValidationError(message, code="rate_limited")


def invitation_problems(*, email, name, language, in_use=None):
    """What keeps one invitation from being created, as user-readable messages."""
    problems = []
    if not name.strip():
        problems.append(_("The name is missing."))
    elif len(name.strip()) > 100:
        problems.append(_("The name is longer than 100 characters."))
    try:
        validate_email(email)
    except ValidationError:
        problems.append(_("“%(email)s” is not a valid e-mail address.") % {"email": email})
        return problems
    if language not in LANGUAGE_CODES:
        problems.append(
            _("Unknown language “%(code)s”: use fi, sv, en or uk.") % {"code": language}
        )
    if in_use is None:
        in_use = emails_in_use([email])
    if email in in_use:
        problems.append(in_use[email])
    return problems


def invitation_create(
    *,
    actor,
    email,
    name,
    language,
    area,
    role=Role.MEMBER,
    also_member=False,
    batch=None,
    organisation=None,
):
    """Create an invitation and queue its e-mail once the transaction commits.

    A staff role comes without the member role unless also_member asks for both.
    A partner is invited as the staff of one organisation, and only a partner is.
    """
    email = UserManager.normalize_email(email)
    problems = invitation_problems(email=email, name=name, language=language)
    if role == Role.PARTNER and organisation is None:
        problems.append(_("Choose the organisation the partner works for."))
    if role != Role.PARTNER:
        organisation = None
    if problems:
        raise ValidationError(problems)
    _invitation_limit("invitation", actor.pk)
    invitation = Invitation(
        email=email,
        name=name.strip(),
        language=language,
        role=role,
        also_member=also_member and role in STAFF_ROLES,
        area=area,
        organisation=organisation,
        invited_by=actor,
        batch=batch,
    )
    invitation.full_clean(exclude=["token_hash"])
    try:
        with transaction.atomic():
            _sign_ups_give_way(actor=actor, emails=[email])
            invitation.save()
            audit_event_record(
                actor=actor, action=AuditAction.INVITATION_CREATED, target=invitation, area=area
            )
    except IntegrityError as error:
        raise ValidationError(_open_invitation_message()) from error
    _queue_invitation_email(invitation, unsent_only=True)
    return invitation


def invitation_batch_create(*, actor, area, rows, file_name):
    """Create all invitations of a checked file, or none of them.

    rows: dicts with name, email and language. They are checked again here, since
    accounts and invitations may have appeared after the preview.
    """
    rows = [{**row, "email": UserManager.normalize_email(row["email"])} for row in rows]
    in_use = emails_in_use(row["email"] for row in rows)
    seen = set()
    for row in rows:
        problems = invitation_problems(
            email=row["email"], name=row["name"], language=row["language"], in_use=in_use
        )
        if row["email"] in seen:
            problems.append(_("The same address is in the file twice."))
        seen.add(row["email"])
        if problems:
            raise ValidationError(
                [f"{row['email']}: {problem}" for problem in problems], code="row"
            )
    _invitation_limit("file", actor.pk)
    try:
        with transaction.atomic():
            _sign_ups_give_way(actor=actor, emails=seen)
            batch = InvitationBatch.objects.create(
                area=area, created_by=actor, file_name=file_name[:255]
            )
            invitations = Invitation.objects.bulk_create(
                Invitation(
                    email=row["email"],
                    name=row["name"].strip(),
                    language=row["language"],
                    area=area,
                    invited_by=actor,
                    batch=batch,
                )
                for row in rows
            )
            audit_event_record(
                actor=actor,
                action=AuditAction.INVITATION_BATCH_CREATED,
                target=batch,
                area=area,
                rows=len(rows),
            )
    except IntegrityError as error:
        raise ValidationError(_open_invitation_message()) from error
    for invitation in invitations:
        _queue_invitation_email(invitation, unsent_only=True)
    return batch


def _queue_invitation_email(invitation, *, unsent_only):
    from .tasks import send_invitation

    enqueue_on_commit(send_invitation, invitation.pk, unsent_only=unsent_only)


def invitation_send(*, invitation_id, unsent_only=False):
    """Give the invitation a fresh token and e-mail its link; the old link stops working.

    With unsent_only (the first sending, and the sweep of lost ones) nothing is sent if
    the invitation has gone out already: whichever comes first sends it, once.
    """
    with transaction.atomic():
        invitations = Invitation.objects.select_for_update(of=("self",)).filter(
            pk=invitation_id, accepted_at__isnull=True, revoked_at__isnull=True
        )
        if unsent_only:
            invitations = invitations.filter(sent_at__isnull=True)
        invitation = invitations.select_related("area", "invited_by").first()
        if invitation is None:
            return False
        token = secrets.token_urlsafe(32)
        now = timezone.now()
        invitation.token_hash = _token_hash(token)
        invitation.sent_at = now
        invitation.expires_at = now + timedelta(days=settings.INVITATION_VALID_DAYS)
        invitation.opened_at = None
        invitation.send_count += 1
        invitation.save(
            update_fields=["token_hash", "sent_at", "expires_at", "opened_at", "send_count"]
        )
        # Sent inside the transaction: if the mail server refuses, nothing says "sent".
        send_templated_mail(
            to=invitation.email,
            template="accounts/email/invitation",
            context={
                "invitation": invitation,
                "url": settings.SITE_URL + reverse("accounts:invitation", args=[token]),
                "valid_days": settings.INVITATION_VALID_DAYS,
            },
            language=invitation.language,
        )
    return True


def invitation_resend(*, actor, invitation):
    if not invitation.is_open:
        raise ValidationError(_("An accepted or revoked invitation cannot be sent again."))
    _invitation_limit("resend-one", invitation.pk)
    _invitation_limit("resend", actor.pk)
    with transaction.atomic():
        audit_event_record(
            actor=actor,
            action=AuditAction.INVITATION_RESENT,
            target=invitation,
            area=invitation.area,
        )
    _queue_invitation_email(invitation, unsent_only=False)


# A worker sends an invitation within seconds; one still waiting after this long was lost.
LOST_INVITATION_AFTER = timedelta(minutes=10)


def invitations_send_lost(*, now=None):
    """Send the invitations whose first e-mail a stopped worker or a lost task left
    unsent; safe beside the worker and another sweep. Returns how many were sent."""
    now = now or timezone.now()
    waiting = Invitation.objects.in_state("queued", now=now).filter(
        created_at__lte=now - LOST_INVITATION_AFTER
    )
    return sum(
        invitation_send(invitation_id=pk, unsent_only=True)
        for pk in waiting.order_by("pk").values_list("pk", flat=True)
    )


def invitation_revoke(*, actor, invitation):
    if not invitation.is_open:
        raise ValidationError(_("This invitation has already been accepted or revoked."))
    with transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
        audit_event_record(
            actor=actor,
            action=AuditAction.INVITATION_REVOKED,
            target=invitation,
            area=invitation.area,
        )
    invitation.refresh_from_db()


def invitation_by_token(token):
    """The invitation a link points to, whatever its state, or None for an unknown link."""
    if not token or len(token) > 100:
        return None
    return Invitation.objects.select_related("area").filter(token_hash=_token_hash(token)).first()


def invitation_mark_opened(*, invitation):
    if invitation.opened_at is None and invitation.is_open:
        Invitation.objects.filter(pk=invitation.pk, opened_at__isnull=True).update(
            opened_at=timezone.now()
        )


def invitation_accept(*, invitation, password):
    """Create the member's account from a valid invitation; the link is then used up."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.state not in (Invitation.State.SENT, Invitation.State.OPENED):
            raise ValidationError(_("This invitation link can no longer be used."))
        _sign_ups_give_way(actor=None, emails=[locked.email])
        if User.objects.filter(email=locked.email).exists():
            raise ValidationError(_has_account_message())
        now = timezone.now()
        user = User(
            email=locked.email,
            display_name=locked.name,
            language=locked.language,
            area=locked.area,
            guidelines_accepted_at=now,
            privacy_notice_accepted_at=now,
        )
        validate_password(password, user)
        user.set_password(password)
        user.full_clean()
        user.save()
        area = locked.area if locked.role == Role.CONTACT_PERSON else None
        organisation = locked.organisation if locked.role == Role.PARTNER else None
        RoleAssignment.objects.create(
            user=user, role=locked.role, area=area, organisation=organisation
        )
        # Mentors and partners use the community; staff only when invited as members too.
        if locked.role != Role.MEMBER and (locked.role not in STAFF_ROLES or locked.also_member):
            RoleAssignment.objects.create(user=user, role=Role.MEMBER)
        user_admin_access_sync(user=user)
        locked.accepted_at = now
        locked.accepted_user = user
        locked.save(update_fields=["accepted_at", "accepted_user"])
        audit_event_record(
            actor=user, action=AuditAction.INVITATION_ACCEPTED, target=locked, area=locked.area
        )
    return user


# Open sign-up with approval (only when SIGNUP_OPEN is on)


def sign_up_start(*, email, language, client):
    """Queue the e-mail that lets the owner of email go on with an application.

    Nothing is kept before the link in it is opened. The caller shows the same page
    whether or not the address has an account: that person gets an e-mail saying so.
    A client that applies too often is told so; an address asked for too often is
    quietly sent nothing more.
    """
    from .tasks import send_sign_up_link

    email = UserManager.normalize_email(email)
    if language not in LANGUAGE_CODES:
        language = settings.LANGUAGE_CODE
    if not ratelimit.allow(
        SIGN_UP_CLIENT_SCOPE,
        client,
        limit=settings.SIGN_UPS_PER_CLIENT,
        window=settings.SIGN_UP_WINDOW,
    ):
        raise ValidationError(
            _("Many applications have been sent from your connection. Try again in an hour."),
            code="rate_limited",
        )
    if not ratelimit.allow(
        SIGN_UP_ADDRESS_SCOPE,
        email,
        limit=settings.SIGN_UPS_PER_ADDRESS,
        window=settings.SIGN_UP_WINDOW,
    ):
        return
    enqueue_on_commit(send_sign_up_link, email, language)


def sign_up_link_send(*, email, language):
    """E-mail the link to go on with an application, or, to an address that already has an
    account, how to sign in instead."""
    user = User.objects.filter(email=email).first()
    if user is not None:
        send_templated_mail(
            to=email,
            template="accounts/email/sign_up_known",
            context={
                "user": user,
                "pending": SignUpRequest.objects.filter(
                    user=user, decided_at__isnull=True
                ).exists(),
                "sign_in_url": settings.SITE_URL + reverse("accounts:sign_in"),
                "password_reset_url": settings.SITE_URL + reverse("accounts:password_reset"),
            },
            language=user.language,
        )
        return
    token = signing.dumps({"email": email, "language": language}, salt=SIGN_UP_LINK_SALT)
    send_templated_mail(
        to=email,
        template="accounts/email/sign_up_link",
        context={
            "url": settings.SITE_URL + reverse("accounts:sign_up_continue", args=[token]),
            "valid_hours": settings.SIGN_UP_LINK_VALID_SECONDS // 3600,
        },
        language=language,
    )


def sign_up_link_read(token):
    """What a sign-up link is good for: (state, link) where state is "usable", "unknown",
    "expired", "used" (the address has an account or an application) or "invited"
    (an open invitation wins), and link holds the proven email and the language."""
    if not token or len(token) > 500:
        return "unknown", None
    try:
        link = signing.loads(
            token, salt=SIGN_UP_LINK_SALT, max_age=settings.SIGN_UP_LINK_VALID_SECONDS
        )
    except signing.SignatureExpired:
        return "expired", None
    except signing.BadSignature:
        return "unknown", None
    if User.objects.filter(email=link["email"]).exists():
        return "used", link
    if Invitation.objects.open().filter(email=link["email"]).exists():
        return "invited", link
    return "usable", link


def sign_up_request_create(*, email, display_name, password, language, municipality, message=""):
    """An application waiting for approval, from an address the applicant has proven."""
    email = UserManager.normalize_email(email)
    if User.objects.filter(email=email).exists():
        raise ValidationError(_("This link has already been used."), code="used")
    if Invitation.objects.open().filter(email=email).exists():
        raise ValidationError(
            _("You have already been invited: use the link in your invitation e-mail."),
            code="invited",
        )
    with transaction.atomic():
        user = User(
            email=email,
            display_name=display_name.strip(),
            language=language,
            municipality=municipality,
            area=municipality.employment_area if municipality else None,
            is_active=False,
        )
        validate_password(password, user)
        user.set_password(password)
        user.full_clean()
        user.save()
        request = SignUpRequest.objects.create(user=user, message=message.strip())
    return request


def sign_up_request_decide(*, actor, sign_up_request, approve):
    from .tasks import send_sign_up_decision

    with transaction.atomic():
        locked = SignUpRequest.objects.select_for_update().get(pk=sign_up_request.pk)
        if locked.decided_at is not None:
            raise ValidationError(_("This request has already been decided."))
        locked.decided_at = timezone.now()
        locked.decided_by = actor
        locked.approved = approve
        locked.save(update_fields=["decided_at", "decided_by", "approved"])
        user = locked.user
        if approve:
            now = timezone.now()
            User.objects.filter(pk=user.pk).update(
                is_active=True, guidelines_accepted_at=now, privacy_notice_accepted_at=now
            )
            RoleAssignment.objects.get_or_create(user=user, role=Role.MEMBER)
            user_admin_access_sync(user=user)
        audit_event_record(
            actor=actor,
            action=AuditAction.SIGN_UP_APPROVED if approve else AuditAction.SIGN_UP_DECLINED,
            target=user,
            area=user.area,
        )
        enqueue_on_commit(send_sign_up_decision, locked.pk)
    return locked


def sign_up_decision_send(*, sign_up_request_id):
    request = SignUpRequest.objects.select_related("user").get(pk=sign_up_request_id)
    send_templated_mail(
        to=request.user.email,
        template="accounts/email/sign_up_decision",
        context={"request": request, "url": settings.SITE_URL + reverse("accounts:sign_in")},
        language=request.user.language,
    )
    if not request.approved:
        request.user.delete()


# Suspensions, appeals and warnings (moderators' work on accounts)

MODERATOR_ACTION_SCOPE = "moderator-action"
MODERATOR_ACTIONS_PER_HOUR = 60
APPEAL_CLIENT_SCOPE = "suspension-appeal-client"
APPEALS_PER_CLIENT_PER_HOUR = 5
REASON_MAX_LENGTH = 1000
APPEAL_MAX_LENGTH = 2000


def _moderator_limit(actor):
    if not ratelimit.allow(
        MODERATOR_ACTION_SCOPE, actor.pk, limit=MODERATOR_ACTIONS_PER_HOUR, window=60 * 60
    ):
        raise ValidationError(
            _("You have made many moderation actions within an hour. Try again later."),
            code="rate_limited",
        )


def _text_required(text, *, max_length):
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write the reason."), code="required")
    if len(text) > max_length:
        raise ValidationError(
            _("Write at most %(count)d characters.") % {"count": max_length}, code="max_length"
        )
    return text


def _queue_suspension_mail(suspension, kind):
    from .tasks import send_suspension_mail

    enqueue_on_commit(send_suspension_mail, suspension.pk, kind)


def user_suspend(*, user, by, reason, ends_at=None, guideline=""):
    """Suspend user's account until ends_at (None: for good) and end all their sessions.

    The person is e-mailed the reason and the end in their own language after commit.
    """
    if not can_suspend_user(by, user):
        raise ValidationError(_("You cannot suspend this account."), code="not_allowed")
    reason = _text_required(reason, max_length=REASON_MAX_LENGTH)
    now = timezone.now()
    if ends_at is not None and ends_at <= now:
        raise ValidationError(_("The end must be in the future."), code="past")
    suspension = Suspension(
        user=user,
        suspended_by=by,
        reason=reason,
        guideline=guideline,
        starts_at=now,
        ends_at=ends_at,
        created_at=now,
    )
    suspension.full_clean()
    _moderator_limit(by)
    with transaction.atomic():
        # One suspension in force at a time: the person's row serialises two moderators.
        User.objects.select_for_update().filter(pk=user.pk).first()
        if Suspension.objects.active(now=now).filter(user=user).exists():
            raise ValidationError(_("This account is already suspended."), code="already")
        suspension.save()
        user_sessions_end(user_id=user.pk)
        audit_event_record(
            actor=by,
            action=AuditAction.USER_SUSPENDED,
            target=user,
            area=user.area,
            suspension=suspension.pk,
            ends_at=_iso(ends_at),
            guideline=guideline,
        )
        _queue_suspension_mail(suspension, "suspended")
    user.refresh_from_db(fields=["session_generation"])
    return suspension


def suspension_lift(*, suspension, by, reason):
    """End a suspension now; an appeal still waiting is decided with it."""
    if not can_lift_suspension(by, suspension):
        raise ValidationError(_("You cannot lift this suspension."), code="not_allowed")
    reason = _text_required(reason, max_length=REASON_MAX_LENGTH)
    _moderator_limit(by)
    with transaction.atomic():
        locked = Suspension.objects.select_for_update().get(pk=suspension.pk)
        now = timezone.now()
        if not locked.is_active_at(now):
            raise ValidationError(_("This suspension is no longer in force."), code="ended")
        locked.lifted_at = now
        locked.lifted_by = by
        locked.lift_reason = reason
        fields = ["lifted_at", "lifted_by", "lift_reason"]
        if locked.appeal_is_open:
            locked.appeal_decided_at = now
            locked.appeal_decided_by = by
            locked.appeal_decision = Suspension.AppealDecision.LIFT
            locked.appeal_decision_reason = reason
            fields += [
                "appeal_decided_at",
                "appeal_decided_by",
                "appeal_decision",
                "appeal_decision_reason",
            ]
        locked.save(update_fields=fields)
        audit_event_record(
            actor=by, action=AuditAction.SUSPENSION_LIFTED, target=locked, area=locked.user.area
        )
        _queue_suspension_mail(locked, "lifted")
    return locked


def suspension_appeal_create(*, suspension, text, client):
    """The suspended person asks once for another look; moderators see it in their list."""
    text = _text_required(text, max_length=APPEAL_MAX_LENGTH)
    if not ratelimit.allow(
        APPEAL_CLIENT_SCOPE, client, limit=APPEALS_PER_CLIENT_PER_HOUR, window=60 * 60
    ):
        raise ValidationError(
            _("Many appeals have been sent from your connection. Try again in an hour."),
            code="rate_limited",
        )
    with transaction.atomic():
        locked = Suspension.objects.select_for_update().get(pk=suspension.pk)
        if locked.appealed_at is not None:
            raise ValidationError(_("You have already appealed this suspension."), code="used")
        if not locked.is_active_at(timezone.now()):
            raise ValidationError(_("This suspension is no longer in force."), code="ended")
        locked.appeal_text = text
        locked.appealed_at = timezone.now()
        locked.save(update_fields=["appeal_text", "appealed_at"])
        audit_event_record(
            actor=locked.user,
            action=AuditAction.SUSPENSION_APPEALED,
            target=locked,
            area=locked.user.area,
        )
    return locked


def suspension_appeal_decide(*, suspension, by, lift, reason):
    """Decide an appeal (by a moderator other than the one who suspended): lift the
    suspension or keep it; the person is e-mailed the decision and its reason."""
    if not can_decide_suspension_appeal(by, suspension):
        raise ValidationError(_("You cannot decide this appeal."), code="not_allowed")
    reason = _text_required(reason, max_length=REASON_MAX_LENGTH)
    _moderator_limit(by)
    with transaction.atomic():
        locked = Suspension.objects.select_for_update().get(pk=suspension.pk)
        if not locked.appeal_is_open:
            raise ValidationError(_("This appeal has already been decided."), code="decided")
        now = timezone.now()
        locked.appeal_decided_at = now
        locked.appeal_decided_by = by
        locked.appeal_decision = (
            Suspension.AppealDecision.LIFT if lift else Suspension.AppealDecision.KEEP
        )
        locked.appeal_decision_reason = reason
        fields = ["appeal_decided_at", "appeal_decided_by", "appeal_decision"]
        fields.append("appeal_decision_reason")
        if lift and locked.is_active_at(now):
            locked.lifted_at = now
            locked.lifted_by = by
            locked.lift_reason = reason
            fields += ["lifted_at", "lifted_by", "lift_reason"]
        locked.save(update_fields=fields)
        audit_event_record(
            actor=by,
            action=AuditAction.SUSPENSION_APPEAL_DECIDED,
            target=locked,
            area=locked.user.area,
            decision=locked.appeal_decision,
        )
        _queue_suspension_mail(locked, "appeal_decided")
    return locked


def suspension_mail_send(*, suspension_id, kind):
    """E-mail the person about their suspension (kind: suspended, lifted, appeal_decided)."""
    suspension = Suspension.objects.select_related("user").filter(pk=suspension_id).first()
    if suspension is None or not suspension.user.is_active:
        return
    send_templated_mail(
        to=suspension.user.email,
        template="accounts/email/suspension",
        context={
            "suspension": suspension,
            "kind": kind,
            "guidelines_url": settings.SITE_URL + reverse("pages:guidelines"),
            "sign_in_url": settings.SITE_URL + reverse("accounts:sign_in"),
        },
        language=suspension.user.language,
    )


def user_warn(*, user, by, reason, guideline=""):
    """Warn a person: kept on their moderation record and e-mailed to them."""
    from .tasks import send_warning

    if not can_warn_user(by, user):
        raise ValidationError(_("You cannot warn this person."), code="not_allowed")
    reason = _text_required(reason, max_length=REASON_MAX_LENGTH)
    warning = ModerationWarning(user=user, warned_by=by, reason=reason, guideline=guideline)
    warning.full_clean()
    _moderator_limit(by)
    with transaction.atomic():
        warning.save()
        audit_event_record(
            actor=by,
            action=AuditAction.USER_WARNED,
            target=user,
            area=user.area,
            warning=warning.pk,
            guideline=guideline,
        )
        enqueue_on_commit(send_warning, warning.pk)
    return warning


def warning_mail_send(*, warning_id):
    warning = ModerationWarning.objects.select_related("user").filter(pk=warning_id).first()
    if warning is None or not warning.user.is_active:
        return
    send_templated_mail(
        to=warning.user.email,
        template="accounts/email/warning",
        context={
            "warning": warning,
            "guidelines_url": settings.SITE_URL + reverse("pages:guidelines"),
        },
        language=warning.user.language,
    )
