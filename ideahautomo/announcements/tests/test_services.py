"""Sending announcements: the audience, delivery in batches through notify(), telling
nobody twice, and what is refused."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from ideahautomo.accounts import services as account_services
from ideahautomo.accounts.models import AuditEvent, Role
from ideahautomo.accounts.tests.factories import UserFactory, municipality, user_with_role
from ideahautomo.announcements import selectors, services
from ideahautomo.announcements.models import Announcement, AnnouncementDelivery
from ideahautomo.messaging import services as messaging_services
from ideahautomo.messaging.models import (
    Delivery,
    EmailState,
    Notification,
    NotificationKind,
)

from .factories import members_create

pytestmark = pytest.mark.django_db


def announced():
    return Notification.objects.filter(kind=NotificationKind.ANNOUNCEMENT)


def send(actor, **overrides):
    values = {"title": "Uusi työnhakupaja", "body": "Tervetuloa **torstaina**!"}
    values.update(overrides)
    return services.announcement_send(actor=actor, **values)


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Send with the background delivery run as it would after the commit."""

    def sending(actor, **overrides):
        with django_capture_on_commit_callbacks(execute=True):
            announcement = send(actor, **overrides)
        announcement.refresh_from_db()
        return announcement

    return sending


# The audience


def test_the_audience_is_active_members_only(cast):
    gone = UserFactory(email="lahtija@example.fi")
    account_services.user_delete(user=gone)
    closed = UserFactory(email="suljettu@example.fi", is_active=False)
    audience = set(selectors.audience())
    assert cast.member in audience
    # Staff-only accounts, partners and mentors without membership are not its readers.
    assert audience.isdisjoint(
        {
            cast.mentor,
            cast.partner,
            cast.contact_person,
            cast.project_manager,
            cast.moderator,
            cast.administrator,
            gone,
            closed,
        }
    )


def test_the_audience_narrows_by_area_municipality_and_language(cast):
    helsinki = municipality("091")
    in_area = UserFactory(area=cast.area, municipality=helsinki, language="uk")
    in_area_swedish = UserFactory(area=cast.area, municipality=helsinki, language="sv")
    elsewhere = UserFactory(area=cast.other_area, municipality=municipality("092"))
    assert set(selectors.audience(area=cast.area)) == {cast.member, in_area, in_area_swedish}
    assert set(selectors.audience(municipality=helsinki)) == {in_area, in_area_swedish}
    assert set(selectors.audience(area=cast.area, language="uk")) == {in_area}
    assert elsewhere in set(selectors.audience())


def test_counting_the_audience_costs_the_same_at_two_thousand_people(
    cast, django_assert_max_num_queries
):
    members_create(2000, area=cast.area, language="fi")
    with django_assert_max_num_queries(2):
        count = services.audience_check(actor=cast.project_manager, area=cast.area)
    assert count == 2001  # with the cast's member


# Sending and delivery


def test_everyone_in_the_audience_is_told_once_with_a_link_to_the_text(cast, run_on_commit):
    other = UserFactory(area=cast.other_area)
    announcement = run_on_commit(cast.project_manager)
    assert set(announced().values_list("recipient", flat=True)) == {cast.member.pk, other.pk}
    notification = announced().get(recipient=cast.member)
    assert notification.url == announcement.get_absolute_url()
    assert notification.text == "Uusi tiedote: Uusi työnhakupaja"
    assert announcement.recipient_count == announcement.delivered_count == 2
    assert announcement.is_finished


def test_each_persons_email_choice_for_announcements_is_kept(cast, run_on_commit):
    at_once = UserFactory(area=cast.area)
    messaging_services.notification_preferences_update(
        user=at_once, deliveries={NotificationKind.ANNOUNCEMENT: Delivery.IMMEDIATE}
    )
    quiet = UserFactory(area=cast.area)
    messaging_services.notification_preferences_update(
        user=quiet, deliveries={NotificationKind.ANNOUNCEMENT: Delivery.IN_APP}
    )
    run_on_commit(cast.contact_person, area=cast.area)
    states = dict(announced().values_list("recipient", "email_state"))
    assert states[at_once.pk] == EmailState.SENT
    assert states[quiet.pk] == EmailState.NONE
    assert states[cast.member.pk] == EmailState.DIGEST  # the default: the daily summary


def test_the_text_is_saved_sanitised(cast):
    announcement = send(
        cast.project_manager,
        body="<script>alert(1)</script> [klikkaa](javascript:alert(1)) **tärkeää**",
    )
    assert "<script>" not in announcement.body_html
    assert "javascript:" not in announcement.body_html
    assert "<strong>tärkeää</strong>" in announcement.body_html


def test_sending_leaves_an_audit_row(cast):
    announcement = send(cast.contact_person, area=cast.area, language="fi")
    event = AuditEvent.objects.get(action="announcement.sent")
    assert event.actor == cast.contact_person
    assert event.object_id == str(announcement.pk)
    assert event.area == cast.area
    assert event.details["recipients"] == 1


def test_a_large_audience_goes_in_batches_each_person_once(
    cast, django_capture_on_commit_callbacks
):
    members_create(1200, area=cast.area)
    batches = mock.patch.object(
        services, "announcement_deliver_batch", wraps=services.announcement_deliver_batch
    )
    with batches as batch, django_capture_on_commit_callbacks(execute=True):
        announcement = send(cast.project_manager, area=cast.area)
    assert services.BATCH_SIZE == 500
    assert batch.call_count == 3  # 500 + 500 + 201, each its own task
    announcement.refresh_from_db()
    assert announcement.delivered_count == 1201
    assert announced().count() == 1201
    assert AnnouncementDelivery.objects.filter(announcement=announcement).count() == 1201


def test_one_batch_runs_a_bounded_number_of_queries_per_person(cast, django_assert_max_num_queries):
    members_create(300, area=cast.area)
    announcement = send(cast.project_manager)
    # notify() reads the person's choice, looks for a waiting summary and writes the row:
    # at most a few queries a person, and a handful for the batch itself.
    with django_assert_max_num_queries(3 * 100 + 10):
        more = services.announcement_deliver_batch(announcement_id=announcement.pk, batch_size=100)
    assert more
    assert announced().count() == 100


# Never twice


def test_a_batch_run_again_tells_nobody_twice(cast):
    members_create(50, area=cast.area)
    announcement = send(cast.project_manager)
    services.announcement_deliver(announcement_id=announcement.pk, batch_size=20)
    assert announced().count() == 51
    # A lost acknowledgement: the same batches are run again from the start.
    Announcement.objects.filter(pk=announcement.pk).update(last_user_id=0, finished_at=None)
    services.announcement_deliver(announcement_id=announcement.pk, batch_size=20)
    assert announced().count() == 51
    assert announced().values("recipient").distinct().count() == 51
    services.announcement_deliver(announcement_id=announcement.pk, batch_size=20)
    assert announced().count() == 51


def test_a_batch_that_fails_tells_nobody_and_the_retry_tells_everyone(cast):
    members_create(30, area=cast.area)
    announcement = send(cast.project_manager)
    real_notify_many = services.notify_many

    def failing_notify_many(**kwargs):
        real_notify_many(**kwargs)  # the notifications are written, then the batch fails
        raise RuntimeError("the database went away")

    with (
        mock.patch.object(services, "notify_many", failing_notify_many),
        pytest.raises(RuntimeError),
    ):
        services.announcement_deliver_batch(announcement_id=announcement.pk, batch_size=100)
    assert announced().count() == 0
    assert not AnnouncementDelivery.objects.exists()
    services.announcement_deliver(announcement_id=announcement.pk)
    assert announced().count() == 31


def test_the_sweep_finishes_what_a_stopped_worker_left(cast):
    members_create(40, area=cast.area)
    announcement = send(cast.project_manager)  # its task never ran
    services.announcement_deliver_batch(announcement_id=announcement.pk, batch_size=15)
    call_command("send_pending_announcements", stdout=open("/dev/null", "w"))  # noqa: SIM115
    announcement.refresh_from_db()
    assert announcement.is_finished
    assert announced().count() == 41


# What is refused


def test_an_empty_audience_is_refused_and_nothing_is_sent(cast, run_on_commit):
    with pytest.raises(ValidationError) as refused:
        run_on_commit(cast.project_manager, language="uk")
    assert refused.value.code == "empty_audience"
    assert not Announcement.objects.exists()
    assert not announced().exists()


def test_a_contact_person_announces_only_to_their_own_area(cast):
    with pytest.raises(PermissionDenied):
        send(cast.contact_person, area=cast.other_area)
    with pytest.raises(PermissionDenied):
        send(cast.contact_person, area=None)
    assert send(cast.contact_person, area=cast.area).area == cast.area


@pytest.mark.parametrize("role", ["member", "mentor", "partner", "moderator", "administrator"])
def test_only_contact_persons_and_the_project_manager_announce(cast, role):
    with pytest.raises(PermissionDenied):
        send(getattr(cast, role), area=cast.area)
    assert not Announcement.objects.exists()


def test_a_municipality_outside_the_chosen_area_is_refused(cast):
    helsinki = municipality("091")
    helsinki.employment_area = cast.area
    helsinki.save()
    UserFactory(area=cast.other_area, municipality=helsinki)
    with pytest.raises(ValidationError) as refused:
        send(cast.project_manager, area=cast.other_area, municipality=helsinki)
    assert "municipality" in refused.value.error_dict
    assert not Announcement.objects.exists()


def test_the_sixth_announcement_of_a_day_is_refused(cast):
    for number in range(services.SENDS_PER_DAY):
        send(cast.project_manager, title=f"Tiedote {number}")
    with pytest.raises(ValidationError) as refused:
        send(cast.project_manager, title="Liikaa")
    assert refused.value.code == "rate_limited"
    assert Announcement.objects.count() == services.SENDS_PER_DAY


def test_an_invalid_text_does_not_use_up_the_limit(cast):
    too_long = "x" * 5001
    for _ in range(services.SENDS_PER_DAY + 1):
        with pytest.raises(ValidationError):
            send(cast.project_manager, body=too_long)
    assert send(cast.project_manager).pk


# A deleted account


def test_a_deleted_account_keeps_no_deliveries_and_is_no_sender(cast, run_on_commit):
    sender = user_with_role(Role.PROJECT_MANAGER, email="lahteva.pp@example.fi")
    announcement = run_on_commit(sender)
    account_services.user_delete(user=cast.member)
    account_services.user_delete(user=sender)
    announcement.refresh_from_db()
    assert announcement.sender is None
    assert not AnnouncementDelivery.objects.filter(user=cast.member).exists()
