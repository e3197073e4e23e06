"""Suspensions: the services, sign-in refused with the reason, old sessions ended,
the one appeal decided by another moderator, warnings, and the e-mails."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation

from ideahautomo.accounts import selectors, services
from ideahautomo.accounts.models import AuditAction, AuditEvent, Role, Suspension

from .factories import PASSWORD, UserFactory, authenticator_for, current_code, user_with_role

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:sign_in")
SUSPENDED = reverse("accounts:suspended")


def sign_in(client, email, password=PASSWORD):
    return client.post(SIGN_IN, {"email": email, "password": password})


def suspend(cast, person=None, *, days=7, capture=None, **extra):
    ends_at = timezone.now() + timedelta(days=days) if days else None
    values = {"reason": "Toistuvaa häiritsevää viestittelyä.", "ends_at": ends_at, **extra}
    if capture is None:
        return services.user_suspend(user=person or cast.member, by=cast.moderator, **values)
    with capture(execute=True):
        return services.user_suspend(user=person or cast.member, by=cast.moderator, **values)


# The service


def test_suspending_audits_and_emails_the_reason_and_end_in_the_persons_language(
    cast, django_capture_on_commit_callbacks
):
    cast.member.language = "sv"
    cast.member.save()

    suspension = suspend(cast, capture=django_capture_on_commit_callbacks)

    assert selectors.suspension_active_for(cast.member) == suspension
    event = AuditEvent.objects.get(action=AuditAction.USER_SUSPENDED)
    assert event.actor == cast.moderator
    assert event.object_id == str(cast.member.pk)
    assert "häiritsevää" not in str(event.details)
    [message] = mail.outbox
    assert message.to == [cast.member.email]
    assert "Toistuvaa häiritsevää viestittelyä." in message.body
    assert "stängts av" in message.subject
    with translation.override("sv"):
        end = formats.date_format(timezone.localtime(suspension.ends_at), "SHORT_DATETIME_FORMAT")
    assert f"till {end}" in message.body


def test_a_permanent_suspension_says_so_in_the_email(cast, django_capture_on_commit_callbacks):
    suspend(cast, days=None, capture=django_capture_on_commit_callbacks)
    assert "pysyvästi" in mail.outbox[0].body


@pytest.mark.parametrize(
    "role", ["contact_person", "project_manager", "moderator", "administrator"]
)
def test_staff_cannot_be_suspended(cast, role):
    with pytest.raises(ValidationError):
        suspend(cast, cast.by_role()[role])
    assert not Suspension.objects.exists()


def test_a_moderator_cannot_suspend_themselves_nor_may_others_suspend(cast):
    with pytest.raises(ValidationError):
        services.user_suspend(user=cast.moderator, by=cast.moderator, reason="x")
    for actor in (cast.administrator, cast.project_manager, cast.member):
        with pytest.raises(ValidationError):
            services.user_suspend(user=cast.member, by=actor, reason="x")
    assert not Suspension.objects.exists()


@pytest.mark.parametrize(("reason", "days"), [("", 7), ("   ", 7), ("x" * 1001, 7), ("Syy", -1)])
def test_bad_input_saves_nothing(cast, reason, days):
    with pytest.raises(ValidationError):
        services.user_suspend(
            user=cast.member,
            by=cast.moderator,
            reason=reason,
            ends_at=timezone.now() + timedelta(days=days),
        )
    assert not Suspension.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.USER_SUSPENDED).exists()


def test_one_suspension_in_force_at_a_time(cast):
    suspend(cast)
    with pytest.raises(ValidationError) as refused:
        suspend(cast)
    assert refused.value.code == "already"
    assert Suspension.objects.count() == 1


def test_a_suspension_ends_by_itself_at_its_end(cast):
    suspension = suspend(cast, days=3)
    assert selectors.suspension_active_for(cast.member) == suspension
    later = timezone.now() + timedelta(days=3, minutes=1)
    assert selectors.suspension_active_for(cast.member, now=later) is None


# Sign-in and sessions


def test_suspending_ends_every_open_session_at_once(cast):
    phone, laptop = Client(), Client()
    for device in (phone, laptop):
        device.force_login(cast.member, backend="ideahautomo.accounts.backends.EmailBackend")
        assert device.get(reverse("accounts:settings")).status_code == 200

    suspend(cast)

    for device in (phone, laptop):
        response = device.get(reverse("accounts:settings"))
        assert response.status_code == 302
        assert response["Location"].startswith(SIGN_IN)


def test_suspended_person_with_the_right_password_reads_reason_and_end_and_is_not_signed_in(
    client, cast
):
    suspend(cast, days=7)

    response = sign_in(client, cast.member.email)

    assert response.status_code == 302
    assert response["Location"] == SUSPENDED
    assert "_auth_user_id" not in client.session
    page = client.get(SUSPENDED).content.decode()
    assert "Tilisi on jäädytetty" in page
    assert "Toistuvaa häiritsevää viestittelyä." in page
    assert "Lähetä valitus" in page
    assert client.get(reverse("accounts:settings")).status_code == 302


def test_the_suspended_page_speaks_the_persons_language_and_says_permanently(client, cast):
    cast.member.language = "en"
    cast.member.save()
    suspend(cast, days=None)

    sign_in(client, cast.member.email)
    page = client.get(SUSPENDED).content.decode()

    assert "Your account is suspended" in page
    assert "permanently" in page


def test_a_wrong_password_reads_like_any_wrong_password(client, cast):
    suspend(cast)
    stranger = UserFactory(email="muu@example.fi")

    suspended = sign_in(client, cast.member.email, "väärä-salasana-123")
    unsuspended = sign_in(client, stranger.email, "väärä-salasana-123")

    assert suspended.status_code == unsuspended.status_code == 200
    assert suspended.context["form"].errors == unsuspended.context["form"].errors
    assert "jäädyt" not in suspended.content.decode().lower()
    assert SUSPENDED not in suspended.content.decode()


def test_the_suspended_page_needs_the_password_step(client, cast):
    suspend(cast)
    assert client.get(SUSPENDED)["Location"] == SIGN_IN
    assert client.post(SUSPENDED, {"text": "Valitus"})["Location"] == SIGN_IN
    assert not Suspension.objects.filter(appealed_at__isnull=False).exists()


def test_an_ended_suspension_lets_the_person_sign_in(client, cast):
    suspension = suspend(cast)
    Suspension.objects.filter(pk=suspension.pk).update(
        starts_at=timezone.now() - timedelta(days=8), ends_at=timezone.now() - timedelta(minutes=1)
    )
    response = sign_in(client, cast.member.email)
    assert response["Location"] == reverse("pages:home")
    assert int(client.session["_auth_user_id"]) == cast.member.pk


def test_suspended_during_the_two_step_sign_in_is_refused_at_the_code(client, cast):
    mentor = user_with_role(Role.MENTOR, email="mentori2@example.fi")
    device = authenticator_for(mentor)
    response = sign_in(client, mentor.email)
    assert response["Location"] == reverse("accounts:sign_in_verify")

    suspend(cast, mentor)
    response = client.post(reverse("accounts:sign_in_verify"), {"code": current_code(device)})

    assert response["Location"] == SUSPENDED
    assert "_auth_user_id" not in client.session


# The appeal


def test_the_person_appeals_once_and_moderators_see_it(client, cast):
    suspension = suspend(cast)
    sign_in(client, cast.member.email)

    response = client.post(SUSPENDED, {"text": "Viestit olivat väärinkäsitys."})
    assert response["Location"] == SUSPENDED
    suspension.refresh_from_db()
    assert suspension.appeal_is_open
    assert suspension.appeal_text == "Viestit olivat väärinkäsitys."
    assert AuditEvent.objects.filter(action=AuditAction.SUSPENSION_APPEALED).count() == 1
    assert selectors.open_appeal_count() == 1
    page = client.get(SUSPENDED).content.decode()
    assert "Lähetä valitus" not in page

    client.post(SUSPENDED, {"text": "Toinen valitus"})
    suspension.refresh_from_db()
    assert suspension.appeal_text == "Viestit olivat väärinkäsitys."
    with pytest.raises(ValidationError) as refused:
        services.suspension_appeal_create(suspension=suspension, text="Taas", client="1.2.3.4")
    assert refused.value.code == "used"


@pytest.mark.parametrize("text", ["", "x" * 2001])
def test_an_empty_or_too_long_appeal_is_refused_with_a_message(client, cast, text):
    suspension = suspend(cast)
    sign_in(client, cast.member.email)
    response = client.post(SUSPENDED, {"text": text})
    assert response.status_code == 200
    assert response.context["form"].errors
    suspension.refresh_from_db()
    assert suspension.appealed_at is None


def test_appeals_are_rate_limited_per_connection(cast):
    for number in range(services.APPEALS_PER_CLIENT_PER_HOUR):
        person = UserFactory()
        services.suspension_appeal_create(
            suspension=suspend(cast, person), text=f"Valitus {number}", client="10.0.0.1"
        )
    with pytest.raises(ValidationError) as refused:
        services.suspension_appeal_create(
            suspension=suspend(cast, UserFactory()), text="Liikaa", client="10.0.0.1"
        )
    assert refused.value.code == "rate_limited"


def appealed(cast):
    suspension = suspend(cast)
    return services.suspension_appeal_create(
        suspension=suspension, text="Katso uudelleen", client="x"
    )


def test_another_moderator_lifts_on_appeal_and_the_person_signs_in(
    client, cast, django_capture_on_commit_callbacks
):
    suspension = appealed(cast)
    other = user_with_role(Role.MODERATOR, email="toinen.moderaattori@example.fi")

    with pytest.raises(ValidationError):
        services.suspension_appeal_decide(
            suspension=suspension, by=cast.moderator, lift=True, reason="Oma päätös"
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.suspension_appeal_decide(
            suspension=suspension, by=other, lift=True, reason="Viestit eivät rikkoneet ohjeita."
        )

    suspension.refresh_from_db()
    assert suspension.appeal_decision == Suspension.AppealDecision.LIFT
    assert suspension.lifted_by == other
    assert "Viestit eivät rikkoneet ohjeita." in mail.outbox[-1].body
    assert sign_in(client, cast.member.email)["Location"] == reverse("pages:home")


def test_keeping_on_appeal_keeps_the_person_out(client, cast, django_capture_on_commit_callbacks):
    suspension = appealed(cast)
    other = user_with_role(Role.MODERATOR, email="toinen.moderaattori@example.fi")
    with django_capture_on_commit_callbacks(execute=True):
        services.suspension_appeal_decide(
            suspension=suspension, by=other, lift=False, reason="Ohjeita rikottiin."
        )
    suspension.refresh_from_db()
    assert suspension.appeal_decision == Suspension.AppealDecision.KEEP
    assert suspension.is_active
    assert "Ohjeita rikottiin." in mail.outbox[-1].body
    with pytest.raises(ValidationError) as refused:
        services.suspension_appeal_decide(suspension=suspension, by=other, lift=True, reason="x")
    assert refused.value.code == "not_allowed"
    suspension.refresh_from_db()
    assert suspension.appeal_decision == Suspension.AppealDecision.KEEP
    assert sign_in(client, cast.member.email)["Location"] == SUSPENDED


def test_lifting_ends_the_suspension_and_decides_a_waiting_appeal(
    client, cast, django_capture_on_commit_callbacks
):
    suspension = appealed(cast)
    with django_capture_on_commit_callbacks(execute=True):
        services.suspension_lift(suspension=suspension, by=cast.moderator, reason="Sovittu.")
    suspension.refresh_from_db()
    assert suspension.lifted_at is not None
    assert suspension.appeal_decision == Suspension.AppealDecision.LIFT
    assert AuditEvent.objects.filter(action=AuditAction.SUSPENSION_LIFTED).count() == 1
    assert "Sovittu." in mail.outbox[-1].body
    with pytest.raises(ValidationError):
        services.suspension_lift(suspension=suspension, by=cast.moderator, reason="Taas")
    assert sign_in(client, cast.member.email)["Location"] == reverse("pages:home")


# Warnings


def test_a_warning_is_kept_on_the_record_audited_and_emailed(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        warning = services.user_warn(
            user=cast.member, by=cast.moderator, reason="Asiaton kommentti.", guideline="kindness"
        )
    assert selectors.moderation_record(user=cast.member)["warnings"] == [warning]
    assert AuditEvent.objects.filter(action=AuditAction.USER_WARNED).count() == 1
    assert "Asiaton kommentti." in mail.outbox[0].body
    assert mail.outbox[0].to == [cast.member.email]


def test_staff_are_not_warned_and_an_empty_warning_is_refused(cast):
    with pytest.raises(ValidationError):
        services.user_warn(user=cast.contact_person, by=cast.moderator, reason="Syy")
    with pytest.raises(ValidationError):
        services.user_warn(user=cast.member, by=cast.moderator, reason="  ")
    assert not selectors.moderation_record(user=cast.member)["warnings"]


def test_account_deletion_removes_suspensions_and_warnings(cast):
    suspension = appealed(cast)
    services.suspension_lift(suspension=suspension, by=cast.moderator, reason="Sovittu.")
    services.user_warn(user=cast.member, by=cast.moderator, reason="Asiaton.")
    services.user_delete(user=cast.member)
    assert not Suspension.objects.exists()
    assert not selectors.moderation_record(user=cast.member)["warnings"]


def test_the_persons_data_download_holds_their_suspensions_and_warnings(cast):
    suspension = appealed(cast)
    services.user_warn(user=cast.member, by=cast.moderator, reason="Asiaton.")
    data = services.user_data_export(user=cast.member)
    assert data["suspensions"][0]["reason"] == suspension.reason
    assert data["suspensions"][0]["appeal"] == "Katso uudelleen"
    assert data["warnings"][0]["reason"] == "Asiaton."
