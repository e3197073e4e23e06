"""Wishes made at the same moment complete a pool: everyone is told exactly once (PostgreSQL)."""

import pytest
from django.db.models import Count

from ideahautomo.accounts.tests.concurrency import postgresql_only, run_at_once
from ideahautomo.accounts.tests.factories import UserFactory, municipality
from ideahautomo.circles import services
from ideahautomo.messaging.models import Notification, NotificationKind
from ideahautomo.profiles.models import Skill


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("already", [3, 4])
def test_wishes_at_the_same_moment_tell_the_pool_exactly_once(settings, already):
    settings.CIRCLE_DEMAND_THRESHOLD = 5
    finnish = Skill.objects.get(key="suomen kieli")
    vantaa = municipality("092")

    def wish(user):
        services.wish_create(
            actor=user, skill=finnish, language="uk", level="A1", municipality=vantaa
        )

    for user in UserFactory.create_batch(already):
        wish(user)
    racers = UserFactory.create_batch(2)

    errors = run_at_once(wish, racers)

    assert not errors
    told = Notification.objects.filter(kind=NotificationKind.CIRCLE_DEMAND)
    per_person = told.values("recipient").annotate(times=Count("pk"))
    assert {row["times"] for row in per_person} == {1}
    assert told.count() == already + 2
