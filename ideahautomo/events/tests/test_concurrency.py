"""Under concurrent registration exactly one person gets the last place (PostgreSQL)."""

import pytest

from ideahautomo.accounts.tests.concurrency import postgresql_only, run_at_once
from ideahautomo.accounts.tests.factories import UserFactory
from ideahautomo.events import services
from ideahautomo.events.models import Event, Registration

from .factories import EventFactory


@postgresql_only
# serialized_rollback: the municipalities loaded by a migration come back afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_last_seat_goes_to_exactly_one_member():
    event = EventFactory(capacity=3)
    for member in UserFactory.create_batch(2):
        services.event_register(actor=member, event=event)
    racers = UserFactory.create_batch(2)

    errors = run_at_once(
        lambda user: services.event_register(actor=user, event=Event.objects.get(pk=event.pk)),
        racers,
    )

    assert not errors
    statuses = sorted(
        Registration.objects.filter(event=event, user__in=racers).values_list("status", flat=True)
    )
    assert statuses == ["confirmed", "waitlisted"]
    event.refresh_from_db()
    assert event.registered_count == 3
