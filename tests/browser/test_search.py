"""Search in a real browser: a member types "suomen kurssi" into the header's search box
on a phone and finds the circle "Suomea arjessa" written in other forms of the words,
without JavaScript too; axe-core finds no violations on the results, on a page of one
kind and on a refused search, in every interface language."""

import pytest
from playwright.sync_api import expect

from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.factories import PASSWORD, UserFactory, user_with_role
from ideahautomo.circles import services as circle_services
from ideahautomo.circles.models import Circle

from .conftest import LANGUAGES, assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def circles():
    organiser = user_with_role(Role.MENTOR, email="mentori@example.fi")
    for name, visibility in [
        ("Suomea arjessa", Circle.Visibility.MEMBERS),
        ("Suomea <i>salaa</i>", Circle.Visibility.PRIVATE),
    ]:
        circle_services.circle_create(
            actor=organiser,
            name=name,
            topic="Kieli",
            description="Harjoittelemme arjen suomea kaupassa ja lääkärissä.",
            language="fi",
            level="A1",
            format=Circle.Format.ONLINE,
            municipality=None,
            capacity=12,
            policy=Circle.Policy.OPEN,
            visibility=visibility,
        )


@pytest.mark.parametrize("javascript", [True, False])
def test_a_member_finds_the_circle_in_another_inflection(new_page, javascript):
    circles()
    UserFactory(email="aino@example.fi", display_name="Aino Jäsen")
    page = new_page(javascript=javascript)
    sign_in(page, "aino@example.fi", PASSWORD)

    page.fill("#header-search-words", "suomen kurssi")
    page.locator(".header-search button").click()

    expect(page.locator("main h1")).to_have_text("Hae")
    result = page.locator("main .search-result a", has_text="Suomea arjessa")
    expect(result).to_be_visible()
    expect(page.locator("main .search-result mark").first).to_have_text("suomea")
    expect(page.locator("main")).not_to_contain_text("salaa")
    result.click()
    expect(page.locator("main h1")).to_contain_text("Suomea arjessa")


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_pages_are_accessible(new_page, language):
    circles()
    UserFactory(email="aino@example.fi", language=language)
    page = new_page(language=language)
    sign_in(page, "aino@example.fi", PASSWORD)

    page.goto("/haku/?q=suomen+kurssi")
    expect(page.locator("main .search-result").first).to_be_visible()
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
    page.goto("/haku/?q=suomea&tyyppi=circle")
    expect(page.locator("main .search-result").first).to_be_visible()
    assert_accessible(page)
    page.goto("/haku/?q=" + "x" * 201)
    expect(page.locator("main .field-error")).to_be_visible()
    assert_accessible(page)
