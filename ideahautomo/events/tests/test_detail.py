"""The event page: what each viewer sees, registering and cancelling from it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ideahautomo.accounts.tests.factories import UserFactory
from ideahautomo.events import services
from ideahautomo.events.models import Event, Registration

from .factories import EventFactory

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_guests_never_see_who_registered(client, cast):
    event = EventFactory(capacity=5, created_by=cast.project_manager)
    services.event_register(actor=cast.member, event=event)
    html = client.get(event.get_absolute_url()).content.decode()
    assert cast.member.display_name not in html
    assert cast.member.email not in html
    assert "/kirjaudu/?next=" in html


def test_description_html_is_the_sanitised_one(client, cast):
    event = services.event_create(
        actor=cast.project_manager,
        kind=Event.Kind.WORKSHOP,
        title="Työpaja",
        description="<script>alert('x')</script>**Tule**",
        starts_at=timezone.now() + timedelta(days=2),
        ends_at=timezone.now() + timedelta(days=2, hours=1),
        venue_name="Stoa",
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "<strong>Tule</strong>" in html
    assert "<script>alert" not in html


def test_online_link_only_for_those_registered(client_for, cast):
    event = EventFactory(venue_name="", online_url="https://meet.example.fi/salainen")
    client = client_for(cast.member)
    assert "meet.example.fi/salainen" not in client.get(event.get_absolute_url()).content.decode()
    ics = client.get(reverse("events:ics", args=[event.pk])).content.decode()
    assert "salainen" not in ics
    services.event_register(actor=cast.member, event=event)
    assert "meet.example.fi/salainen" in client.get(event.get_absolute_url()).content.decode()
    assert "salainen" in client.get(reverse("events:ics", args=[event.pk])).content.decode()


def test_register_then_waitlist_then_cancel_with_clear_messages(client_for, cast, settings):
    event = EventFactory(capacity=1, ask_dietary_needs=True)
    client = client_for(cast.member)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("events:register", args=[event.pk]), {"dietary_needs": "Vegaani"}, follow=True
    )
    assert response.context["registration"].status == Registration.Status.CONFIRMED
    assert Registration.objects.get(user=cast.member).dietary_needs == "Vegaani"
    assert len(messages_of(response)) == 1

    again = client.post(reverse("events:register", args=[event.pk]), follow=True)
    assert messages_of(again) == ["You are already registered for this event."]

    other = client_for(cast.mentor)
    waiting = other.post(reverse("events:register", args=[event.pk]), follow=True)
    assert waiting.context["registration"].status == Registration.Status.WAITLISTED
    assert waiting.context["waitlist_position"] == 1

    cancelled = other.post(reverse("events:cancel_registration", args=[event.pk]), follow=True)
    assert cancelled.context["registration"].status == Registration.Status.CANCELLED


def test_registering_after_the_deadline_says_so(client_for, cast):
    event = EventFactory(registration_deadline=timezone.now() - timedelta(hours=1))
    client = client_for(cast.member)
    client.cookies["django_language"] = "en"
    page = client.get(event.get_absolute_url())
    assert not page.context["can_register"]
    response = client.post(reverse("events:register", args=[event.pk]), follow=True)
    assert messages_of(response) == ["Registration for this event has closed."]
    assert not Registration.objects.exists()


def test_drop_in_is_marked_coming(client_for, cast):
    event = EventFactory(kind=Event.Kind.DROP_IN, capacity=None)
    client = client_for(cast.member)
    client.cookies["django_language"] = "en"
    assert "I'm coming" in client.get(event.get_absolute_url()).content.decode()
    response = client.post(reverse("events:register", args=[event.pk]), follow=True)
    assert messages_of(response) == ["Marked: you are coming. Welcome!"]


def test_detail_page_queries_are_few(client_for, cast, django_assert_max_num_queries):
    event = EventFactory(capacity=50)
    for user in UserFactory.create_batch(20):
        services.event_register(actor=user, event=event)
    client = client_for(cast.member)
    with django_assert_max_num_queries(10):
        assert client.get(event.get_absolute_url()).status_code == 200
