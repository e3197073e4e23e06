"""Two members join at the same moment for the last place: exactly one gets it (PostgreSQL)."""

import pytest

from ideahautomo.accounts.tests.concurrency import postgresql_only, run_at_once
from ideahautomo.accounts.tests.factories import UserFactory
from ideahautomo.circles import services
from ideahautomo.circles.models import Circle, Membership


@postgresql_only
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

    errors = run_at_once(
        lambda user: services.circle_join(actor=user, circle=Circle.objects.get(pk=circle.pk)),
        racers,
    )

    assert not errors
    statuses = sorted(
        Membership.objects.filter(circle=circle, user__in=racers).values_list("status", flat=True)
    )
    assert statuses == ["active", "waitlisted"]
    circle.refresh_from_db()
    assert circle.member_count == 2


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fewer_places_and_a_new_member_at_once_never_overfill_the_circle():
    organiser = UserFactory()
    circle = services.circle_create(
        actor=organiser,
        name="Kutistuva piiri",
        topic="Suomi",
        description="Kuvaus",
        language="fi",
        format=Circle.Format.ONLINE,
        capacity=3,
    )
    services.circle_join(actor=UserFactory(), circle=circle)
    newcomer = UserFactory()

    def act(who):
        fresh = Circle.objects.get(pk=circle.pk)
        if who == "organiser":
            services.circle_update(actor=organiser, circle=fresh, capacity=2)
        else:
            services.circle_join(actor=newcomer, circle=fresh)

    errors = run_at_once(act, ["organiser", "newcomer"])

    circle.refresh_from_db()
    assert circle.member_count <= circle.capacity
    status = Membership.objects.get(circle=circle, user=newcomer).status
    if circle.capacity == 2:
        assert not errors and status == "waitlisted"
    else:
        assert len(errors) == 1 and status == "active"
