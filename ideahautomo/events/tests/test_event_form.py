"""Publishing, proposing and editing events through the form, in Finnish time."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from ideahautomo.events import services
from ideahautomo.events.models import Event

from .factories import EventFactory

pytestmark = pytest.mark.django_db
HELSINKI = ZoneInfo("Europe/Helsinki")


def form_data(**changes):
    data = {
        "kind": "workshop",
        "title": "Työpaja: oma osaaminen näkyväksi",
        "description": "Tule mukaan.",
        "starts_at": "2030-03-31T17:30",
        "ends_at": "2030-03-31T19:00",
        "venue_name": "Stoa",
        "street_address": "",
        "municipality": "",
        "online_url": "",
        "capacity": "12",
        "registration_deadline": "",
        "reminder_hours": "24",
        "is_public": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_project_manager_publishes_in_finnish_time(client_for, cast):
    client = english(client_for(cast.project_manager))
    response = client.post(reverse("events:create"), form_data(), follow=True)
    event = Event.objects.get()
    assert response.redirect_chain[-1][0] == event.get_absolute_url()
    assert event.status == Event.Status.PUBLISHED
    # Summer time has begun by 17:30 on 31 March: that is 14:30 UTC.
    assert event.starts_at == datetime(2030, 3, 31, 14, 30, tzinfo=UTC)


def test_a_time_that_does_not_exist_in_finland_is_refused(client_for, cast):
    # On 31 March 2030 clocks jump from 03:00 to 04:00.
    client = english(client_for(cast.project_manager))
    response = client.post(
        reverse("events:create"),
        form_data(starts_at="2030-03-31T03:30", ends_at="2030-03-31T05:00"),
    )
    assert "starts_at" in response.context["form"].errors
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ends_at": "2030-03-31T17:00"}, "ends_at", "The event must end after it starts."),
        (
            {"registration_deadline": "2030-04-01T12:00"},
            "registration_deadline",
            "The registration deadline must be before the event starts.",
        ),
        (
            {"venue_name": "", "online_url": ""},
            "venue_name",
            "Give a place with its address, an online link, or both.",
        ),
    ],
)
def test_bad_input_gets_a_clear_message_on_its_field(client_for, cast, changes, field, message):
    client = english(client_for(cast.project_manager))
    response = client.post(reverse("events:create"), form_data(**changes))
    assert response.context["form"].errors[field] == [message]
    assert "form-errors" in response.content.decode()


def test_member_proposes_and_the_project_manager_approves(client_for, cast):
    client = english(client_for(cast.member))
    response = client.post(reverse("events:create"), form_data(), follow=True)
    event = Event.objects.get()
    assert event.status == Event.Status.PROPOSED
    assert "proposal" in str(next(iter(response.context["messages"])))
    assert event.title in client.get(reverse("events:mine")).content.decode()

    manager = english(client_for(cast.project_manager))
    manage = manager.get(reverse("events:manage"))
    assert list(manage.context["proposals"]) == [event]
    manager.post(reverse("events:decide", args=[event.pk]), {"decision": "approve"})
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED and event.approved_by == cast.project_manager


def test_places_cannot_be_cut_below_registrations_on_edit(client_for, cast, members):
    event = EventFactory(
        created_by=cast.project_manager,
        capacity=5,
        starts_at=datetime(2030, 5, 5, 10, tzinfo=HELSINKI),
        ends_at=datetime(2030, 5, 5, 12, tzinfo=HELSINKI),
    )
    for member in members[:3]:
        services.event_register(actor=member, event=event)
    client = english(client_for(cast.project_manager))
    page = client.get(reverse("events:edit", args=[event.pk]))
    assert page.context["form"]["starts_at"].value().strftime("%H:%M") == "10:00"
    response = client.post(
        reverse("events:edit", args=[event.pk]),
        form_data(capacity="2", starts_at="2030-05-05T10:00", ends_at="2030-05-05T12:00"),
    )
    assert response.context["form"].errors["capacity"] == [
        "3 people are already registered: the places cannot be fewer than that."
    ]
    event.refresh_from_db()
    assert event.capacity == 5
