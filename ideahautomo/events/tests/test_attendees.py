"""The organisers' page: the list, its CSV, attendance and the feedback summary."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse

from ideahautomo.accounts.models import AuditEvent
from ideahautomo.accounts.tests.factories import UserFactory
from ideahautomo.events import services
from ideahautomo.events.models import Event, Registration

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


def test_feedback_summary_hides_details_under_five_responses(client_for, cast, members):
    event = EventFactory(capacity=10)
    for member in members:
        services.event_register(actor=member, event=event)
    past(event)
    Registration.objects.update(attended=True)
    client = client_for(cast.project_manager)
    url = reverse("events:attendees", args=[event.pk])
    for member, mood in zip(members[:4], [5, 4, 4, 1], strict=True):
        services.feedback_give(actor=member, event=event, mood=mood, comment=f"Kommentti {mood}")
    summary = client.get(url).context["feedback"]
    assert summary.suppressed and summary.mean is None and not summary.comments
    assert [count for _mood, _label, count in summary.distribution] == [None] * 5
    assert "Kommentti" not in client.get(url).content.decode().split("Feedback")[-1]

    services.feedback_give(actor=members[4], event=event, mood=3, comment="")
    response = client.get(url)
    summary = response.context["feedback"]
    assert not summary.suppressed
    assert summary.count == 5 and summary.mean == pytest.approx(3.4)
    assert [count for _mood, _label, count in summary.distribution] == [1, 0, 1, 2, 1]
    assert summary.comments == ["Kommentti 1", "Kommentti 4", "Kommentti 4", "Kommentti 5"]
    feedback_part = response.content.decode().split('class="mood-distribution"')[1]
    assert all(member.display_name not in feedback_part for member in members)
