"""Services in the members' suggestions: which services, in what order, why, and at what cost."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from ideahautomo.accounts.tests.factories import UserFactory, municipality
from ideahautomo.profiles import selectors as profile_selectors
from ideahautomo.profiles import services as profile_services
from ideahautomo.services.models import Service
from ideahautomo.services.suggestions import service_suggestions

from .factories import PartnerOrganisationFactory, service_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def member(place="091", **goals):
    user = UserFactory(municipality=municipality(place) if place else None)
    profile_services.profile_update(actor=user, profile=user.profile, **goals)
    return user


def suggested(viewer):
    return [
        (s.target.title, s.score)
        for s in service_suggestions(viewer, profile_selectors.profile_summary(viewer))
    ]


@pytest.fixture
def organisation():
    return PartnerOrganisationFactory()


def test_services_for_the_members_goals_that_serve_them_are_suggested(organisation):
    me = member("091", goal_work=True)
    service_for(organisation, title="Helsingin työnhaku", is_drop_in=True)
    service_for(organisation, title="Helsingin ajanvaraus")
    service_for(organisation, title="Koko Suomi", municipality=None, serves_whole_finland=True)
    service_for(organisation, title="Tampereen työnhaku", municipality=municipality("837"))
    service_for(organisation, title="Yrityspalvelu", needs=["business"])
    hidden = service_for(organisation, title="Piilotettu", is_drop_in=True)
    Service.objects.filter(pk=hidden.pk).update(is_active=False)  # its organisation hid it

    assert suggested(me) == [
        ("Helsingin työnhaku", 6),  # the need, in my municipality, drop in
        ("Helsingin ajanvaraus", 5),
        ("Koko Suomi", 3),
    ]


def test_each_suggestion_says_why(organisation):
    me = member("091", goal_business=True)
    service_for(organisation, title="Starttipiste", needs=["business"], is_drop_in=True)
    (suggestion,) = service_suggestions(me, profile_selectors.profile_summary(me))
    assert suggestion.reason == (
        "Helps with starting a business; in your municipality; drop in, no appointment needed"
    )


def test_no_goals_no_service_suggestions(organisation, django_assert_num_queries):
    me = member("091")
    service_for(organisation)
    profile = profile_selectors.profile_summary(me)
    with django_assert_num_queries(0):
        assert service_suggestions(me, profile) == []


def test_without_a_municipality_only_national_and_online_services(organisation):
    me = member(None, goal_learn=True)
    service_for(organisation, title="Paikallinen", needs=["skills"])
    service_for(organisation, title="Verkossa", needs=["digital"], channels=["online"])
    assert suggested(me) == [("Verkossa", 3)]


def test_the_ranking_is_read_in_bounded_queries_whatever_the_number_of_services(
    organisation, django_assert_max_num_queries
):
    me = member("091", goal_work=True)
    for number in range(3):
        service_for(organisation, title=f"Piste {number}")
    profile = profile_selectors.profile_summary(me)
    with django_assert_max_num_queries(6) as few:
        assert len(service_suggestions(me, profile)) == 3
    for number in range(3, 30):
        service_for(organisation, title=f"Piste {number}")
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(service_suggestions(me, profile)) == 10


def test_the_suggestions_page_shows_services_with_their_reason(client_for, organisation):
    me = member("091", goal_work=True)
    service_for(organisation, title="TyöParkki", is_drop_in=True)
    response = client_for(me).get(reverse("profiles:suggestions"))
    groups = {kind: items for kind, _label, items in response.context["groups"]}
    assert [s.target.title for s in groups["services"]] == ["TyöParkki"]
    assert "TyöParkki" in response.content.decode()
