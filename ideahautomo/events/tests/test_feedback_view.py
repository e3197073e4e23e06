"""The feedback form: five faces as real radio buttons, for attendees, once."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from ideahautomo.events import services
from ideahautomo.events.models import Event, Feedback, Registration

from .factories import EventFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def ended(cast):
    event = EventFactory()
    services.event_register(actor=cast.member, event=event)
    services.event_register(actor=cast.mentor, event=event)
    Event.objects.filter(pk=event.pk).update(
        starts_at=in_days(-1, 10), ends_at=in_days(-1, 10) + timedelta(hours=2)
    )
    Registration.objects.filter(user=cast.member).update(attended=True)
    Registration.objects.filter(user=cast.mentor).update(attended=False)
    return event


def test_mood_meter_is_five_labelled_radio_buttons(client_for, cast, ended):
    client = client_for(cast.member)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("events:feedback", args=[ended.pk])).content.decode()
    radios = re.findall(r'<input type="radio" name="mood" value="(\d)"[^>]*id="([^"]+)"', html)
    assert [value for value, _id in radios] == ["1", "2", "3", "4", "5"]
    for _value, radio_id in radios:
        assert f'<label for="{radio_id}"' in html
    assert "<legend" in html and "Very good" in html and "Very bad" in html


def test_attendee_gives_feedback_once(client_for, cast, ended):
    client = client_for(cast.member)
    client.cookies["django_language"] = "en"
    url = reverse("events:feedback", args=[ended.pk])
    empty = client.post(url, {})
    assert empty.context["form"].errors["mood"] == ["Choose one of the five faces."]
    response = client.post(url, {"mood": "4", "comment": "Kiva"}, follow=True)
    assert response.redirect_chain[-1][0] == ended.get_absolute_url()
    assert list(Feedback.objects.values_list("mood", "comment")) == [(4, "Kiva")]
    again = client.get(url)
    assert again.context["problem"] == "You have already given feedback on this event. Thank you!"
    client.post(url, {"mood": "1"})
    assert Feedback.objects.count() == 1


@pytest.mark.parametrize("who", ["mentor", "partner"])
def test_someone_who_did_not_attend_is_told_why(client_for, cast, ended, who):
    client = client_for(getattr(cast, who))
    client.cookies["django_language"] = "en"
    url = reverse("events:feedback", args=[ended.pk])
    assert client.get(url).context["problem"] == (
        "Only people who attended the event can give feedback on it."
    )
    client.post(url, {"mood": "5"})
    assert not Feedback.objects.exists()
