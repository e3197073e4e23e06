"""Circles in the members' suggestions: which circles, in what order, why, and at what cost."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from ideahautomo.accounts.tests.factories import UserFactory, municipality
from ideahautomo.circles import services
from ideahautomo.circles.models import Circle
from ideahautomo.circles.suggestions import circle_suggestions
from ideahautomo.profiles import selectors as profile_selectors
from ideahautomo.profiles import services as profile_services
from ideahautomo.profiles.models import Skill

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def member(place="092", *, wants=(), languages=(("uk", "native"),)):
    user = UserFactory(municipality=municipality(place) if place else None)
    profile = user.profile
    profile_services.profile_set_languages(actor=user, profile=profile, entries=list(languages))
    profile_services.profile_set_skills(
        actor=user, profile=profile, relation="wants", names=list(wants)
    )
    return user


def start(name, **overrides):
    values = {
        "name": name,
        "topic": "Aihe",
        "skill": Skill.objects.get(key="suomen kieli"),
        "description": "Kuvaus",
        "language": "fi",
        "level": "A1",
        "format": Circle.Format.IN_PERSON,
        "municipality": municipality("092"),
        "capacity": 10,
        "policy": Circle.Policy.OPEN,
        "visibility": Circle.Visibility.MEMBERS,
    }
    values.update(overrides)
    return services.circle_create(actor=UserFactory(), **values)


def suggested(viewer):
    return [
        (s.target.name, s.score)
        for s in circle_suggestions(viewer, profile_selectors.profile_summary(viewer))
    ]


def test_circles_about_what_the_member_wants_near_them_or_online_rank_first():
    me = member(wants=["suomen kieli"])
    start("Vantaalla")
    start("Verkossa", format=Circle.Format.ONLINE, municipality=None)
    start("Ukrainaksi Helsingissä", skill=None, language="uk", municipality=municipality("091"))
    start(
        "Ukrainaksi verkossa",
        skill=None,
        language="uk",
        format=Circle.Format.ONLINE,
        municipality=None,
    )
    start("Muuta", skill=Skill.objects.get(key="kirjanpito"))

    # 3 for the wanted skill, 2 for the same municipality or 1 for online, 1 for a
    # language spoken; in-person circles elsewhere are not suggested.
    assert suggested(me) == [("Vantaalla", 5), ("Verkossa", 4), ("Ukrainaksi verkossa", 2)]


def test_each_suggestion_says_why():
    me = member(wants=["suomen kieli"])
    start("Vantaalla")
    (suggestion,) = circle_suggestions(me, profile_selectors.profile_summary(me))
    assert suggestion.reason == (
        "About Finnish language, which you want to learn; meets in your municipality"
    )


@pytest.mark.parametrize(
    "overrides",
    [
        {"visibility": Circle.Visibility.PRIVATE},
        {"policy": Circle.Policy.INVITE},
        {"capacity": 2, "fill": True},
        {"municipality": "091"},
        {"skill": None},
    ],
)
def test_circles_the_member_cannot_use_are_not_suggested(overrides):
    me = member(wants=["suomen kieli"])
    overrides = dict(overrides)
    fill = overrides.pop("fill", False)
    if isinstance(overrides.get("municipality"), str):
        overrides["municipality"] = municipality(overrides["municipality"])
    circle = start("Ei sovi", **overrides)
    if fill:
        services.circle_join(actor=UserFactory(), circle=circle)
    assert suggested(me) == []


def test_circles_the_member_is_in_are_not_suggested():
    me = member(wants=["suomen kieli"])
    circle = start("Oma piiri")
    assert suggested(me) == [("Oma piiri", 5)]
    services.circle_join(actor=me, circle=circle)
    cache.clear()
    assert suggested(me) == []


def test_a_wish_for_a_circle_counts_as_wanting_to_learn():
    me = member(wants=[])
    start("Ruotsia", skill=Skill.objects.get(key="ruotsin kieli"), language="sv")
    assert suggested(me) == []
    services.wish_create(
        actor=me,
        skill=Skill.objects.get(key="ruotsin kieli"),
        language="sv",
        municipality=municipality("092"),
    )
    cache.clear()
    assert suggested(me) == [("Ruotsia", 5)]


def test_a_circle_that_fills_up_disappears_even_from_the_cached_ranking():
    me = member(wants=["suomen kieli"])
    circle = start("Täyttyy", capacity=2)
    assert suggested(me) == [("Täyttyy", 5)]
    services.circle_join(actor=UserFactory(), circle=circle)
    assert suggested(me) == []


def test_the_suggestions_page_shows_circles_with_bounded_queries(
    cast, client_for, django_assert_max_num_queries
):
    profile_services.profile_set_skills(
        actor=cast.member, profile=cast.member.profile, relation="wants", names=["suomen kieli"]
    )
    client = client_for(cast.member)
    start("Ensimmäinen", format=Circle.Format.ONLINE, municipality=None)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("profiles:suggestions"))
    with django_assert_max_num_queries(10):  # computed once, then read from the cache
        client.get(reverse("profiles:suggestions"))
    for number in range(30):
        start(f"Piiri {number}", format=Circle.Format.ONLINE, municipality=None)
    cache.clear()
    with django_assert_max_num_queries(20) as many:
        response = client.get(reverse("profiles:suggestions"))

    groups = {kind: items for kind, _label, items in response.context["groups"]}
    assert len(groups["circles"]) == 10
    assert "Piiri 29" in response.content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
