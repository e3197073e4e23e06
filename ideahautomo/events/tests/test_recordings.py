"""Webinar recordings: shown after the event to those who had a place, or to everyone
when the organisers choose; only secure (https) links are taken."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ideahautomo.accounts.models import Role
from ideahautomo.events import permissions, services
from ideahautomo.events.models import Event, Registration
from ideahautomo.testing import assert_role_table, expect, rule_check
from ideahautomo.testing.factories import EventFactory, UserFactory, in_days

pytestmark = pytest.mark.django_db

RECORDING = "https://video.example.fi/tallenne/123"


def webinar(cast, *, days=-2, **fields):
    """A webinar of the cast partner's organisation, days from now (past by default),
    with a recording, the cast member registered."""
    values = {
        "kind": Event.Kind.WEBINAR,
        "venue_name": "",
        "online_url": "https://meet.example.fi/webinaari",
        "organisation": cast.partner.roles[Role.PARTNER].organisation,
        "starts_at": in_days(days, 12),
        "ends_at": in_days(days, 12) + timedelta(hours=1),
        "recording_url": RECORDING,
        **fields,
    }
    event = EventFactory(**values)
    Registration.objects.create(event=event, user=cast.member, status="confirmed")
    return event


def seen_by(cast, event):
    """The recording rule over the cast, each with their own registration."""
    registrations = {r.user_id: r for r in Registration.objects.filter(event=event)}

    def check(role):
        user = cast.users()[role]
        return permissions.can_see_recording(user, event, registrations.get(user.pk))

    return check


ORGANISERS_AND_REGISTERED = expect(False, member=True, partner=True, project_manager=True)


def test_after_the_event_the_registered_and_organisers_see_the_recording(cast):
    assert_role_table(seen_by(cast, webinar(cast)), ORGANISERS_AND_REGISTERED)


def test_before_the_end_nobody_sees_it(cast):
    assert_role_table(seen_by(cast, webinar(cast, days=3)), expect(False), label="coming")
    running = webinar(cast, days=0, starts_at=in_days(0) - timedelta(minutes=30))
    running.ends_at = in_days(0) + timedelta(minutes=30)
    running.save()
    assert_role_table(seen_by(cast, running), expect(False), label="running")


def test_a_public_recording_is_for_everyone_who_sees_the_event(cast):
    assert_role_table(seen_by(cast, webinar(cast, recording_public=True)), expect(True))
    members_only = webinar(cast, recording_public=True, is_public=False)
    assert_role_table(seen_by(cast, members_only), expect(True, guest=False))


def test_a_waitlisted_or_cancelled_registration_is_not_enough(cast):
    event = webinar(cast)
    for status in ("waitlisted", "cancelled"):
        registration = Registration(event=event, user=cast.mentor, status=status)
        assert not permissions.can_see_recording(cast.mentor, event, registration)


def test_without_a_recording_there_is_nothing_to_see(cast):
    event = webinar(cast, recording_url="", recording_public=True)
    assert_role_table(seen_by(cast, event), expect(False))


def test_who_may_set_the_recording(cast):
    """Whoever may edit the event: here its organisation's staff and the project manager."""
    assert_role_table(
        rule_check(permissions.can_manage_event, cast.users(), webinar(cast)),
        expect(False, partner=True, project_manager=True),
    )


# The page


def _detail(client, event):
    return client.get(event.get_absolute_url()).content.decode()


def test_the_page_shows_the_link_only_to_those_who_may_see_it(cast, client_for):
    event = webinar(cast)
    assert RECORDING in _detail(client_for(cast.member), event)
    client_for(None).logout()
    assert RECORDING not in _detail(client_for(cast.mentor), event)
    client_for(None).logout()
    guest_page = _detail(client_for(None), event)
    assert RECORDING not in guest_page
    assert "näytetään täällä ilmoittautuneille" in guest_page


def test_a_public_recording_shows_to_guests(cast, client_for):
    event = webinar(cast, recording_public=True)
    assert RECORDING in _detail(client_for(None), event)


def test_the_detail_page_stays_within_its_query_budget(
    cast, client_for, django_assert_max_num_queries
):
    event = webinar(cast)
    for user in UserFactory.create_batch(15):
        Registration.objects.create(event=event, user=user, status="confirmed")
    client = client_for(cast.member)
    with django_assert_max_num_queries(10):
        assert RECORDING in client.get(event.get_absolute_url()).content.decode()


# Setting it


def test_an_organiser_adds_a_recording_through_the_edit_form(cast, client_for):
    event = webinar(cast, recording_url="")
    client = client_for(cast.partner)
    form = client.get(reverse("events:edit", args=[event.pk])).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    data.update(
        starts_at=event.starts_at.astimezone().strftime("%Y-%m-%dT%H:%M"),
        ends_at=event.ends_at.astimezone().strftime("%Y-%m-%dT%H:%M"),
        recording_url=RECORDING,
        recording_public="on",
    )
    data.pop("municipality", None)
    data.pop("host_organisation", None)
    data.pop("registration_deadline", None)
    response = client.post(reverse("events:edit", args=[event.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    event.refresh_from_db()
    assert event.recording_url == RECORDING and event.recording_public


@pytest.mark.parametrize(
    "link", ["http://video.example.fi/tallenne", "javascript:alert(1)", "ftp://example.fi/x"]
)
def test_only_secure_links_are_taken(cast, client_for, link):
    event = webinar(cast, recording_url="")
    with pytest.raises(ValidationError) as error:
        services.event_update(actor=cast.partner, event=event, recording_url=link)
    assert "recording_url" in error.value.message_dict
    event.refresh_from_db()
    assert event.recording_url == ""

    client = client_for(cast.partner)
    client.cookies["django_language"] = "fi"
    response = client.post(
        reverse("events:edit", args=[event.pk]),
        {"kind": "webinar", "title": event.title, "recording_url": link},
    )
    assert response.status_code == 200
    assert "https://" in " ".join(response.context["form"].errors["recording_url"])
    event.refresh_from_db()
    assert event.recording_url == ""


def test_only_a_webinar_has_a_recording(cast):
    workshop = EventFactory(organisation=cast.partner.roles[Role.PARTNER].organisation)
    with pytest.raises(ValidationError) as error:
        services.event_update(actor=cast.partner, event=workshop, recording_url=RECORDING)
    assert "recording_url" in error.value.message_dict
    workshop.refresh_from_db()
    assert workshop.recording_url == ""


def test_the_create_form_does_not_ask_for_a_recording(cast, client_for):
    form = client_for(cast.partner).get(reverse("events:create")).context["form"]
    assert "recording_url" not in form.fields and "recording_public" not in form.fields
