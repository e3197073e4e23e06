"""What the circle meeting tests share: English messages, Finnish wall-clock times,
circles with members, and meetings scheduled through the service."""

import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.utils import timezone, translation

from ideahautomo.accounts.tests.factories import UserFactory
from ideahautomo.circles import services, session_services
from ideahautomo.circles.models import Circle
from ideahautomo.testing.factories import circle_for

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def helsinki(*args):
    return datetime(*args, tzinfo=HELSINKI)


def start_circle(organiser, **overrides):
    """A public circle without a limit of places."""
    values = {"capacity": None, "visibility": Circle.Visibility.PUBLIC, **overrides}
    return circle_for(organiser, **values)


def with_members(circle, count):
    people = [UserFactory() for _ in range(count)]
    for person in people:
        services.circle_join(actor=person, circle=circle)
    return people


def schedule(circle, organiser, *, starts_at=None, hours=2, now=None, **kwargs):
    starts_at = starts_at or timezone.now() + timedelta(days=3)
    return session_services.session_schedule(
        actor=organiser,
        circle=circle,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        now=now,
        **kwargs,
    )


def started_session(circle, organiser):
    """A meeting that began an hour ago (scheduled "yesterday", as it were)."""
    real_now = timezone.now()
    return schedule(
        circle,
        organiser,
        starts_at=real_now - timedelta(hours=1),
        now=real_now - timedelta(days=1),
    )[0]


# Scheduling
