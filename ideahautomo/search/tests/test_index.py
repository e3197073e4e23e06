"""The index on both databases: Finnish inflection, other languages by their own
stemmer, and the index following every create, update and delete."""

import pytest
from django.contrib.auth.models import AnonymousUser

from ideahautomo.circles import services as circle_services
from ideahautomo.search.models import Document
from ideahautomo.search.services import reindex

from .helpers import circle, found

pytestmark = pytest.mark.django_db
GUEST = AnonymousUser()


@pytest.mark.parametrize(
    "query",
    ["suomen kurssi", "Suomea", "arjen", "kurssilla", "kirjastot", "SUOMEKSI"],
)
def test_finnish_inflections_find_the_circle(cast, query):
    circle(cast.member)

    assert found(GUEST, query) == ["Suomea arjessa"]


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Opintopiirissä luetaan yhdessä.", "opintopiiri"),
        ("Tule opintopiiriin!", "opintopiireissä"),
        ("Opiskelemme suomea.", "suomen kieli"),
        ("Suomen kielen alkeet.", "kielen"),
        ("Kerromme yrittäjästä ja yrittäjille.", "yrittäjä"),
    ],
)
def test_finnish_words_find_their_other_forms(cast, text, query):
    circle(cast.member, name="Piiri", topic="Yhdessä", description=text)

    assert found(GUEST, query) == ["Piiri"]


def test_stemming_does_not_join_an_entrepreneur_and_entrepreneurship(cast):
    """Snowball's Finnish stemmer leaves "yrittäjyydestä" (entrepreneurship) apart from
    "yrittäjä" (entrepreneur), on both databases: said honestly in the README."""
    circle(cast.member, name="Piiri", topic="Yhdessä", description="Puhumme yrittäjyydestä.")

    assert found(GUEST, "yrittäjä") == []
    assert found(GUEST, "yrittäjyys") == []
    assert found(GUEST, "yrittäjyydestä") == ["Piiri"]


@pytest.mark.parametrize(
    ("language", "text", "query"),
    [
        ("sv", "Vi läser finska tillsammans i biblioteket.", "läsa"),
        ("en", "We are learning Finnish by cooking meals.", "cook meal"),
        ("uk", "Вивчаємо фінську мову разом.", "мову"),
    ],
)
def test_other_languages_are_stemmed_by_their_own(cast, language, text, query):
    circle(cast.member, name="Kieli", topic="Kieli", description=text, language=language)

    assert found(GUEST, query) == ["Kieli"]


def test_a_word_in_the_title_ranks_above_the_same_word_in_the_body(cast):
    circle(cast.member, name="Muuta", topic="Puutarha", description="Vähän kitaraa myös.")
    circle(cast.mentor, name="Kitaraa", topic="Musiikki", description="Soitamme yhdessä.")
    assert found(GUEST, "kitara") == ["Kitaraa", "Muuta"]


def test_the_index_follows_create_update_and_delete(cast):
    made = circle(cast.member)
    assert found(GUEST, "suomea") == ["Suomea arjessa"]

    circle_services.circle_update(
        actor=cast.member,
        circle=made,
        name="Ruotsia arjessa",
        topic="Ruotsin kieli",
        description="Harjoitellaan ruotsia.",
    )
    made.refresh_from_db()
    assert found(GUEST, "suomea") == []
    assert found(GUEST, "ruotsia") == ["Ruotsia arjessa"]

    made.delete()
    assert found(GUEST, "ruotsia") == []
    assert not Document.objects.filter(kind="circle").exists()


def test_reindexing_builds_the_same_index_again(cast):
    circle(cast.member)
    circle(cast.mentor, name="Toinen", topic="Matikka", description="Laskemme.")
    Document.objects.all().delete()
    assert found(GUEST, "suomea") == []

    reindex()
    reindex()

    assert Document.objects.filter(kind="circle").count() == 2
    assert found(GUEST, "suomea") == ["Suomea arjessa"]
    assert found(GUEST, "laskea") == ["Toinen"]


@pytest.mark.parametrize(
    "query",
    [
        '"suomea',
        "suomea OR NOT kurssi",
        "suomea AND (kurssi",
        "suomea* -kurssi",
        "'; DROP TABLE search_document; --",
        "title:suomea NEAR(kurssi)",
        "suomea & | ! <-> :*",
        "\x00\x02suomea\x03",
    ],
)
def test_operators_quotes_and_sql_are_only_words(cast, query):
    circle(cast.member)

    titles = found(GUEST, query)

    assert titles in ([], ["Suomea arjessa"])
    assert Document.objects.filter(kind="circle").count() == 1
