"""The impact dashboard in a real browser: charts and tables on a phone, the XLSX download."""

import pytest
from playwright.sync_api import expect

from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.factories import (
    PASSWORD,
    EmploymentAreaFactory,
    user_with_role,
)
from ideahautomo.impact.tests.publishing import months_back, publish

from .conftest import PHONE, assert_accessible, open_menu, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def contact_person(db):
    area = EmploymentAreaFactory(name="Keravan testialue")
    for back in range(12):
        publish(
            months_back(back),
            [
                (area, "accounts_ordered", "", 20 + back),
                (area, "accounts_accepted", "", 3 + back * 2),
                (area, "event_registrations", "", 9),
                (area, "check_in_mood", "4", 6),
                (area, "check_in_mood", "2", back),
                (area, "check_in_situation", "employed", 5),
                (area, "check_in_situation", "looking", 1 + back),
            ],
        )
    return user_with_role(Role.CONTACT_PERSON, area=area, email="kerava@example.fi")


def test_contact_person_reads_charts_and_tables_on_a_phone_and_downloads_xlsx(
    new_page, contact_person
):
    page = new_page(language="en")
    sign_in(page, "kerava@example.fi", PASSWORD)
    page.goto("/")
    open_menu(page)
    page.get_by_role("link", name="Impact").first.click()
    page.wait_for_load_state()

    assert page.locator("h1").inner_text() == "Impact: Keravan testialue"
    charts = page.locator("main svg[role=img]")
    assert charts.count() == 3
    assert page.get_by_role("img", name="Accounts taken into use by month").count() == 1
    assert page.locator("main table").count() == 5  # no active members measured yet
    assert page.locator("main td", has_text="< 5").count() > 0
    # Nothing wider than the phone's screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as Excel (XLSX)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as file:
        assert file.read(2) == b"PK"


def test_a_wrong_period_is_explained_without_javascript(new_page, contact_person):
    page = new_page(javascript=False, language="en")
    sign_in(page, "kerava@example.fi", PASSWORD)
    page.goto("/tyollisyyspalvelut/vaikuttavuus/")
    page.fill("input[name=alku]", "2026-05")
    page.fill("input[name=loppu]", "2026-01")
    page.click("main form.filters button[type=submit]")
    page.wait_for_load_state()

    assert "The first month must not be after the last month." in page.inner_text("main")
    expect(page.locator("main table")).to_have_count(0)


@pytest.mark.parametrize("language", ["fi", "sv", "en", "uk"])
def test_wide_tables_scroll_by_keyboard_on_a_laptop_screen(new_page, contact_person, language):
    page = new_page(language=language, viewport={"width": 1024, "height": 768})
    sign_in(page, "kerava@example.fi", PASSWORD)
    page.goto("/tyollisyyspalvelut/vaikuttavuus/")

    regions = page.locator("main .table-wrap[role=region][tabindex='0']")
    assert regions.count() == page.locator("main table").count() > 0
    assert_accessible(page)
