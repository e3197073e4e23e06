"""Two members join at the same moment for the last place: exactly one gets it (PostgreSQL)."""

import threading

import pytest
from django.conf import settings
from django.db import connections

from ideahautomo.accounts.tests.factories import UserFactory
from ideahautomo.circles import services
from ideahautomo.circles.models import Circle, Membership


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="row locks are PostgreSQL's; SQLite serialises every writer anyway",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_last_place_goes_to_exactly_one_member():
    circle = services.circle_create(
        actor=UserFactory(),
        name="Viimeinen paikka",
        topic="Suomi",
        description="Kuvaus",
        language="fi",
        format=Circle.Format.ONLINE,
        capacity=2,
    )
    racers = UserFactory.create_batch(2)
    barrier = threading.Barrier(len(racers))
    errors = []

    def join(user):
        try:
            barrier.wait(timeout=10)
            services.circle_join(actor=user, circle=Circle.objects.get(pk=circle.pk))
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=join, args=(user,)) for user in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert not errors
    statuses = sorted(
        Membership.objects.filter(circle=circle, user__in=racers).values_list("status", flat=True)
    )
    assert statuses == ["active", "waitlisted"]
    circle.refresh_from_db()
    assert circle.member_count == 2
