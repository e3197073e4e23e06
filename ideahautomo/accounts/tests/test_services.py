import re
from datetime import timedelta

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from ideahautomo.accounts import services
from ideahautomo.accounts.models import AuditEvent, Invitation, Role, SignUpRequest, User

from .factories import InvitationFactory, UserFactory, municipality

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in the source language; the pages test them in Finnish."""
    with translation.override("en"):
        yield


LINK = re.compile(r"http://testserver/kutsu/([A-Za-z0-9_\-]+)/")


def invite(cast, django_capture_on_commit_callbacks, **kwargs):
    values = {"email": "uusi@example.fi", "name": "Uusi Ihminen", "language": "fi"}
    values.update(kwargs)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(actor=cast.contact_person, area=cast.area, **values)
    invitation.refresh_from_db()
    return invitation


def token_from_last_mail():
    return LINK.search(mail.outbox[-1].body).group(1)


def test_invitation_is_emailed_in_the_invitees_language_with_a_long_single_use_token(
    cast, django_capture_on_commit_callbacks
):
    invitation = invite(cast, django_capture_on_commit_callbacks, language="sv")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["uusi@example.fi"]
    assert "Ideahautomo" in message.subject
    assert "Hej Uusi Ihminen," in message.body
    assert message.alternatives[0][1] == "text/html"
    token = token_from_last_mail()
    assert len(token) >= 43  # 32 random bytes: 256 bits
    assert invitation.token_hash and token not in invitation.token_hash
    assert invitation.state == Invitation.State.SENT
    assert invitation.expires_at - invitation.sent_at == timedelta(days=10)


def test_invitation_addresses_are_normalised_and_cannot_be_doubled(
    cast, django_capture_on_commit_callbacks
):
    invite(cast, django_capture_on_commit_callbacks, email="  Uusi@Example.FI ")

    with pytest.raises(ValidationError, match="open invitation"):
        invite(cast, django_capture_on_commit_callbacks, email="uusi@example.fi")
    assert Invitation.objects.count() == 1


def test_invitation_to_an_existing_member_is_refused(cast, django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError, match="already has an account"):
        invite(cast, django_capture_on_commit_callbacks, email="JASEN@example.fi")
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_invitation_with_an_unknown_language_is_refused(cast, django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError, match="Unknown language"):
        invite(cast, django_capture_on_commit_callbacks, language="de")
    assert not Invitation.objects.exists()


def test_accepting_creates_a_member_of_the_area_and_uses_up_the_link(
    cast, django_capture_on_commit_callbacks
):
    invitation = invite(cast, django_capture_on_commit_callbacks, language="uk")

    user = services.invitation_accept(invitation=invitation, password="kaunis-syksyinen-metsä")

    assert user.email == "uusi@example.fi"
    assert user.language == "uk"
    assert user.area == cast.area
    assert user.has_role(Role.MEMBER)
    assert user.guidelines_accepted_at and user.privacy_notice_accepted_at
    assert user.check_password("kaunis-syksyinen-metsä")
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.ACCEPTED
    with pytest.raises(ValidationError, match="can no longer be used"):
        services.invitation_accept(invitation=invitation, password="toinen-pitkä-salasana")
    assert User.objects.filter(email="uusi@example.fi").count() == 1


def test_accepting_rejects_a_common_password_and_creates_nothing(
    cast, django_capture_on_commit_callbacks
):
    invitation = invite(cast, django_capture_on_commit_callbacks)

    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, password="password123")

    assert not User.objects.filter(email="uusi@example.fi").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_expired_invitation_cannot_be_accepted(cast, django_capture_on_commit_callbacks):
    invitation = invite(cast, django_capture_on_commit_callbacks)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    invitation.refresh_from_db()

    assert invitation.state == Invitation.State.EXPIRED
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, password="kaunis-syksyinen-metsä")


def test_resending_replaces_the_link_and_renews_the_validity(
    cast, django_capture_on_commit_callbacks
):
    invitation = invite(cast, django_capture_on_commit_callbacks)
    first_token = token_from_last_mail()
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_resend(actor=cast.contact_person, invitation=invitation)

    second_token = token_from_last_mail()
    assert second_token != first_token
    assert services.invitation_by_token(first_token) is None
    found = services.invitation_by_token(second_token)
    assert found.pk == invitation.pk
    assert found.state == Invitation.State.SENT
    assert found.send_count == 2


def test_revoked_invitation_cannot_be_accepted_or_resent(cast, django_capture_on_commit_callbacks):
    invitation = invite(cast, django_capture_on_commit_callbacks)
    token = token_from_last_mail()

    services.invitation_revoke(actor=cast.contact_person, invitation=invitation)

    found = services.invitation_by_token(token)
    assert found.state == Invitation.State.REVOKED
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=found, password="kaunis-syksyinen-metsä")
    with pytest.raises(ValidationError):
        services.invitation_resend(actor=cast.contact_person, invitation=found)
    assert AuditEvent.objects.filter(action="invitation.revoked").count() == 1


def test_revoked_address_can_be_invited_again(cast, django_capture_on_commit_callbacks):
    invitation = invite(cast, django_capture_on_commit_callbacks)
    services.invitation_revoke(actor=cast.contact_person, invitation=invitation)

    again = invite(cast, django_capture_on_commit_callbacks)

    assert again.pk != invitation.pk
    assert again.state == Invitation.State.SENT


@pytest.mark.task_failure_expected
def test_failed_mail_server_leaves_the_invitation_unsent(
    cast, settings, django_capture_on_commit_callbacks, monkeypatch
):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("ideahautomo.accounts.services.send_templated_mail", refuse)
    invitation = invite(cast, django_capture_on_commit_callbacks)

    assert invitation.sent_at is None
    assert invitation.token_hash is None
    assert invitation.state == Invitation.State.QUEUED


def test_unknown_or_garbage_token_finds_nothing(cast):
    InvitationFactory(area=cast.area, token_hash="0" * 64)
    assert services.invitation_by_token("") is None
    assert services.invitation_by_token("x" * 500) is None
    assert services.invitation_by_token("not-a-real-token") is None


def test_batch_creates_every_invitation_or_none(cast, django_capture_on_commit_callbacks):
    rows = [
        {"name": "Eka Henkilö", "email": "eka@example.fi", "language": "fi"},
        {"name": "Toka Henkilö", "email": "jasen@example.fi", "language": "fi"},
    ]
    with pytest.raises(ValidationError, match="already has an account"):
        services.invitation_batch_create(
            actor=cast.contact_person, area=cast.area, rows=rows, file_name="lista.csv"
        )
    assert not Invitation.objects.exists()

    rows[1]["email"] = "toka@example.fi"
    with django_capture_on_commit_callbacks(execute=True):
        batch = services.invitation_batch_create(
            actor=cast.contact_person, area=cast.area, rows=rows, file_name="lista.csv"
        )
    assert batch.invitations.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["eka@example.fi", "toka@example.fi"]


def test_fifth_failed_sign_in_locks_the_address_whether_or_not_it_exists(cast):
    for email in ("jasen@example.fi", "ei-ole@example.fi"):
        for _attempt in range(4):
            services.sign_in_failed(email=email, client="10.0.0.1")
            assert not services.sign_in_blocked(email=email, client="10.0.0.2")
        services.sign_in_failed(email=email, client="10.0.0.1")
        assert services.sign_in_blocked(email=email, client="10.0.0.2")
        assert services.sign_in_blocked(email=email.upper(), client="10.0.0.3")


def test_one_client_failing_on_many_addresses_is_stopped(cast, settings):
    settings.SIGN_IN_FAILURES_PER_CLIENT = 8
    for number in range(8):
        services.sign_in_failed(email=f"kokeilu{number}@example.fi", client="10.0.0.9")

    assert services.sign_in_blocked(email="jasen@example.fi", client="10.0.0.9")
    assert not services.sign_in_blocked(email="jasen@example.fi", client="10.0.0.10")


def test_password_reset_mail_is_limited_per_address(
    cast, settings, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RESETS_PER_ADDRESS = 3
    with django_capture_on_commit_callbacks(execute=True):
        for _attempt in range(5):
            services.password_reset_request(email="Jasen@Example.fi")

    assert len(mail.outbox) == 3
    assert "/salasana/uusi/" in mail.outbox[0].body


def test_password_reset_for_unknown_or_inactive_address_sends_nothing(
    cast, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=cast.member.pk).update(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.password_reset_request(email="ei-ole@example.fi")
        services.password_reset_request(email="jasen@example.fi")

    assert mail.outbox == []


def test_deactivating_changes_the_session_hash(cast):
    before = cast.member.get_session_auth_hash()

    services.user_deactivate(actor=cast.moderator, user=cast.member)

    assert cast.member.is_active is False
    assert cast.member.get_session_auth_hash() != before
    assert AuditEvent.objects.filter(action="user.deactivated", actor=cast.moderator).exists()


def test_administrator_role_gives_django_admin_access_and_revoking_removes_it(cast):
    services.role_grant(actor=cast.administrator, user=cast.member, role=Role.ADMINISTRATOR)
    cast.member.refresh_from_db()
    assert cast.member.is_staff and cast.member.is_superuser

    services.role_revoke(actor=cast.administrator, user=cast.member, role=Role.ADMINISTRATOR)
    cast.member.refresh_from_db()
    assert not cast.member.is_staff and not cast.member.is_superuser


def test_passwords_are_hashed_with_argon2_by_default(settings):
    from ideahautomo import settings as project_settings

    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS  # tests use a fast one
    user = services.user_create(
        email="uusi@example.fi", display_name="Uusi", password="pitkä-ja-hyvä-salasana"
    )
    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.check_password("pitkä-ja-hyvä-salasana")


def test_approved_sign_up_activates_and_mails_the_person(cast, django_capture_on_commit_callbacks):
    request = services.sign_up_request_create(
        email="hakija@example.fi",
        display_name="Hakija Henkilö",
        password="talvinen-aamu-tunturissa",
        language="fi",
        municipality=municipality("091"),
    )
    assert request.user.is_active is False

    with django_capture_on_commit_callbacks(execute=True):
        services.sign_up_request_decide(
            actor=cast.project_manager, sign_up_request=request, approve=True
        )

    user = User.objects.get(email="hakija@example.fi")
    assert user.is_active and user.has_role(Role.MEMBER)
    assert mail.outbox[0].to == ["hakija@example.fi"]
    with pytest.raises(ValidationError, match="already been decided"):
        services.sign_up_request_decide(
            actor=cast.project_manager, sign_up_request=request, approve=False
        )


def test_declined_sign_up_is_told_and_then_deleted(cast, django_capture_on_commit_callbacks):
    request = services.sign_up_request_create(
        email="hakija@example.fi",
        display_name="Hakija Henkilö",
        password="talvinen-aamu-tunturissa",
        language="en",
        municipality=municipality("091"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.sign_up_request_decide(
            actor=cast.project_manager, sign_up_request=request, approve=False
        )

    assert mail.outbox[0].to == ["hakija@example.fi"]
    assert not User.objects.filter(email="hakija@example.fi").exists()
    assert not SignUpRequest.objects.exists()


def test_user_emails_are_unique_whatever_the_case(db):
    UserFactory(email="sama@example.fi")
    with pytest.raises(ValidationError):
        services.user_create(email="SAMA@example.fi", display_name="Toinen")


# Rate limits of staff actions


def test_creating_invitations_is_limited_per_staff_member(
    cast, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setitem(services.INVITATION_LIMITS, "invitation", (2, 3600))
    for number in range(2):
        invite(cast, django_capture_on_commit_callbacks, email=f"uusi{number}@example.fi")

    with pytest.raises(ValidationError) as excinfo:
        invite(cast, django_capture_on_commit_callbacks, email="liikaa@example.fi")

    assert excinfo.value.code == "rate_limited"
    assert not Invitation.objects.filter(email="liikaa@example.fi").exists()
    # Another staff member is not slowed down by it.
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(
            actor=cast.project_manager,
            area=cast.area,
            email="liikaa@example.fi",
            name="Uusi",
            language="fi",
        )


def test_invitation_files_are_limited_per_staff_member(cast, monkeypatch):
    monkeypatch.setitem(services.INVITATION_LIMITS, "file", (1, 3600))

    def upload(email):
        return services.invitation_batch_create(
            actor=cast.contact_person,
            area=cast.area,
            rows=[{"name": "Uusi", "email": email, "language": "fi"}],
            file_name="asiakkaat.csv",
        )

    upload("eka@example.fi")
    with pytest.raises(ValidationError) as excinfo:
        upload("toka@example.fi")

    assert excinfo.value.code == "rate_limited"
    assert not Invitation.objects.filter(email="toka@example.fi").exists()


def test_resending_is_limited_per_staff_member_and_per_invitation(
    cast, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setitem(services.INVITATION_LIMITS, "resend", (3, 3600))
    monkeypatch.setitem(services.INVITATION_LIMITS, "resend-one", (2, 24 * 3600))
    first = invite(cast, django_capture_on_commit_callbacks, email="eka@example.fi")
    second = invite(cast, django_capture_on_commit_callbacks, email="toka@example.fi")
    sent_before = len(mail.outbox)

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            services.invitation_resend(actor=cast.contact_person, invitation=first)
        with pytest.raises(ValidationError) as same_invitation:
            services.invitation_resend(actor=cast.project_manager, invitation=first)
        services.invitation_resend(actor=cast.contact_person, invitation=second)
        with pytest.raises(ValidationError) as same_actor:
            services.invitation_resend(actor=cast.contact_person, invitation=second)

    assert same_invitation.value.code == same_actor.value.code == "rate_limited"
    assert len(mail.outbox) - sent_before == 3


def lost_invitation(cast, minutes_ago):
    """An invitation whose sending task never ran (the worker was stopped)."""
    invitation = services.invitation_create(
        actor=cast.contact_person,
        area=cast.area,
        email="kadonnut@example.fi",
        name="K",
        language="fi",
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return invitation


def test_the_sweep_sends_an_invitation_a_stopped_worker_left_unsent_once(cast):
    invitation = lost_invitation(cast, minutes_ago=30)

    assert services.invitations_send_lost() == 1
    assert services.invitations_send_lost() == 0
    # The task queued at the start runs late: the invitation has gone out, so nothing more.
    assert services.invitation_send(invitation_id=invitation.pk, unsent_only=True) is False

    assert [message.to for message in mail.outbox] == [["kadonnut@example.fi"]]
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.SENT


def test_the_sweep_leaves_a_fresh_invitation_to_the_worker(cast):
    lost_invitation(cast, minutes_ago=2)

    assert services.invitations_send_lost() == 0
    assert mail.outbox == []


def test_the_sweep_command_reports_what_it_sent(cast):
    from io import StringIO

    from django.core.management import call_command

    lost_invitation(cast, minutes_ago=15)
    out = StringIO()
    call_command("send_pending_invitations", stdout=out)
    assert "Invitations sent: 1" in out.getvalue()


def test_the_audit_log_keeps_one_vocabulary_of_actions():
    from ideahautomo.accounts.models import AuditAction

    actor = UserFactory()
    row = services.audit_event_record(actor=actor, action=AuditAction.AREAS_VIEWED)
    assert row.action == "areas.viewed"
    with pytest.raises(ValueError):
        services.audit_event_record(actor=actor, action="areas.looked_at")
    assert AuditEvent.objects.filter(actor=actor).count() == 1


def test_downloading_ones_data_is_audited_but_the_export_itself_is_not():
    person = UserFactory()
    services.user_data_export(user=person)
    assert not AuditEvent.objects.filter(action="user.data_downloaded").exists()
    data = services.user_data_download(user=person)
    assert data["account"]["email"] == person.email
    assert AuditEvent.objects.filter(action="user.data_downloaded", actor=person).count() == 1
