"""The organisers' page: the list, its CSV, attendance and the feedback summary."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ideahautomo.accounts.models import AuditEvent
from ideahautomo.accounts.tests.factories import UserFactory
from ideahautomo.events import selectors, services
from ideahautomo.events.models import FEEDBACK_TIME, Event, Feedback, Registration

from .factories import EventFactory, in_days

pytestmark = pytest.mark.django_db


def past(event):
    Event.objects.filter(pk=event.pk).update(
        starts_at=in_days(-1, 10), ends_at=in_days(-1, 10) + timedelta(hours=2)
    )
    event.refresh_from_db()
    return event


def test_organiser_sees_the_list_with_answers_and_the_visit_is_logged(
    client_for, cast, django_assert_max_num_queries
):
    event = EventFactory(capacity=30, ask_accessibility_needs=True)
    for user in UserFactory.create_batch(25):
        services.event_register(actor=user, event=event, accessibility_needs="Induktiosilmukka")
    client = client_for(cast.project_manager)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("events:attendees", args=[event.pk]))
    assert len(response.context["confirmed"]) == 25
    assert "Induktiosilmukka" in response.content.decode()
    assert AuditEvent.objects.filter(action="event.attendees_viewed").count() == 1


def test_csv_export_is_excel_friendly_and_defuses_formulas(client_for, cast):
    event = EventFactory()
    sneaky = UserFactory(display_name="=HYPERLINK(1)", email="sneaky@example.fi")
    services.event_register(actor=sneaky, event=event)
    response = client_for(cast.project_manager).get(reverse("events:export", args=[event.pk]))
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 2
    assert rows[1][0] == "'=HYPERLINK(1)"
    assert rows[1][1] == "sneaky@example.fi"
    assert AuditEvent.objects.filter(action="event.attendees_exported").exists()


def test_attendance_is_saved_after_the_start(client_for, cast, members):
    event = EventFactory(created_by=cast.project_manager)
    registrations = [services.event_register(actor=m, event=event) for m in members[:3]]
    client = client_for(cast.project_manager)
    client.cookies["django_language"] = "en"
    url = reverse("events:attendees", args=[event.pk])
    early = client.post(url, {"attended": [registrations[0].pk]}, follow=True)
    assert [str(m) for m in early.context["messages"]] == [
        "Attendance can be marked once the event has started."
    ]
    past(event)
    client.post(url, {"attended": [registrations[0].pk, registrations[2].pk, "x"]})
    attended = dict(Registration.objects.values_list("pk", "attended"))
    assert [attended[r.pk] for r in registrations] == [True, False, True]


def _closed(event):
    """Answering closed an hour ago."""
    ended = timezone.now() - FEEDBACK_TIME - timedelta(hours=1)
    Event.objects.filter(pk=event.pk).update(starts_at=ended - timedelta(hours=2), ends_at=ended)
    event.refresh_from_db()
    return event


def _answered(event, members, moods):
    past(event)
    Registration.objects.update(attended=True)
    for member, mood in zip(members, moods, strict=False):
        services.feedback_give(actor=member, event=event, mood=mood, comment=f"Kommentti {mood}")


def test_feedback_shows_nothing_until_answering_closes(client_for, cast, members):
    event = EventFactory(capacity=10)
    for member in members:
        services.event_register(actor=member, event=event)
    _answered(event, members, [5, 4, 4, 1, 3, 3])
    client = client_for(cast.project_manager)
    client.cookies["django_language"] = "en"

    response = client.get(reverse("events:attendees", args=[event.pk]))

    result = response.context["feedback"]
    assert result.is_open and result.answers is None and not result.comments
    html = response.content.decode().split("<h2>Feedback</h2>")[1]
    assert "Attendees can give feedback until" in html
    assert "Kommentti" not in html and "Responses" not in html


def test_closed_feedback_under_five_answers_shows_only_that(client_for, cast, members):
    event = EventFactory(capacity=10)
    for member in members:
        services.event_register(actor=member, event=event)
    _answered(event, members, [5, 4, 4, 1])
    _closed(event)
    client = client_for(cast.project_manager)
    client.cookies["django_language"] = "en"

    response = client.get(reverse("events:attendees", args=[event.pk]))

    result = response.context["feedback"]
    assert result.too_few and not result.comments
    html = response.content.decode().split("<h2>Feedback</h2>")[1]
    assert "Fewer than 5 people gave feedback." in html
    assert "Kommentti" not in html


def test_closed_feedback_is_shown_once_whole_with_small_groups_hidden(client_for, cast, members):
    event = EventFactory(capacity=10)
    for member in members:
        services.event_register(actor=member, event=event)
    _answered(event, members, [5, 4, 4, 1, 3, 3])
    _closed(event)
    client = client_for(cast.project_manager)
    client.cookies["django_language"] = "en"

    response = client.get(reverse("events:attendees", args=[event.pk]))

    result = response.context["feedback"]
    assert not result.is_open and result.answers.value == 6
    # Every mood given is one or two people: hidden, and so is the average.
    shown = [str(figure) for _mood, _label, figure in result.distribution]
    assert shown == ["< 5", "0", "< 5", "< 5", "< 5"]
    assert result.mean.suppressed
    assert result.comments == [
        "Kommentti 1",
        "Kommentti 3",
        "Kommentti 3",
        "Kommentti 4",
        "Kommentti 4",
        "Kommentti 5",
    ]
    feedback_part = response.content.decode().split('class="mood-distribution"')[1]
    assert all(member.display_name not in feedback_part for member in members)


def test_closed_feedback_shows_the_average_when_every_count_is_shown(cast, members):
    event = EventFactory(capacity=20)
    people = members + UserFactory.create_batch(4)
    for person in people:
        services.event_register(actor=person, event=event)
    _answered(event, people, [4] * 5 + [5] * 5)
    _closed(event)

    result = selectors.feedback_result(event=event)

    assert [figure.value for _mood, _label, figure in result.distribution] == [0, 0, 0, 5, 5]
    assert result.mean.value == 4.5
    assert result.answers.value == 10


def test_feedback_cannot_be_given_after_answering_closed(cast, members):
    event = EventFactory(capacity=10)
    services.event_register(actor=members[0], event=event)
    past(event)
    Registration.objects.update(attended=True)
    _closed(event)

    with pytest.raises(ValidationError) as error:
        services.feedback_give(actor=members[0], event=event, mood=4)

    assert error.value.error_list[0].code == "closed"
    assert not Feedback.objects.exists()
