"""The suggestions: ranking order, reasons, and who is never suggested."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from ideahautomo.accounts.tests.factories import UserFactory, municipality
from ideahautomo.profiles import matching, selectors, services
from ideahautomo.profiles.models import Profile

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def person(name, *, place="091", languages=(("fi", "native"),), knows=(), wants=(), **profile):
    user = UserFactory(display_name=name, municipality=municipality(place))
    target = user.profile
    services.profile_set_languages(actor=user, profile=target, entries=list(languages))
    services.profile_set_skills(actor=user, profile=target, relation="has", names=list(knows))
    services.profile_set_skills(actor=user, profile=target, relation="wants", names=list(wants))
    if profile:
        services.profile_update(actor=user, profile=target, **profile)
    return user


def suggest(viewer):
    return matching.people_suggestions(viewer, selectors.profile_of(viewer))


def ranked(viewer):
    return [(s.target.user.display_name, s.score) for s in suggest(viewer)]


def test_complementary_skills_rank_above_a_shared_municipality_only():
    me = person("Minä", wants=["kirjanpito"], knows=["puutarha"])
    person("Opettaja", place="049", knows=["kirjanpito"], meets_online=False)
    person("Oppija", place="049", wants=["puutarha"], meets_online=False)
    person("Naapuri", wants=["ompelu"])

    # 3 for knowing what I want; 2 each for wanting what I know and for the same
    # municipality, the tie going to the newer member.
    assert ranked(me) == [("Opettaja", 3), ("Naapuri", 2), ("Oppija", 2)]


def test_the_issue_example_gets_its_reason():
    me = person(
        "Oksana",
        place="092",
        languages=[("uk", "native"), ("fi", "A1")],
        wants=["suomen kieli"],
        goal_learn=True,
    )
    person(
        "Iryna",
        place="092",
        languages=[("uk", "native"), ("fi", "A1")],
        wants=["Finnish language"],
        goal_learn=True,
    )

    [suggestion] = suggest(me)

    assert suggestion.rules == [
        "learn_together",
        "shared_language",
        "same_municipality",
        "shared_goal",
    ]
    assert suggestion.reason == (
        "You both want to learn Finnish language; you both speak Ukrainian; "
        "you both live in Vantaa; you share the goal: learn something new"
    )
    assert suggestion.score == 2 + 2 + 2 + 1


def test_ties_go_to_the_newer_member_and_scoring_is_repeatable():
    me = person("Minä", wants=["kirjanpito"])
    person("Vanhempi", place="049", knows=["kirjanpito"], meets_online=False)
    person("Uudempi", place="049", knows=["kirjanpito"], meets_online=False)

    assert [name for name, _ in ranked(me)] == ["Uudempi", "Vanhempi"]
    assert ranked(me) == ranked(me)


def test_hidden_inactive_and_unrelated_people_are_never_suggested():
    me = person("Minä", wants=["kirjanpito"], meets_online=False)
    hidden = person("Piilo", knows=["kirjanpito"])
    Profile.objects.filter(pk=hidden.pk).update(visibility=Profile.Visibility.HIDDEN)
    gone = person("Poissa", knows=["kirjanpito"])
    type(gone).objects.filter(pk=gone.pk).update(is_active=False)
    person("Kaukana", place="049", knows=["ompelu"], meets_online=False)

    assert ranked(me) == []


def test_blocked_people_are_not_suggested():
    me = person("Minä", wants=["kirjanpito"])
    blocked = person("Estetty", knows=["kirjanpito"])

    def blocks(user_id):
        return {blocked.pk} if user_id == me.pk else {me.pk} if user_id == blocked.pk else set()

    selectors.register_block_source(blocks)
    try:
        assert ranked(me) == []
        assert ranked(blocked) == []
    finally:
        selectors._blocked_sources.remove(blocks)


def test_suggestions_follow_a_profile_change():
    me = person("Minä", wants=["kirjanpito"], meets_online=False)
    person("Opettaja", place="049", knows=["ohjelmointi"], meets_online=False)
    assert ranked(me) == []

    services.profile_set_skills(
        actor=me, profile=me.profile, relation="wants", names=["ohjelmointi"]
    )

    assert [name for name, _ in ranked(me)] == ["Opettaja"]


def test_suggestions_page_query_count_does_not_grow(
    cast, client_for, django_assert_max_num_queries
):
    services.profile_set_skills(
        actor=cast.member, profile=cast.member.profile, relation="wants", names=["kirjanpito"]
    )
    client = client_for(cast.member)
    for number in range(3):
        person(f"Opettaja {number}", knows=["kirjanpito"])
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("profiles:suggestions"))
    with django_assert_max_num_queries(10):  # computed once, then read from the cache
        client.get(reverse("profiles:suggestions"))
    for number in range(30):
        person(f"Lisä {number}", knows=["kirjanpito", "ompelu"], wants=["puutarha"])
    cache.clear()  # the first result is cached until the viewer's profile changes
    with django_assert_max_num_queries(20) as many:
        response = client.get(reverse("profiles:suggestions"))

    groups = {kind: items for kind, _label, items in response.context["groups"]}
    assert len(groups["people"]) == 10
    assert len(many.captured_queries) == len(few.captured_queries)
