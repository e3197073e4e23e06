"""The search page: bad input, highlighting kept safe, filters, paging and bounded queries."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from ideahautomo.accounts.tests.factories import UserFactory, municipality
from ideahautomo.circles.models import Circle
from ideahautomo.search.models import Document
from ideahautomo.search.selectors import PER_PAGE
from ideahautomo.search.services import reindex

from .helpers import circle, found

pytestmark = pytest.mark.django_db
URL = reverse("search:search")


def many_circles(count, **fields):
    """count circles at once, indexed by a reindex as demo data is."""
    organiser = UserFactory()
    Circle.objects.bulk_create(
        [
            Circle(
                name=f"Suomea {number}",
                topic="Suomen kieli",
                description="Suomea.",
                description_html="<p>Suomea.</p>",
                language="fi",
                format=Circle.Format.ONLINE,
                visibility=Circle.Visibility.PUBLIC,
                created_by=organiser,
                **fields,
            )
            for number in range(count)
        ]
    )
    reindex(["circle"])


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("x" * 201, "enintään 200 merkkiä"),
        ("suomea " * 40, "enintään 200 merkkiä"),
        ('"" !!! -- ()', "pelkillä merkeillä ei voi hakea"),
    ],
)
def test_bad_input_gets_a_clear_message(client, query, message):
    response = client.get(URL, {"q": query})

    assert response.status_code == 200
    assert message in response.content.decode()


def test_an_empty_search_asks_for_words(client):
    response = client.get(URL)

    assert response.status_code == 200
    assert "Sanan muodolla ei ole väliä" in response.content.decode()


def test_nothing_found_is_said(client, cast):
    response = client.get(URL, {"q": "zxqvw"})

    assert "ei löytynyt mitään" in response.content.decode()


def test_what_people_wrote_is_escaped_and_only_our_marks_are_html(client, cast):
    circle(
        cast.member,
        name="Suomea <b>lihavasti</b>",
        description='Suomea <script>alert(1)</script> <mark>oma</mark> "lainaus" & muuta.',
    )

    page = client.get(URL, {"q": "suomea"}).content.decode()

    assert "<script>alert(1)" not in page
    assert "<b>lihavasti</b>" not in page
    assert "Suomea &lt;b&gt;lihavasti&lt;/b&gt;" in page
    assert "<mark>oma</mark>" not in page
    assert "<mark>Suomea</mark>" in page


def test_the_header_search_box_is_on_every_page(client):
    page = client.get(reverse("pages:home")).content.decode()

    assert 'action="/haku/"' in page
    assert '<label for="header-search-words"' in page


def test_filters_by_kind_municipality_and_language(cast):
    helsinki = municipality("091")
    circle(cast.member, name="Suomea Helsingissä", format="in_person", municipality=helsinki)
    circle(cast.mentor, name="Suomea verkossa")
    circle(cast.partner, name="Finska", description="Vi läser finska.", language="sv")

    assert set(found(AnonymousUser(), "suomea", kind="circle")) == {
        "Suomea Helsingissä",
        "Suomea verkossa",
    }
    assert found(AnonymousUser(), "suomea", municipality=helsinki) == ["Suomea Helsingissä"]
    assert found(AnonymousUser(), "finska", language="sv") == ["Finska"]
    assert found(AnonymousUser(), "suomea", kind="idea") == []


def test_pages_of_one_kind_go_on_without_a_count(client, cast):
    many_circles(PER_PAGE + 5)

    first = client.get(URL, {"q": "suomea", "tyyppi": "circle"}).content.decode()
    second = client.get(URL, {"q": "suomea", "tyyppi": "circle", "sivu": "2"}).content.decode()
    beyond = client.get(URL, {"q": "suomea", "tyyppi": "circle", "sivu": "3"}).content.decode()

    assert first.count('class="search-result"') == PER_PAGE
    assert 'rel="next"' in first
    assert " of " not in first.split('class="pagination"')[1].split("</nav>")[0]
    assert second.count('class="search-result"') == 5
    assert 'rel="next"' not in second
    assert "Enempää tuloksia ei ole" in beyond


def test_the_overview_shows_a_few_of_each_kind_and_links_to_more(client, cast):
    many_circles(5)

    page = client.get(URL, {"q": "suomea"}).content.decode()

    assert page.count('class="search-result"') == 3
    assert "tyyppi=circle" in page


@pytest.mark.parametrize("count", [3, 40])
def test_queries_stay_bounded_whatever_the_results(
    client_for, cast, django_assert_max_num_queries, count
):
    many_circles(count)
    client = client_for(cast.member)

    with django_assert_max_num_queries(7):
        client.get(URL, {"q": "suomea kurssi"})
    with django_assert_max_num_queries(7):
        client.get(URL, {"q": "suomea kurssi", "tyyppi": "circle"})


def test_the_page_is_a_get_form_that_works_without_javascript(client, cast):
    circle(cast.member)

    page = client.get(URL, {"q": "suomen kurssi"}).content.decode()

    assert '<form class="filters search-form" method="get"' in page
    assert ">Suomea arjessa</a>" in page
    assert Document.objects.count() >= 1
