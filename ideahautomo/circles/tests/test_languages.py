"""Circles that use other languages besides their main one: starting and editing them,
bad input, showing them, finding them with the list's filter, and counting them in the
demand for circles and in suggestions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from ideahautomo.accounts.tests.factories import UserFactory, municipality
from ideahautomo.circles import selectors, services
from ideahautomo.circles.models import Circle, CircleLanguage, CircleWish
from ideahautomo.circles.suggestions import circle_suggestions
from ideahautomo.messaging.models import Notification, NotificationKind
from ideahautomo.profiles import selectors as profile_selectors
from ideahautomo.profiles import services as profile_services
from ideahautomo.profiles.models import Skill
from ideahautomo.testing import LOGIN, ROLES, expect, status_of
from ideahautomo.testing.factories import circle_for, circle_wish

pytestmark = pytest.mark.django_db

CREATE_TABLE = expect(403, guest=LOGIN, member=302, mentor=302, partner=302)


@pytest.fixture(autouse=True)
def _english(client, settings):
    settings.CIRCLE_DEMAND_THRESHOLD = 5
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


def finnish():
    return Skill.objects.get(key="suomen kieli")


def start(organiser=None, **overrides):
    values = {
        "skill": finnish(),
        "format": Circle.Format.IN_PERSON,
        "municipality": municipality("092"),
        "meeting_place": "Kirjasto",
        "capacity": 10,
        "visibility": Circle.Visibility.PUBLIC,
        **overrides,
    }
    return circle_for(organiser, **values)


def others(circle):
    return sorted(CircleLanguage.objects.filter(circle=circle).values_list("language", flat=True))


def form_data(circle=None, **changes):
    data = {
        "name": "Suomea arjessa",
        "topic": "Suomen kieli",
        "skill": finnish().pk,
        "description": "Harjoitellaan.",
        "language": "fi",
        "level": "A1",
        "format": "in_person",
        "municipality": municipality("092").pk,
        "meeting_place": "Kirjasto",
        "online_link": "",
        "capacity": "10",
        "policy": "open",
        "visibility": "public",
    }
    if circle is not None:
        data["name"] = circle.name
    data.update(changes)
    return data


# Starting and editing


def test_a_circle_starts_with_other_languages_and_the_main_one_is_left_out():
    circle = start(other_languages=["uk", "fi", "en"])

    assert others(circle) == ["en", "uk"]
    circle = Circle.objects.get(pk=circle.pk)
    assert circle.other_language_codes == ["en", "uk"]  # in the order of the language list
    assert circle.language_codes == ["fi", "en", "uk"]
    assert circle.languages_display == "Finnish (also English and Ukrainian)"
    assert start(name="Vain suomeksi").languages_display == "Finnish"


def test_three_other_languages_are_fine_even_with_the_main_one_ticked_too():
    circle = start(other_languages=["fi", "uk", "ru", "en"])
    assert others(circle) == ["en", "ru", "uk"]
    assert others(start(name="Yksi", other_languages="uk")) == ["uk"]


@pytest.mark.parametrize(
    "languages",
    [["xx"], ["uk", "<script>"], ["sv", "en", "uk", "ru"]],
    ids=["unknown", "unknown among known", "more than three"],
)
def test_bad_other_languages_are_refused_and_nothing_is_saved(languages):
    with pytest.raises(ValidationError) as error:
        start(other_languages=languages)

    assert "other_languages" in error.value.message_dict
    assert not Circle.objects.exists()
    assert not CircleLanguage.objects.exists()


def test_editing_sets_exactly_the_chosen_other_languages():
    organiser = UserFactory()
    circle = start(organiser, other_languages=["uk", "en"])

    services.circle_update(actor=organiser, circle=circle, other_languages=["uk", "ru"])
    assert others(circle) == ["ru", "uk"]

    services.circle_update(actor=organiser, circle=circle, name="Uusi nimi")
    assert others(circle) == ["ru", "uk"]  # not given: kept

    services.circle_update(actor=organiser, circle=circle, language="uk")
    assert others(circle) == ["ru"]  # the new main language is no longer "other"
    assert circle.languages_display == "Ukrainian (also Russian)"

    services.circle_update(actor=organiser, circle=circle, other_languages=[])
    assert others(circle) == []


@pytest.mark.parametrize("languages", [["xx"], ["sv", "en", "ru", "et"]])
def test_a_bad_edit_changes_nothing(languages):
    organiser = UserFactory()
    circle = start(organiser, other_languages=["uk"])

    with pytest.raises(ValidationError) as error:
        services.circle_update(
            actor=organiser, circle=circle, name="Muuttunut", other_languages=languages
        )

    assert "other_languages" in error.value.message_dict
    circle.refresh_from_db()
    assert circle.name == "Suomea arjessa"
    assert others(circle) == ["uk"]


def test_a_bad_edit_of_other_fields_keeps_the_other_languages():
    organiser = UserFactory()
    circle = start(organiser, other_languages=["uk"])

    with pytest.raises(ValidationError):
        services.circle_update(
            actor=organiser, circle=circle, capacity=1, other_languages=["en", "ru"]
        )

    assert others(circle) == ["uk"]


def test_only_organisers_change_the_other_languages(cast):
    circle = start(cast.member, other_languages=["uk"])
    services.circle_join(actor=cast.mentor, circle=circle)
    for person in (cast.mentor, cast.partner, cast.project_manager, cast.moderator):
        with pytest.raises(PermissionDenied):
            services.circle_update(actor=person, circle=circle, other_languages=["en"])
    assert others(circle) == ["uk"]


# The forms


def test_the_start_form_offers_other_languages_as_checkboxes(cast, client_for):
    client = client_for(cast.member)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("circles:create")).content.decode()

    assert "Other languages used" in page
    assert "Main language used" in page
    assert page.count('type="checkbox" name="other_languages"') == 22
    assert "Choose at most 3." in page

    response = client.post(reverse("circles:create"), form_data(other_languages=["uk", "fi"]))
    assert response.status_code == 302
    assert others(Circle.objects.get()) == ["uk"]


@pytest.mark.parametrize(
    ("languages", "message"),
    [
        (["sv", "en", "uk", "ru"], "Choose at most 3 other languages."),
        (["xx"], "Select a valid choice."),
    ],
)
def test_the_start_form_explains_bad_other_languages(cast, client_for, languages, message):
    client = client_for(cast.member)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("circles:create"), form_data(other_languages=languages))

    assert response.status_code == 200
    assert "other_languages" in response.context["form"].errors
    assert message in response.content.decode()
    assert 'aria-describedby="id_other_languages_helptext id_other_languages_errors"' in (
        response.content.decode()
    )
    assert not Circle.objects.exists()


def test_the_edit_form_shows_and_changes_the_other_languages(cast, client_for):
    circle = start(cast.member, other_languages=["uk", "en"])
    client = client_for(cast.member)
    client.cookies["django_language"] = "en"
    url = reverse("circles:edit", args=[circle.pk])

    form = client.get(url).context["form"]
    assert form.initial["other_languages"] == ["en", "uk"]
    page = client.get(url).content.decode()
    assert page.count("checked") >= 2

    response = client.post(url, form_data(circle, other_languages=["ru"]))
    assert response.status_code == 302
    assert others(circle) == ["ru"]

    response = client.post(url, form_data(circle, other_languages=["sv", "en", "ru", "et"]))
    assert response.status_code == 200
    assert "Choose at most 3 other languages." in response.content.decode()
    assert others(circle) == ["ru"]


def test_who_may_start_a_circle_with_other_languages(cast, client_for):
    for role, expected in zip(ROLES, CREATE_TABLE, strict=True):
        client = client_for(cast.by_role()[role])
        name = f"Piiri {role}"
        got = status_of(
            client.post(reverse("circles:create"), form_data(name=name, other_languages=["uk"]))
        )
        assert got == expected, f"starting as {role}: {got}, expected {expected}"
        created = Circle.objects.filter(name=name).first()
        assert (created is not None) == (expected == 302), role
        if created:
            assert others(created) == ["uk"]
        client.logout()


def test_who_may_change_the_other_languages(cast, client_for):
    # cast.member organises a public circle; the mentor is an ordinary member of it.
    circle = start(cast.member, other_languages=["uk"])
    services.circle_join(actor=cast.mentor, circle=circle)
    table = expect(403, guest=LOGIN, member=302)
    url = reverse("circles:edit", args=[circle.pk])
    for role, expected in zip(ROLES, table, strict=True):
        CircleLanguage.objects.filter(circle=circle).exclude(language="uk").delete()
        client = client_for(cast.by_role()[role])
        got = status_of(client.post(url, form_data(circle, other_languages=["uk", "en"])))
        assert got == expected, f"editing as {role}: {got}, expected {expected}"
        assert others(circle) == (["en", "uk"] if expected == 302 else ["uk"]), role
        client.logout()


# Showing and finding


def test_the_list_and_the_page_show_the_other_languages(client):
    circle = start(other_languages=["uk"])

    listed = client.get(reverse("circles:list")).content.decode()
    assert "Finnish (also Ukrainian)" in listed
    page = client.get(circle.get_absolute_url()).content.decode()
    assert "Finnish (also Ukrainian)" in page


def test_the_language_filter_finds_the_main_and_the_other_languages(client):
    start(name="Suomea ukrainaksi", other_languages=["uk", "en"])
    start(name="Vain suomeksi")
    start(name="Ukrainaksi", language="uk")

    def names(**params):
        response = client.get(reverse("circles:list"), params)
        return sorted(c.name for c in response.context["page"].object_list)

    assert names(kieli="uk") == ["Suomea ukrainaksi", "Ukrainaksi"]
    assert names(kieli="fi") == ["Suomea ukrainaksi", "Vain suomeksi"]
    assert names(kieli="en") == ["Suomea ukrainaksi"]
    assert names(kieli="sv") == []


def test_the_list_queries_do_not_grow_with_circles_and_their_languages(
    cast, client, django_assert_max_num_queries
):
    client.force_login(cast.mentor)
    start(name="Eka", other_languages=["uk"])
    with django_assert_max_num_queries(10) as few:
        page = client.get(reverse("circles:list"), {"kieli": "uk"}).content.decode()
    assert "Finnish (also Ukrainian)" in page
    for number in range(25):
        start(name=f"Piiri {number}", other_languages=["uk", "en", "ru"])
    with django_assert_max_num_queries(10) as many:
        page = client.get(reverse("circles:list"), {"kieli": "uk"}).content.decode()
    assert page.count("Finnish (also English, Ukrainian and Russian)") == 20
    assert len(many.captured_queries) == len(few.captured_queries)


# Demand for circles


def told():
    return Notification.objects.filter(kind=NotificationKind.CIRCLE_DEMAND)


@pytest.mark.parametrize(
    ("other_languages", "pools"),
    [(["uk"], False), (["en"], True), ([], True)],
    ids=["also in the wished language", "in another language", "only in its main language"],
)
def test_a_circle_using_the_wished_language_as_another_answers_the_wish(other_languages, pools):
    start(other_languages=other_languages)
    for _number in range(5):
        circle_wish()

    assert told().exists() == pools
    assert bool(selectors.unmet_demand()) == pools


def test_online_pools_count_circles_that_also_use_the_language():
    start(format=Circle.Format.ONLINE, municipality=None, other_languages=["uk"])
    for _number in range(5):
        circle_wish(municipality=None, online_ok=True)

    assert not told().exists()
    assert selectors.unmet_demand() == []
    CircleLanguage.objects.all().delete()
    [pool] = selectors.unmet_demand()
    assert pool.municipality is None and pool.language == "uk"


def test_the_wish_page_shows_circles_that_also_use_the_wished_language(cast, client_for):
    also = start(name="Suomea, apuna ukraina", other_languages=["uk"])
    start(name="Suomea, apuna englanti", other_languages=["en"])
    mine = circle_wish(cast.member)

    matches = selectors.circles_for_wishes(viewer=cast.member, wishes=[mine])
    assert [c.name for c in matches[mine.pk]] == [also.name]
    assert selectors.answers(also, mine)
    client = client_for(cast.member)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("circles:wishes")).content.decode()
    assert also.name in page and "apuna englanti" not in page
    assert CircleWish.objects.count() == 1


# Suggestions


def test_suggestions_name_another_language_the_member_speaks():
    viewer = UserFactory(municipality=municipality("092"))
    profile_services.profile_set_languages(
        actor=viewer, profile=viewer.profile, entries=[("uk", "native")]
    )
    start(name="Suomea, apuna ukraina", skill=None, other_languages=["uk"])
    start(name="Suomea, apuna englanti", skill=None, other_languages=["en"])

    suggestions = circle_suggestions(viewer, profile_selectors.profile_summary(viewer))

    assert [s.target.name for s in suggestions] == ["Suomea, apuna ukraina"]
    assert suggestions[0].reason.startswith("Also in Ukrainian, which you speak")


def test_the_circle_page_reads_the_other_languages_without_a_query_more(
    cast, client, django_assert_max_num_queries
):
    client.force_login(cast.mentor)
    plain = start(name="Vain suomeksi")
    many = start(name="Monella kielellä", other_languages=["uk", "en", "ru"])
    with django_assert_max_num_queries(10) as one:
        client.get(plain.get_absolute_url())
    with django_assert_max_num_queries(10) as three:
        page = client.get(many.get_absolute_url()).content.decode()
    assert "Finnish (also English, Ukrainian and Russian)" in page
    assert len(three.captured_queries) == len(one.captured_queries)
