"""A circle's other languages in a real phone-sized browser: the checkboxes of the start
form, their error, and the circle page that names them; accessible throughout."""

import pytest
from playwright.sync_api import expect

from ideahautomo.accounts.tests.factories import PASSWORD, UserFactory
from ideahautomo.circles.models import Circle

from .conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def organiser(db):
    return UserFactory(email="jarjestaja@example.fi", display_name="Järjestäjä")


def fill_start_form(page):
    page.fill("input[name=name]", "Suomea arjessa")
    page.fill("input[name=topic]", "Suomen kieli")
    page.fill("textarea[name=description]", "Harjoitellaan arjen suomea.")
    page.select_option("select[name=language]", "fi")
    page.check("input[name=format][value=online]")
    page.check("input[name=visibility][value=public]")


@pytest.mark.parametrize("language", ["fi", "uk"])
def test_the_other_languages_of_the_start_form_are_accessible_on_a_phone(
    new_page, organiser, language
):
    page = new_page(language=language)
    sign_in(page, organiser.email, PASSWORD)
    page.goto("/opintopiirit/uusi/")
    checkboxes = page.locator("input[type=checkbox][name=other_languages]")
    assert checkboxes.count() == 22
    expect(page.locator("fieldset:has(input[name=other_languages]) legend")).to_be_visible()
    assert_accessible(page)

    fill_start_form(page)
    for code in ("sv", "en", "uk", "ru"):
        page.check(f"input[name=other_languages][value={code}]")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    page.locator("#id_other_languages_errors").wait_for()
    assert not Circle.objects.exists()
    assert_accessible(page)

    for code in ("sv", "en", "ru"):
        page.uncheck(f"input[name=other_languages][value={code}]")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    circle = Circle.objects.get(name="Suomea arjessa")
    assert list(circle.other_languages.values_list("language", flat=True)) == ["uk"]
    if language == "en":
        expect(page.locator("main")).to_contain_text("Finnish (also Ukrainian)")
    assert_accessible(page)
