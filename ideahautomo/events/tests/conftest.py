import pytest

from ideahautomo.accounts.tests.factories import UserFactory

from .factories import EventFactory


@pytest.fixture
def event(db):
    return EventFactory()


@pytest.fixture
def members(db):
    return UserFactory.create_batch(6)
