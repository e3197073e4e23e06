"""Wishes for circles: pooling, the one-time notification, the wish page, the staff's
demand page, the level filter and the create form filled in from a link."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from ideahautomo.accounts.models import Municipality
from ideahautomo.accounts.tests.factories import UserFactory, municipality
from ideahautomo.circles import selectors, services
from ideahautomo.circles.models import Circle, CircleWish
from ideahautomo.messaging.models import Notification, NotificationKind
from ideahautomo.profiles.models import Skill
from ideahautomo.testing import LOGIN, assert_role_table, expect, page_check, status_of
from ideahautomo.testing.factories import circle_for, circle_wish

pytestmark = pytest.mark.django_db

MEMBER_PAGE = expect(403, guest=LOGIN, member=200, mentor=200, partner=200)
DEMAND_PAGE = expect(
    403, guest=LOGIN, contact_person=200, other_contact_person=200, project_manager=200
)


@pytest.fixture(autouse=True)
def _english(settings):
    settings.CIRCLE_DEMAND_THRESHOLD = 5
    with translation.override("en"):
        yield


def skill(key="suomen kieli"):
    return Skill.objects.get(key=key)


def start(organiser=None, **overrides):
    values = {
        "name": "Suomea ukrainaksi",
        "skill": skill(),
        "language": "uk",
        "format": Circle.Format.IN_PERSON,
        "municipality": municipality("092"),
        "meeting_place": "Kirjasto",
        "capacity": 10,
        **overrides,
    }
    return circle_for(organiser, **values)


def told():
    return Notification.objects.filter(kind=NotificationKind.CIRCLE_DEMAND)


# The pool and its one notification


def test_the_fifth_wish_in_one_place_tells_the_whole_pool_once():
    people = UserFactory.create_batch(6, language="en")
    for person in people[:4]:
        circle_wish(person)
    assert not told().exists()

    circle_wish(people[4])

    assert sorted(told().values_list("recipient_id", flat=True)) == sorted(p.pk for p in people[:5])
    assert not CircleWish.objects.filter(notified_at__isnull=True).exists()
    notification = told().get(recipient=people[0])
    assert notification.text == (
        "Others want to learn the same as you: “Finnish language, A1, in Ukrainian – Vantaa”. "
        "Would you start a circle?"
    )
    link = urlsplit(notification.url)
    assert link.path == reverse("circles:create")
    assert parse_qs(link.query) == {
        "taito": [str(skill().pk)],
        "kieli": ["uk"],
        "taso": ["A1"],
        "muoto": ["in_person"],
        "kunta": [str(municipality("092").pk)],
    }

    circle_wish(people[5])  # the sixth joins a pool already told: only they are told now

    assert told().count() == 6
    assert told().filter(recipient=people[5]).count() == 1


def test_the_notification_is_in_the_recipients_own_language():
    people = [UserFactory(language="fi") for _ in range(5)]
    for person in people:
        circle_wish(person)
    assert "suomen kieli" in told().get(recipient=people[0]).text_params["title"]


@pytest.mark.parametrize(
    "difference",
    [
        {"level": "A2"},
        {"language": "ru"},
        {"skill": "ruotsin kieli"},
        {"municipality": "091"},
    ],
)
def test_only_the_same_skill_language_level_and_place_pool_together(difference):
    for _ in range(4):
        circle_wish()
    values = dict(difference)
    if "skill" in values:
        values["skill"] = skill(values["skill"])
    if "municipality" in values:
        values["municipality"] = municipality(values["municipality"])
    circle_wish(**values)
    assert not told().exists()


def test_online_wishes_pool_across_municipalities():
    for code in ("091", "092", "049", "837"):
        circle_wish(municipality=municipality(code), online_ok=True)
    assert not told().exists()
    circle_wish(municipality=None, online_ok=True)

    assert told().count() == 5
    assert "muoto=online" in told().first().url
    assert "kunta" not in told().first().url
    # The pool is named in the recipient's language (Finnish by default).
    assert told().first().text_params["title"].endswith("– verkossa")


def test_the_threshold_is_a_setting(settings):
    settings.CIRCLE_DEMAND_THRESHOLD = 2
    circle_wish()
    circle_wish()
    assert told().count() == 2


@pytest.mark.parametrize(
    ("circle", "stops_it"),
    [
        ({}, True),
        ({"level": ""}, True),  # open to every level
        ({"format": Circle.Format.HYBRID}, True),
        ({"visibility": Circle.Visibility.PRIVATE}, False),
        ({"capacity": 2, "fill": True}, False),
        ({"level": "B1"}, False),
        ({"municipality": "091"}, False),
        ({"format": Circle.Format.ONLINE, "municipality": None}, False),
        ({"skill": None}, False),
    ],
)
def test_a_suitable_circle_means_nobody_is_told(circle, stops_it):
    circle = dict(circle)
    fill = circle.pop("fill", False)
    if isinstance(circle.get("municipality"), str):
        circle["municipality"] = municipality(circle["municipality"])
    existing = start(**circle)
    if fill:
        services.circle_join(actor=UserFactory(), circle=existing)
    for _ in range(5):
        circle_wish()
    assert told().exists() is not stops_it


def test_closed_accounts_do_not_count_in_a_pool():
    people = UserFactory.create_batch(5)
    for person in people[:4]:
        circle_wish(person)
    people[0].is_active = False
    people[0].save()

    circle_wish(people[4])

    assert not told().exists()


# Bad input and who may wish


def test_a_duplicate_wish_is_refused_clearly():
    person = UserFactory()
    circle_wish(person)
    with pytest.raises(ValidationError, match="already have this wish"):
        circle_wish(person, online_ok=True)
    assert CircleWish.objects.filter(user=person).count() == 1


def test_a_wish_needs_a_place():
    with pytest.raises(ValidationError) as error:
        circle_wish(municipality=None, online_ok=False)
    assert "municipality" in error.value.message_dict
    assert not CircleWish.objects.exists()


def test_a_wish_needs_a_known_language_and_level():
    with pytest.raises(ValidationError):
        circle_wish(language="xx")
    with pytest.raises(ValidationError):
        circle_wish(level="Z9")
    assert not CircleWish.objects.exists()


def test_at_most_ten_wishes(cast):
    skills = list(Skill.objects.filter(is_curated=True)[:11])
    for number in range(10):
        circle_wish(cast.member, skill=skills[number])
    with pytest.raises(ValidationError, match="at most 10"):
        circle_wish(cast.member, skill=skills[10])


def test_staff_only_accounts_and_guests_cannot_wish(cast):
    for person in (cast.contact_person, cast.project_manager, cast.moderator):
        with pytest.raises(PermissionDenied):
            circle_wish(person)
    with pytest.raises(PermissionDenied):
        services.wish_remove(actor=cast.mentor, wish=circle_wish(cast.member))


# The wish page


@pytest.mark.parametrize("url_name", ["circles:wishes"])
def test_who_may_open_the_wish_page(cast, client_for, url_name):
    assert_role_table(
        page_check(client_for, cast.by_role(), reverse(url_name)),
        MEMBER_PAGE,
        label=url_name,
    )


def test_who_may_post_a_wish(cast, client_for):
    data = {"skill": skill().pk, "language": "uk", "level": "A1", "online_ok": "on"}
    table = expect(403, guest=LOGIN, member=302, mentor=302, partner=302)
    assert_role_table(
        page_check(client_for, cast.by_role(), reverse("circles:wishes"), method="post", data=data),
        table,
        label="posting a wish",
    )
    assert CircleWish.objects.count() == 3


def test_the_wish_page_adds_a_wish_and_shows_circles_that_already_exist(cast, client_for):
    circle = start(name="Suomea Vantaalla")
    start(name="Salainen", visibility=Circle.Visibility.PRIVATE)
    start(name="Väärä taso", level="B2")
    client = client_for(cast.member)
    client.cookies["django_language"] = "en"

    response = client.post(
        reverse("circles:wishes"),
        {
            "skill": skill().pk,
            "language": "uk",
            "level": "A1",
            "municipality": circle.municipality_id,
        },
        follow=True,
    )

    assert CircleWish.objects.filter(user=cast.member).count() == 1
    page = response.content.decode()
    assert "Your wish is saved" in page
    assert "These circles already exist" in page
    assert "Suomea Vantaalla" in page
    assert "Salainen" not in page and "Väärä taso" not in page


def test_the_wish_page_explains_bad_input_and_duplicates(cast, client_for):
    client = client_for(cast.member)
    client.cookies["django_language"] = "en"
    url = reverse("circles:wishes")
    data = {"skill": skill().pk, "language": "uk", "level": "A1"}

    no_place = client.post(url, data)
    assert no_place.status_code == 200
    assert "Choose a municipality, or tell that online is fine" in no_place.content.decode()
    assert client.post(url, {**data, "skill": "999999", "online_ok": "on"}).status_code == 200
    assert not CircleWish.objects.exists()

    client.post(url, {**data, "online_ok": "on"})
    again = client.post(url, {**data, "online_ok": "on"})
    assert again.status_code == 200
    assert "You already have this wish" in again.content.decode()
    assert CircleWish.objects.count() == 1


def test_only_the_owner_removes_a_wish(cast, client_for):
    mine = circle_wish(cast.member)
    url = reverse("circles:wish_remove", args=[mine.pk])
    assert status_of(client_for(None).post(url)) == LOGIN
    assert client_for(cast.mentor).post(url).status_code == 404
    assert client_for(cast.member).get(url).status_code == 405
    assert CircleWish.objects.filter(pk=mine.pk).exists()

    assert client_for(cast.member).post(url).status_code == 302
    assert not CircleWish.objects.filter(pk=mine.pk).exists()


def test_the_wish_page_query_count_does_not_grow(cast, client_for, django_assert_max_num_queries):
    client = client_for(cast.member)
    skills = list(Skill.objects.filter(is_curated=True)[:10])
    circle_wish(cast.member, skill=skills[0])
    start(skill=skills[0])
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("circles:wishes"))
    for number in range(1, 10):
        circle_wish(cast.member, skill=skills[number], online_ok=True)
        start(skill=skills[number], name=f"Piiri {number}")
        start(skill=skills[number], name=f"Verkossa {number}", format="online", municipality=None)
    with django_assert_max_num_queries(10) as many:
        response = client.get(reverse("circles:wishes"))
    assert len(response.context["wishes"]) == 10
    assert len(many.captured_queries) == len(few.captured_queries)


# The staff's demand page


@pytest.fixture
def areas(cast):
    Municipality.objects.filter(code="091").update(employment_area=cast.area)
    Municipality.objects.filter(code__in=["092", "245"]).update(employment_area=cast.other_area)


def test_who_may_open_the_demand_page(cast, client_for):
    assert_role_table(
        page_check(client_for, cast.by_role(), reverse("circles:demand")),
        DEMAND_PAGE,
        label="demand page",
    )


def rows(response):
    return [
        (
            pool.skill.key,
            pool.language,
            pool.level,
            pool.municipality.code if pool.municipality else "online",
            pool.people,
        )
        for pool in response.context["pools"]
    ]


def test_contact_persons_see_their_own_area_and_online_pools_of_five_or_more(
    cast, client_for, areas
):
    for _ in range(6):
        circle_wish(municipality=municipality("091"), level="")
    for _ in range(2):
        circle_wish(municipality=municipality("092"), online_ok=True)
    hidden = UserFactory(display_name="Salainen Henkilö")
    circle_wish(hidden, municipality=municipality("245"), skill=skill("ruotsin kieli"))

    response = client_for(cast.contact_person).get(reverse("circles:demand"))

    # Two online wishes and one for Swedish in Kerava: groups of fewer than five are not
    # listed at all, as even "< 5" would tell that someone there wishes for it.
    assert rows(response) == [("suomen kieli", "uk", "", "091", 6)]
    page = response.content.decode()
    assert "&lt; 5" not in page
    assert "ruotsin kieli" not in page.lower()
    assert "Salainen Henkilö" not in page and hidden.email not in page

    other = client_for(cast.other_contact_person).get(reverse("circles:demand"))
    assert rows(other) == []
    assert "Täällä ei juuri nyt ole opintopiiritoivetta" in other.content.decode()


def test_the_project_manager_sees_every_area_and_can_filter(cast, client_for, areas):
    for _ in range(5):
        circle_wish(municipality=municipality("091"))
        circle_wish(municipality=municipality("092"))
    client = client_for(cast.project_manager)

    everything = rows(client.get(reverse("circles:demand")))
    assert {row[3] for row in everything} == {"091", "092"}
    filtered = rows(client.get(reverse("circles:demand"), {"alue": cast.area.pk}))
    assert {row[3] for row in filtered} == {"091"}
    assert rows(client.get(reverse("circles:demand"), {"alue": "x"})) == everything


def test_met_demand_is_not_shown(cast, client_for, areas):
    for _ in range(5):
        circle_wish(municipality=municipality("091"), online_ok=True)
    start(municipality=municipality("091"))
    shown = rows(client_for(cast.project_manager).get(reverse("circles:demand")))
    assert shown == [("suomen kieli", "uk", "A1", "online", 5)]


def test_the_demand_page_query_count_does_not_grow(
    cast, client_for, areas, django_assert_max_num_queries
):
    client = client_for(cast.project_manager)
    for _ in range(5):
        circle_wish(municipality=municipality("091"), online_ok=True)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("circles:demand"))
    skills = list(Skill.objects.filter(is_curated=True)[:8])
    for code in ("091", "092", "245"):
        for number, chosen in enumerate(skills):
            for _ in range(5):
                circle_wish(
                    municipality=municipality(code),
                    skill=chosen,
                    level=["A1", "B1"][number % 2],
                    online_ok=True,
                )
    with django_assert_max_num_queries(10) as many:
        response = client.get(reverse("circles:demand"))
    assert len(response.context["pools"]) > 20
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_demand_page_is_linked_for_staff_who_see_it(cast, client_for):
    link = reverse("circles:demand")
    assert link in client_for(cast.contact_person).get(reverse("pages:home")).content.decode()
    assert link not in client_for(cast.member).get(reverse("pages:home")).content.decode()


# Finding circles and starting one from a link


def test_the_list_filters_by_level(cast, client_for):
    start(name="Alkeet", level="A1")
    start(name="Jatko", level="B1")
    response = client_for(cast.mentor).get(reverse("circles:list"), {"taso": "B1"})
    assert [c.name for c in response.context["page"].object_list] == ["Jatko"]
    bad = client_for(cast.mentor).get(reverse("circles:list"), {"taso": "Z9"})
    assert bad.status_code == 200
    assert bad.context["form"].errors


def test_the_create_form_is_filled_in_from_the_notification_link(cast, client_for):
    people = UserFactory.create_batch(5)
    for person in people:
        circle_wish(person, municipality=municipality("092"))
    link = told().get(recipient=people[0]).url

    response = client_for(people[0]).get(link)

    form = response.context["form"]
    assert form.initial == {
        "skill": str(skill().pk),
        "language": "uk",
        "level": "A1",
        "format": "in_person",
        "municipality": str(municipality("092").pk),
    }
    assert f'<option value="{skill().pk}" selected>' in response.content.decode()


def test_a_circle_started_with_a_skill_keeps_it(cast, client_for):
    response = client_for(cast.member).post(
        reverse("circles:create"),
        {
            "name": "Suomea verkossa",
            "topic": "Suomen kieli",
            "skill": skill().pk,
            "description": "Kuvaus",
            "language": "uk",
            "level": "A1",
            "format": "online",
            "policy": "open",
            "visibility": "members",
        },
    )
    assert response.status_code == 302
    assert Circle.objects.get(name="Suomea verkossa").skill == skill()


def test_suitable_circles_selector_matches_the_python_rule():
    existing = start(format=Circle.Format.HYBRID, level="")
    person = UserFactory()
    interest = circle_wish(person, online_ok=True)
    found = selectors.circles_for_wishes(viewer=person, wishes=[interest])
    assert found == {interest.pk: [existing]}
    assert selectors.answers(existing, interest)
    assert list(
        selectors.suitable_circles(
            skill_id=interest.skill_id, language="uk", level="A1", online=True
        )
    ) == [existing]


def test_a_broken_link_to_the_create_form_still_opens_it(cast, client_for):
    response = client_for(cast.member).get(
        reverse("circles:create"),
        {"taito": "abc", "kieli": "xx", "taso": "<b>", "muoto": "x" * 500, "kunta": "-1"},
    )
    assert response.status_code == 200
    assert not response.context["form"].is_bound
    assert "<b>" not in response.content.decode()
