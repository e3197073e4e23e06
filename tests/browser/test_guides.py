"""Guides in a real browser: a contact person writes a guide in Finnish and Swedish and
publishes it; a guest reads it in Swedish, and in English with the note that it is shown
in Finnish. axe-core finds no violations on the list, a guide and the form in any of the
four languages, on a phone; the journey works without JavaScript."""

import pytest
from playwright.sync_api import expect

from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.factories import PASSWORD, EmploymentAreaFactory, user_with_role
from ideahautomo.guides import services
from ideahautomo.guides.models import Guide

from .conftest import LANGUAGES, assert_accessible, open_menu, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def writer(language="fi"):
    return user_with_role(
        Role.CONTACT_PERSON,
        area=EmploymentAreaFactory(),
        email="sari@example.fi",
        display_name="Sari Yhteys",
        language=language,
    )


def test_a_writer_publishes_a_guide_and_a_guest_reads_it(new_page):
    writer()
    page = new_page(javascript=False)
    sign_in(page, "sari@example.fi", PASSWORD)
    page.goto("/ohjeet/")
    page.click("main a[href='/ohjeet/uusi/']")
    page.select_option("select[name=category]", "benefits")
    page.fill("input[name=title_fi]", "Keikkatyö ja työttömyysetuus")
    page.fill("textarea[name=summary_fi]", "Ilmoita jokainen keikka.")
    page.fill("textarea[name=body_fi]", "Ilmoita **kaikki** tulot [Kelaan](https://www.kela.fi).")
    page.fill("input[name=title_sv]", "Gigjobb och arbetslöshetsförmån")
    page.fill("textarea[name=body_sv]", "Anmäl **alla** inkomster.")
    page.click("main form button[type=submit]")
    expect(page.locator("main h1")).to_have_text("Keikkatyö ja työttömyysetuus")
    expect(page.locator("main .state")).to_be_visible()  # a draft

    guest = new_page(language="sv")
    response = guest.goto("/ohjeet/keikkatyo-ja-tyottomyysetuus/")
    assert response.status == 404  # a draft does not exist for readers

    page.locator("main button", has_text="Julkaise").click()
    expect(page.locator(".messages")).to_contain_text("Ohje on julkaistu")
    assert Guide.objects.get().is_published

    guest.goto("/ohjeet/")
    guest.locator("main a", has_text="Gigjobb och arbetslöshetsförmån").click()
    expect(guest.locator("main h1")).to_have_text("Gigjobb och arbetslöshetsförmån")
    expect(guest.locator("main strong", has_text="alla")).to_be_visible()
    expect(guest.locator("main .message.warning")).to_have_count(0)

    english = new_page(language="en")
    english.goto("/ohjeet/keikkatyo-ja-tyottomyysetuus/")
    expect(english.locator("main .message.warning")).to_contain_text(
        "not been translated into English yet"
    )
    expect(english.locator("main [lang=fi] h1")).to_have_text("Keikkatyö ja työttömyysetuus")
    link = english.locator("main [lang=fi] a", has_text="Kelaan")
    expect(link).to_have_attribute("href", "https://www.kela.fi")
    expect(english.locator("main")).to_contain_text("Checked")


def test_guides_are_in_the_menu_on_a_phone(new_page):
    page = new_page()
    page.goto("/")
    open_menu(page)
    page.click(".site-nav a[href='/ohjeet/']")
    expect(page.locator("main h1")).to_have_text("Ohjeet")


@pytest.mark.parametrize("language", LANGUAGES)
def test_guide_pages_are_accessible(new_page, language):
    author = writer(language)
    services.guide_create(
        actor=author,
        category=Guide.Category.STUDIES,
        texts={
            "fi": {
                "title": "Keskeytyneet opinnot loppuun",
                "summary": "Usein tutkinnon voi vielä saattaa loppuun.",
                "body": "### Aloita näin\n\n1. Ota yhteyttä oppilaitokseen.\n2. Pyydä ote.",
            },
            "uk": {"title": "Як завершити навчання", "body": "Зверніться до закладу."},
        },
        publish=True,
    )
    services.guide_create(
        actor=author,
        category=Guide.Category.STUDIES,
        texts={"fi": {"title": "Opiskelu ja etuus", "body": "Sovi ensin."}},
        publish=True,
    )
    guest = new_page(language=language)
    guest.goto("/ohjeet/")
    assert guest.locator("html").get_attribute("lang") == language
    assert_accessible(guest)
    guest.goto("/ohjeet/?luokka=studies&haku=ei-osumia")
    expect(guest.locator("main details.filter-panel")).to_have_attribute("open", "")
    assert_accessible(guest)
    guest.goto("/ohjeet/keskeytyneet-opinnot-loppuun/")
    expect(guest.locator("main h1")).to_be_visible()
    assert_accessible(guest)

    page = new_page(language=language)
    sign_in(page, "sari@example.fi", PASSWORD)
    page.goto("/ohjeet/keskeytyneet-opinnot-loppuun/")
    expect(page.locator("main #writers-title")).to_be_visible()
    assert_accessible(page)
    page.goto("/ohjeet/uusi/")
    assert_accessible(page)
    page.click("main form button[type=submit]")  # nothing written
    expect(page.locator(".form-errors")).to_be_visible()
    assert_accessible(page)
    page.goto("/ohjeet/keskeytyneet-opinnot-loppuun/muokkaa/")
    expect(page.locator("input[name=title_uk]")).to_have_value("Як завершити навчання")
    assert_accessible(page)
    page.goto("/ohjeet/hallinta/")
    expect(page.locator("main table")).to_be_visible()
    assert_accessible(page)
