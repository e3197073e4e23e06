"""The person withdraws their consent at the moment the project manager publishes: the
story ends withdrawn and unpublished whichever comes first (PostgreSQL)."""

import pytest
from django.core.exceptions import ValidationError

from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.concurrency import postgresql_only, run_at_once
from ideahautomo.accounts.tests.factories import EmploymentAreaFactory, UserFactory, user_with_role
from ideahautomo.stories import services
from ideahautomo.stories.models import Story

from .factories import consented_story


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_withdrawing_while_publishing_never_leaves_the_story_published():
    area = EmploymentAreaFactory()
    manager = user_with_role(Role.PROJECT_MANAGER)
    staff = user_with_role(Role.CONTACT_PERSON, area=area)
    for _round in range(3):
        person = UserFactory(area=area)
        story = consented_story(staff, person)

        def act(who, story=story, person=person):
            fresh = Story.objects.get(pk=story.pk)
            if who == "manager":
                services.story_publish(actor=manager, story=fresh)
            else:
                services.story_consent_withdraw(actor=person, story=fresh)

        errors = run_at_once(act, ["manager", "person"])

        assert all(isinstance(error, ValidationError) for error in errors)
        story.refresh_from_db()
        assert story.status == Story.Status.WITHDRAWN
        assert story.published_at is None
