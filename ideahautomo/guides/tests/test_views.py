"""The guide pages: who may open each, the reader's language with its Finnish fallback,
drafts kept from readers, the form, filters, pages and query counts at size."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ideahautomo.guides.models import Guide, GuideText
from ideahautomo.testing import LOGIN, assert_role_table, expect, page_check

from .factories import guide_for, many_guides

pytestmark = pytest.mark.django_db

PUBLIC_PAGE = expect(200)
WRITERS_PAGE = expect(
    403, guest=LOGIN, contact_person=200, other_contact_person=200, project_manager=200
)
# A guide's own pages for its writers: for everyone else the page does not exist.
WRITERS_GUIDE_PAGE = expect(
    404, guest=LOGIN, contact_person=200, other_contact_person=200, project_manager=200
)
WRITERS_ACTION = expect(
    404, guest=LOGIN, contact_person=302, other_contact_person=302, project_manager=302
)
# A draft exists only for its writers.
DRAFT_PAGE = expect(404, contact_person=200, other_contact_person=200, project_manager=200)


def in_language(client, language):
    client.cookies["django_language"] = language
    return client


def test_who_may_open_the_list_and_a_published_guide(cast, client_for):
    guide = guide_for(actor=cast.project_manager)
    assert_role_table(page_check(client_for, cast.by_role(), reverse("guides:list")), PUBLIC_PAGE)
    assert_role_table(page_check(client_for, cast.by_role(), guide.get_absolute_url()), PUBLIC_PAGE)


def test_who_may_open_a_draft(cast, client_for):
    draft = guide_for(actor=cast.project_manager, publish=False)
    assert_role_table(page_check(client_for, cast.by_role(), draft.get_absolute_url()), DRAFT_PAGE)


@pytest.mark.parametrize("url_name", ["guides:staff_list", "guides:create"])
def test_who_may_open_the_writers_pages(cast, client_for, url_name):
    assert_role_table(page_check(client_for, cast.by_role(), reverse(url_name)), WRITERS_PAGE)


def test_who_may_post_a_new_guide(cast, client_for):
    assert_role_table(
        page_check(client_for, cast.by_role(), reverse("guides:create"), method="post"),
        WRITERS_PAGE,
    )
    assert not Guide.objects.exists()


def test_who_may_edit_a_guide(cast, client_for):
    guide = guide_for(actor=cast.contact_person)
    assert_role_table(
        page_check(client_for, cast.by_role(), reverse("guides:edit", args=[guide.slug])),
        WRITERS_GUIDE_PAGE,
    )


@pytest.mark.parametrize("url_name", ["guides:publish", "guides:unpublish", "guides:review"])
def test_who_may_publish_hide_and_check_a_guide(cast, client_for, url_name):
    guide = guide_for(actor=cast.contact_person, publish=False)
    assert_role_table(
        page_check(client_for, cast.by_role(), reverse(url_name, args=[guide.slug]), method="post"),
        WRITERS_ACTION,
    )


@pytest.mark.parametrize("url_name", ["guides:publish", "guides:unpublish", "guides:review"])
def test_the_actions_refuse_get(cast, client_for, url_name):
    guide = guide_for(actor=cast.contact_person)
    client = client_for(cast.project_manager)
    assert client.get(reverse(url_name, args=[guide.slug])).status_code == 405


def test_an_unknown_guide_is_not_found(client):
    assert client.get(reverse("guides:detail", args=["ei-ole"])).status_code == 404


def test_a_reader_gets_their_own_language(client, cast):
    guide = guide_for(actor=cast.project_manager, languages=("fi", "sv"))
    response = in_language(client, "sv").get(guide.get_absolute_url())
    content = response.content.decode()
    assert "Keikkatyö ja työttömyysetuus sv" in content
    assert not response.context["is_fallback"]
    assert 'lang="fi"' not in content.split("<main")[1]


@pytest.mark.parametrize(
    ("language", "note"),
    [
        ("en", "has not been translated into English yet"),
        ("uk", "ще не перекладено українською"),
        ("sv", "inte ännu översatts till svenska"),
    ],
)
def test_a_missing_language_shows_the_finnish_text_and_says_so(client, cast, language, note):
    guide = guide_for(actor=cast.project_manager, languages=("fi",))
    response = in_language(client, language).get(guide.get_absolute_url())
    content = response.content.decode()
    assert response.context["is_fallback"]
    assert note in content
    assert '<div lang="fi">\n      <h1>Keikkatyö ja työttömyysetuus</h1>' in content


def test_the_finnish_reader_sees_no_note(client, cast):
    guide = guide_for(actor=cast.project_manager, languages=("fi",))
    response = client.get(guide.get_absolute_url())
    assert not response.context["is_fallback"]
    assert response.context["fallback_note"] == ""


def test_the_page_tells_the_day_of_checking_and_related_guides(client, cast):
    guide = guide_for(
        actor=cast.project_manager, reviewed_on=timezone.localdate().replace(2026, 11, 3)
    )
    other = guide_for(
        actor=cast.project_manager, texts={"fi": {"title": "Starttiraha", "body": "x"}}
    )
    elsewhere = guide_for(
        actor=cast.project_manager,
        category=Guide.Category.STUDIES,
        texts={"fi": {"title": "Tutkinto loppuun", "body": "x"}},
    )
    response = client.get(guide.get_absolute_url())
    content = response.content.decode()
    assert "Tarkistettu" in content and "3.11.2026" in content
    assert response.context["related"] == [other]
    assert elsewhere.get_absolute_url() not in content


def test_drafts_are_not_listed_for_anyone(client_for, cast):
    guide_for(
        actor=cast.project_manager, publish=False, texts={"fi": {"title": "Luonnos", "body": "x"}}
    )
    guide_for(actor=cast.project_manager)
    for person in (None, cast.member, cast.project_manager):
        response = client_for(person).get(reverse("guides:list"))
        assert "Luonnos" not in response.content.decode()
        assert response.context["page"].paginator.count == 1


def test_the_list_filters_by_category_and_words(client, cast):
    guide_for(actor=cast.project_manager)
    guide_for(
        actor=cast.project_manager,
        category=Guide.Category.ENTREPRENEURSHIP,
        texts={"fi": {"title": "Starttiraha", "summary": "Tukea yrityksen alkuun.", "body": "x"}},
    )
    url = reverse("guides:list")
    by_category = client.get(url, {"luokka": "entrepreneurship"}).context["page"].object_list
    assert [guide.slug for guide in by_category] == ["starttiraha"]
    by_words = client.get(url, {"haku": "yrityksen"}).context["page"].object_list
    assert [guide.slug for guide in by_words] == ["starttiraha"]
    response = client.get(url, {"haku": "lottovoitto"})
    assert "No guides match the filter." in response.content.decode() or (
        "Yksikään ohje ei vastaa hakua." in response.content.decode()
    )


def test_an_empty_list_says_so(client):
    response = client.get(reverse("guides:list"))
    assert response.context["page"].paginator.count == 0
    assert not response.context["filtered"]


def test_the_list_is_grouped_by_category_in_the_order_of_the_vocabulary(client, cast):
    many_guides(2, prefix="opinnot", category=Guide.Category.STUDIES)
    many_guides(2, prefix="raha", category=Guide.Category.BENEFITS)
    guides = client.get(reverse("guides:list")).context["page"].object_list
    assert [guide.category for guide in guides] == ["benefits"] * 2 + ["studies"] * 2


def test_the_list_is_paginated(client):
    many_guides(25)
    first = client.get(reverse("guides:list"))
    assert len(first.context["page"].object_list) == 20
    second = client.get(reverse("guides:list"), {"sivu": 2})
    assert len(second.context["page"].object_list) == 5


def test_a_writer_creates_a_guide_with_finnish_and_swedish_text(client_for, cast):
    client = client_for(cast.contact_person)
    response = client.post(
        reverse("guides:create"),
        {
            "category": "job_search",
            "reviewed_on": "2026-11-03",
            "slug": "",
            "title_fi": "CV kuntoon",
            "summary_fi": "Näin teet hyvän CV:n.",
            "body_fi": "Kirjoita **lyhyesti**.",
            "title_sv": "Ett bra CV",
            "body_sv": "Skriv **kort**.",
        },
    )
    guide = Guide.objects.get()
    assert response.status_code == 302 and response["Location"] == guide.get_absolute_url()
    assert guide.slug == "cv-kuntoon"
    assert guide.status == Guide.Status.DRAFT
    assert sorted(guide.texts.values_list("language", flat=True)) == ["fi", "sv"]


def test_the_form_without_finnish_names_the_missing_fields_and_saves_nothing(client_for, cast):
    client = client_for(cast.project_manager)
    response = client.post(
        reverse("guides:create"),
        {
            "category": "benefits",
            "reviewed_on": "2026-11-03",
            "title_sv": "Bara svenska",
            "body_sv": "x",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "title_fi" in form.errors and "body_fi" in form.errors
    content = response.content.decode()
    assert 'aria-describedby="id_title_fi_errors"' in content or "id_title_fi_errors" in content
    assert not Guide.objects.exists()


def test_a_half_written_second_language_is_refused(client_for, cast):
    client = client_for(cast.project_manager)
    response = client.post(
        reverse("guides:create"),
        {
            "category": "benefits",
            "reviewed_on": "2026-11-03",
            "title_fi": "Otsikko",
            "body_fi": "Teksti",
            "title_uk": "Заголовок",
        },
    )
    assert "body_uk" in response.context["form"].errors
    assert not Guide.objects.exists()


def test_a_writer_edits_publishes_and_checks_a_guide(client_for, cast):
    guide = guide_for(actor=cast.project_manager, publish=False, languages=("fi", "sv"))
    client = client_for(cast.other_contact_person)
    form = client.get(reverse("guides:edit", args=[guide.slug])).context["form"]
    assert form.initial["title_sv"] == "Keikkatyö ja työttömyysetuus sv"
    response = client.post(
        reverse("guides:edit", args=[guide.slug]),
        {
            "category": "benefits",
            "reviewed_on": "2026-12-01",
            "slug": guide.slug,
            "title_fi": "Uusi otsikko",
            "body_fi": "Uusi teksti",
        },
    )
    assert response.status_code == 302
    assert list(guide.texts.values_list("language", flat=True)) == ["fi"]
    client.post(reverse("guides:publish", args=[guide.slug]))
    guide.refresh_from_db()
    assert guide.is_published
    Guide.objects.filter(pk=guide.pk).update(reviewed_on=timezone.localdate() - timedelta(days=400))
    staff_list = client.get(reverse("guides:staff_list")).content.decode()
    assert "badge" in staff_list
    client.post(reverse("guides:review", args=[guide.slug]))
    guide.refresh_from_db()
    assert guide.reviewed_on == timezone.localdate()
    client.post(reverse("guides:unpublish", args=[guide.slug]))
    guide.refresh_from_db()
    assert not guide.is_published


@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_list_keeps_its_query_count_with_30_guides(
    client, django_assert_max_num_queries, language
):
    in_language(client, language)
    many_guides(3)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("guides:list"))
    many_guides(27, prefix="lisaa", category=Guide.Category.STUDIES)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("guides:list"), {"sivu": 1})
    assert response.context["page"].paginator.count == 30


def test_a_guide_keeps_its_query_count_with_30_related(client, django_assert_max_num_queries):
    guides = many_guides(30)
    with django_assert_max_num_queries(10):
        response = client.get(guides[0].get_absolute_url())
    assert len(response.context["related"]) == 3


def test_the_writers_list_keeps_its_query_count_with_30_guides(
    client_for, cast, django_assert_max_num_queries
):
    client = client_for(cast.project_manager)
    many_guides(3)
    with django_assert_max_num_queries(15) as few:
        client.get(reverse("guides:staff_list"))
    many_guides(27, prefix="lisaa")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("guides:staff_list"))
    assert response.context["page"].paginator.count == 30
    assert GuideText.objects.count() == 60


def test_the_checked_day_is_written_out_in_english_and_short_elsewhere(client, cast):
    guide = guide_for(actor=cast.project_manager, reviewed_on=date(2026, 11, 3))
    assert "3.11.2026" in client.get(guide.get_absolute_url()).content.decode()
    english = in_language(client, "en").get(guide.get_absolute_url()).content.decode()
    assert "Nov. 3, 2026" in english


def test_the_writers_list_shows_drafts_too(client_for, cast):
    guide_for(
        actor=cast.project_manager, publish=False, texts={"fi": {"title": "Luonnos", "body": "x"}}
    )
    response = client_for(cast.contact_person).get(reverse("guides:staff_list"))
    assert "Luonnos" in response.content.decode()


def test_a_guests_guide_pages_set_no_cookies_so_they_can_be_cached(client, cast):
    guide = guide_for(actor=cast.project_manager)
    for url in (reverse("guides:list"), guide.get_absolute_url()):
        response = client.get(url)
        assert "sessionid" not in response.cookies
        assert "csrftoken" not in response.cookies


def test_a_refused_edit_keeps_the_saved_address_in_the_page(client_for, cast):
    guide = guide_for(actor=cast.project_manager)
    taken = guide_for(actor=cast.project_manager, texts={"fi": {"title": "Varattu", "body": "x"}})
    response = client_for(cast.project_manager).post(
        reverse("guides:edit", args=[guide.slug]),
        {
            "category": "benefits",
            "reviewed_on": "2026-11-03",
            "slug": taken.slug,
            "title_fi": "Otsikko",
            "body_fi": "Teksti",
        },
    )
    assert "slug" in response.context["form"].errors
    assert f'href="{guide.get_absolute_url()}"' in response.content.decode()
    guide.refresh_from_db()
    assert guide.slug == "keikkatyo-ja-tyottomyysetuus"
