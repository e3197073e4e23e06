"""The visitor counter in a real browser: a contact person opens the point on a phone,
counts three visitors, undoes one and sees today's totals. axe-core finds no violations
on the list, the form and the point's page in every language; without JavaScript the
plain form counts too."""

import pytest
from playwright.sync_api import expect

from ideahautomo.accounts.models import Municipality, Role
from ideahautomo.accounts.tests.factories import PASSWORD, EmploymentAreaFactory, user_with_role
from ideahautomo.points.models import ServicePoint, VisitorCount

from .conftest import LANGUAGES, assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def point_with_staff(language):
    area = EmploymentAreaFactory(name="Helsingin testialue")
    user_with_role(
        Role.CONTACT_PERSON,
        area=area,
        email="yhteys@example.fi",
        display_name="Sari Yhteys",
        language=language,
    )
    return ServicePoint.objects.create(
        name="TyöParkki",
        street_address="Työpajankatu 2",
        municipality=Municipality.objects.get(code="091"),
        area=area,
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_point_pages_are_accessible(new_page, language):
    point = point_with_staff(language)
    page = new_page(language=language)
    sign_in(page, "yhteys@example.fi", PASSWORD)
    page.goto("/tyollisyyspalvelut/pisteet/")
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
    page.goto("/tyollisyyspalvelut/pisteet/uusi/")
    assert_accessible(page)
    page.click("main form button[type=submit]")  # nothing filled in
    expect(page.locator(".form-errors, .field-error").first).to_be_visible()
    assert_accessible(page)
    page.goto(f"/tyollisyyspalvelut/pisteet/{point.pk}/")
    page.click("button[name=visit][value=first]")
    expect(page.locator("form[action$='/peru/'] button")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/tyollisyyspalvelut/pisteet/{point.pk}/muokkaa/")
    assert_accessible(page)


def test_a_contact_person_counts_three_visitors_on_a_phone_and_undoes_one(new_page):
    point = point_with_staff("fi")
    page = new_page()
    sign_in(page, "yhteys@example.fi", PASSWORD)
    page.goto(f"/tyollisyyspalvelut/pisteet/{point.pk}/")
    page.click("button[name=visit][value=first]")
    expect(page.get_by_text("Ensikertalainen kävijä on kirjattu.")).to_be_visible()
    page.select_option("select[name=purpose]", "job_search")
    page.click("button[name=visit][value=returning]")
    expect(page.get_by_text("Palaava kävijä on kirjattu.")).to_be_visible()
    page.click("button[name=visit][value=returning]")
    expect(page.get_by_text("Palaava kävijä on kirjattu.")).to_be_visible()
    page.click("form[action$='/peru/'] button")
    expect(page.get_by_text("Kirjaus on peruttu.")).to_be_visible()
    stats = page.locator("ul.stats li")
    expect(stats.nth(0)).to_contain_text("1")
    expect(stats.nth(1)).to_contain_text("1")
    expect(stats.nth(2)).to_contain_text("2")
    assert VisitorCount.objects.filter(point=point).count() == 2


def test_the_counter_works_without_javascript(new_page):
    point = point_with_staff("fi")
    page = new_page(javascript=False)
    sign_in(page, "yhteys@example.fi", PASSWORD)
    page.goto(f"/tyollisyyspalvelut/pisteet/{point.pk}/")
    page.click("button[name=visit][value=first]")
    expect(page.get_by_text("Ensikertalainen kävijä on kirjattu.")).to_be_visible()
    assert VisitorCount.objects.filter(point=point, first_visit=True).count() == 1
