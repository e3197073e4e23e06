"""Under concurrent registration exactly one person gets the last place (PostgreSQL)."""

import threading

import pytest
from django.conf import settings
from django.db import connections

from ideahautomo.accounts.tests.factories import UserFactory
from ideahautomo.events import services
from ideahautomo.events.models import Event, Registration

from .factories import EventFactory


# Skipped before any database work on SQLite, which serialises every writer anyway.
@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="row locks are PostgreSQL's; SQLite serialises every writer anyway",
)
# serialized_rollback: the municipalities loaded by a migration come back afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_last_seat_goes_to_exactly_one_member():
    event = EventFactory(capacity=3)
    for member in UserFactory.create_batch(2):
        services.event_register(actor=member, event=event)
    racers = UserFactory.create_batch(2)
    barrier = threading.Barrier(len(racers))
    errors = []

    def register(user):
        try:
            barrier.wait(timeout=10)
            services.event_register(actor=user, event=Event.objects.get(pk=event.pk))
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(user,)) for user in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    statuses = sorted(
        Registration.objects.filter(event=event, user__in=racers).values_list("status", flat=True)
    )
    assert statuses == ["confirmed", "waitlisted"]
    event.refresh_from_db()
    assert event.registered_count == 3
