"""The rules of events, registration, the waitlist, attendance and feedback."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from ideahautomo.accounts.models import AuditEvent, Role
from ideahautomo.accounts.tests.factories import UserFactory, user_with_role
from ideahautomo.events import services
from ideahautomo.events.models import Event, Feedback, Registration

from .factories import EventFactory, in_days

pytestmark = pytest.mark.django_db


def codes(error):
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def event_fields(**changes):
    fields = {
        "kind": Event.Kind.WORKSHOP,
        "title": "Ideariihi",
        "description": "Kuvaus",
        "starts_at": in_days(5, 12),
        "ends_at": in_days(5, 15),
        "venue_name": "Stoa",
        "capacity": 10,
    }
    return {**fields, **changes}


# Publishing and proposing


def test_project_manager_publishes_and_a_member_only_proposes(cast):
    published = services.event_create(actor=cast.project_manager, **event_fields())
    proposed = services.event_create(actor=cast.member, **event_fields())
    assert published.status == Event.Status.PUBLISHED
    assert proposed.status == Event.Status.PROPOSED
    assert AuditEvent.objects.filter(action="event.proposed", object_id=str(proposed.pk)).exists()


def test_partner_publishes_for_their_own_organisation(cast):
    other = EventFactory().organisation  # None; a partner cannot choose another
    event = services.event_create(actor=cast.partner, organisation=other, **event_fields())
    assert event.organisation == cast.partner.roles[Role.PARTNER].organisation


def test_project_manager_approves_a_proposal_once(cast):
    proposal = services.event_create(actor=cast.member, **event_fields())
    approved = services.event_proposal_decide(
        actor=cast.project_manager, event=proposal, approve=True
    )
    assert approved.status == Event.Status.PUBLISHED
    assert approved.approved_by == cast.project_manager
    with pytest.raises(ValidationError) as error:
        services.event_proposal_decide(actor=cast.project_manager, event=proposal, approve=False)
    assert codes(error.value) == {"decided"}


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"ends_at": in_days(5, 11)}, "ends_before_start"),
        ({"registration_deadline": in_days(6, 9)}, "deadline_after_start"),
        ({"venue_name": "", "online_url": ""}, "no_place"),
        ({"street_address": "Hämeentie 11", "municipality": None}, "no_municipality"),
    ],
)
def test_bad_event_is_refused_with_a_clear_reason(cast, changes, code):
    with pytest.raises(ValidationError) as error:
        services.event_create(actor=cast.project_manager, **event_fields(**changes))
    assert code in codes(error.value)
    assert not Event.objects.exists()


def test_description_is_sanitised_markdown(cast):
    event = services.event_create(
        actor=cast.project_manager,
        **event_fields(
            description="**Tervetuloa** <script>alert(1)</script> [linkki](https://example.fi) "
            "[paha](javascript:alert(1)) <img src=x onerror=alert(1)>"
        ),
    )
    html = event.description_html
    assert "<strong>Tervetuloa</strong>" in html
    # Raw HTML is shown as the text it is, never as markup.
    assert "<script" not in html and "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "javascript:" not in html
    assert 'rel="nofollow noopener' in html


def test_a_changed_description_is_rendered_again_by_the_update(cast):
    event = services.event_create(actor=cast.project_manager, **event_fields())

    services.event_update(
        actor=cast.project_manager, event=event, description="*Uusi* <b>teksti</b>"
    )

    event.refresh_from_db()
    assert "<em>Uusi</em>" in event.description_html
    assert "<b>" not in event.description_html


def test_drop_in_has_no_places_or_deadline(cast):
    event = services.event_create(
        actor=cast.project_manager,
        **event_fields(kind=Event.Kind.DROP_IN, registration_deadline=in_days(4)),
    )
    assert event.capacity is None and event.registration_deadline is None
    registration = services.event_register(actor=cast.member, event=event)
    assert registration.status == Registration.Status.CONFIRMED


# Registration, the waitlist and promotion


def test_registration_fills_places_then_the_waitlist(members):
    event = EventFactory(capacity=2)
    statuses = [services.event_register(actor=m, event=event).status for m in members[:4]]
    assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    event.refresh_from_db()
    assert event.registered_count == 2 and event.is_full


def test_registering_twice_is_refused(members, event):
    services.event_register(actor=members[0], event=event)
    with pytest.raises(ValidationError) as error:
        services.event_register(actor=members[0], event=event)
    assert codes(error.value) == {"already_registered"}


def test_registering_after_the_deadline_is_refused(members):
    event = EventFactory(registration_deadline=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError) as error:
        services.event_register(actor=members[0], event=event)
    assert codes(error.value) == {"deadline_passed"}


def test_members_only_and_unpublished_events_take_no_guests_or_registrations(cast):
    proposal = EventFactory(status=Event.Status.PROPOSED, created_by=cast.mentor)
    with pytest.raises(ValidationError) as error:
        services.event_register(actor=cast.member, event=proposal)
    assert codes(error.value) == {"not_open"}


def test_cancelling_promotes_the_first_on_the_waitlist_and_tells_them(
    members, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1, title="Verkostoitumisilta")
    first = services.event_register(actor=members[0], event=event)
    second = services.event_register(actor=members[1], event=event)
    third = services.event_register(actor=members[2], event=event)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(actor=members[0], registration=first)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Registration.Status.CONFIRMED and second.promoted_at
    assert third.status == Registration.Status.WAITLISTED
    event.refresh_from_db()
    assert event.registered_count == 1
    assert [m.to for m in mail.outbox] == [[members[1].email]]
    assert "Verkostoitumisilta" in mail.outbox[0].subject


def test_cancelling_from_the_waitlist_promotes_no_one(members):
    event = EventFactory(capacity=1)
    services.event_register(actor=members[0], event=event)
    waiting = services.event_register(actor=members[1], event=event)
    services.registration_cancel(actor=members[1], registration=waiting)
    event.refresh_from_db()
    assert event.registered_count == 1
    assert not event.registrations.filter(status="waitlisted").exists()


def test_cancelled_registration_can_register_again_at_the_end_of_the_queue(members):
    event = EventFactory(capacity=1)
    first = services.event_register(actor=members[0], event=event)
    services.event_register(actor=members[1], event=event)
    services.registration_cancel(actor=members[0], registration=first)
    again = services.event_register(actor=members[0], event=event)
    assert again.pk == first.pk and again.status == Registration.Status.WAITLISTED


def test_cancel_twice_or_someone_elses_is_refused(members, event):
    registration = services.event_register(actor=members[0], event=event)
    with pytest.raises(PermissionDenied):
        services.registration_cancel(actor=members[1], registration=registration)
    services.registration_cancel(actor=members[0], registration=registration)
    with pytest.raises(ValidationError) as error:
        services.registration_cancel(actor=members[0], registration=registration)
    assert codes(error.value) == {"already_cancelled"}


def test_capacity_cannot_drop_below_registrations_and_more_places_promote(cast, members):
    event = EventFactory(capacity=2, created_by=cast.project_manager)
    for member in members[:4]:
        services.event_register(actor=member, event=event)
    with pytest.raises(ValidationError) as error:
        services.event_update(actor=cast.project_manager, event=event, capacity=1)
    assert codes(error.value) == {"capacity_below_registrations"}
    services.event_update(actor=cast.project_manager, event=event, capacity=3)
    event.refresh_from_db()
    assert event.registered_count == 3
    assert event.registrations.filter(status="waitlisted").count() == 1


def test_only_organisers_may_update(cast, event):
    with pytest.raises(PermissionDenied):
        services.event_update(actor=cast.member, event=event, title="Kaapattu")


# Attendance and feedback


def ended_event_with(members, *, attended):
    event = EventFactory(starts_at=in_days(2, 12))
    registrations = [services.event_register(actor=m, event=event) for m in members]
    Event.objects.filter(pk=event.pk).update(starts_at=in_days(-2, 12), ends_at=in_days(-2, 15))
    event.refresh_from_db()
    return event, registrations


def test_attendance_is_marked_by_organisers_after_the_start(cast, members):
    event = EventFactory(created_by=cast.project_manager)
    registration = services.event_register(actor=members[0], event=event)
    with pytest.raises(ValidationError) as error:
        services.attendance_mark(
            actor=cast.project_manager, event=event, attended_registration_ids=[registration.pk]
        )
    assert codes(error.value) == {"not_started"}
    event, registrations = ended_event_with(members[1:3], attended=True)
    services.attendance_mark(
        actor=cast.project_manager, event=event, attended_registration_ids=[registrations[0].pk]
    )
    assert [r.attended for r in event.registrations.order_by("pk")] == [True, False]


def test_feedback_only_from_attendees_once_and_without_their_name(cast, members):
    event, registrations = ended_event_with(members[:2], attended=True)
    services.attendance_mark(
        actor=cast.project_manager, event=event, attended_registration_ids=[registrations[0].pk]
    )
    feedback = services.feedback_give(actor=members[0], event=event, mood=4, comment=" Hyvä ")
    assert (feedback.mood, feedback.comment) == (4, "Hyvä")
    assert not any(f.name in ("user", "registration") for f in Feedback._meta.get_fields())

    with pytest.raises(ValidationError) as error:
        services.feedback_give(actor=members[0], event=event, mood=5)
    assert codes(error.value) == {"already_given"}
    with pytest.raises(ValidationError) as error:
        services.feedback_give(actor=members[1], event=event, mood=5)
    assert codes(error.value) == {"not_attended"}
    with pytest.raises(ValidationError) as error:
        services.feedback_give(actor=UserFactory(), event=event, mood=5)
    assert codes(error.value) == {"not_attended"}
    assert Feedback.objects.count() == 1


def test_feedback_waits_for_the_end_and_a_real_mood(cast, members):
    event = EventFactory(starts_at=in_days(1, 10))
    registration = services.event_register(actor=members[0], event=event)
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    Registration.objects.filter(pk=registration.pk).update(attended=True)
    with pytest.raises(ValidationError) as error:
        services.feedback_give(actor=members[0], event=event, mood=3)
    assert codes(error.value) == {"not_ended"}
    with pytest.raises(ValidationError) as error:
        services.feedback_give(actor=members[0], event=event, mood=7)
    assert codes(error.value) == {"mood"}


def test_promotion_respects_the_persons_notification_choice(
    members, django_capture_on_commit_callbacks
):
    from ideahautomo.messaging.models import Delivery, Notification, NotificationKind
    from ideahautomo.messaging.services import notification_preferences_update

    event = EventFactory(capacity=1, title="Verkostoitumisilta")
    first = services.event_register(actor=members[0], event=event)
    services.event_register(actor=members[1], event=event)
    notification_preferences_update(
        user=members[1], deliveries={NotificationKind.EVENT_WAITLIST_PROMOTED: Delivery.IN_APP}
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(actor=members[0], registration=first)
    assert not mail.outbox  # shown in the service only, as the person chose
    [notice] = Notification.objects.filter(recipient=members[1])
    assert notice.kind == NotificationKind.EVENT_WAITLIST_PROMOTED
    assert "Verkostoitumisilta" in notice.text
    user_with_role(Role.MEMBER)


def test_deleting_an_account_frees_its_place_and_forgets_its_answers(
    members, django_capture_on_commit_callbacks
):
    from ideahautomo.accounts import services as account_services

    event = EventFactory(capacity=1)
    leaving, waiting = members[0], members[1]
    services.event_register(actor=leaving, event=event, dietary_needs="gluteeniton")
    services.event_register(actor=waiting, event=event)

    with django_capture_on_commit_callbacks(execute=True):
        account_services.user_delete(user=leaving)

    assert Registration.objects.get(user=waiting).status == Registration.Status.CONFIRMED
    assert not Registration.objects.filter(user=leaving).exists()
    event.refresh_from_db()
    assert event.registered_count == 1


def test_deleting_an_account_forgets_its_past_registrations_feed_and_proposals(cast, members):
    from ideahautomo.accounts import services as account_services
    from ideahautomo.events.models import CalendarFeed

    leaving = members[0]
    past, _registrations = ended_event_with([leaving, members[1]], attended=True)
    services.calendar_feed_enable(user=leaving)
    services.event_create(actor=leaving, **event_fields(title="Ehdotus"))
    published = services.event_create(actor=cast.project_manager, **event_fields())

    account_services.user_delete(user=leaving)

    assert not Registration.objects.filter(user=leaving).exists()
    past.refresh_from_db()
    assert past.registered_count == 1
    assert not CalendarFeed.objects.filter(user=leaving).exists()
    assert not Event.objects.filter(title="Ehdotus").exists()
    assert Event.objects.filter(pk=published.pk).exists()


def test_attendees_are_asked_for_feedback_once(cast, members):
    from ideahautomo.messaging.models import Notification, NotificationKind

    event, registrations = ended_event_with(members[:3], attended=True)
    came = [registrations[0].pk, registrations[1].pk]
    services.attendance_mark(
        actor=cast.project_manager, event=event, attended_registration_ids=came
    )
    services.attendance_mark(
        actor=cast.project_manager, event=event, attended_registration_ids=came
    )

    asked = Notification.objects.filter(kind=NotificationKind.EVENT_FEEDBACK)
    assert sorted(asked.values_list("recipient_id", flat=True)) == sorted(
        [members[0].pk, members[1].pk]
    )
    assert asked.first().url == event.get_absolute_url()


# Floods


def test_members_propose_at_most_a_few_events_a_day(cast):
    count = services.LIMITS["proposal"][0]
    for number in range(count):
        services.event_create(actor=cast.member, **event_fields(title=f"Ehdotus {number}"))
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        services.event_create(actor=cast.member, **event_fields(title="Yksi liikaa"))
    assert excinfo.value.code == "rate_limited"
    assert "propose at most 3 events a day" in excinfo.value.messages[0]
    assert Event.objects.count() == count
    assert AuditEvent.objects.filter(action="event.proposed").count() == count


@pytest.mark.parametrize("role", ["partner", "project_manager"])
def test_publishing_events_is_limited_per_day(cast, role):
    publisher = cast.by_role()[role]
    count = services.LIMITS["event"][0]
    for number in range(count):
        services.event_create(actor=publisher, **event_fields(title=f"Tapahtuma {number}"))
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        services.event_create(actor=publisher, **event_fields(title="Yksi liikaa"))
    assert excinfo.value.code == "rate_limited"
    assert "publish at most 30 events a day" in excinfo.value.messages[0]
    assert Event.objects.count() == count
