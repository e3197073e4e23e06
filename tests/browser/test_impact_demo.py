"""With the plain demo data, the demo contact person sees their area's impact dashboard in a
real browser: charts and tables with published figures, small groups hidden, and an
XLSX download."""

import io

import openpyxl
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from ideahautomo.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD

from .conftest import PHONE, assert_accessible, open_menu, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo(db):
    call_command("demo_data", stdout=io.StringIO())


def test_demo_contact_person_sees_figures_with_small_groups_hidden_and_downloads_xlsx(
    new_page, demo
):
    page = new_page(language="en")
    sign_in(page, f"yhteyshenkilo@{DEMO_DOMAIN}", DEMO_PASSWORD)
    page.goto("/")
    open_menu(page)
    page.get_by_role("link", name="Impact").first.click()
    page.wait_for_load_state()

    assert page.locator("h1").inner_text() == "Impact: Helsingin työllisyysalue (demo)"
    assert page.locator("main svg[role=img]").count() >= 3
    expect(page.locator("main table")).to_have_count(7)
    # Published figures of five or more, and hidden small groups, side by side.
    figures = page.locator("main table td").all_inner_texts()
    assert sum(1 for text in figures if text.isdigit() and int(text) >= 5) >= 20
    assert "< 5" in figures
    # The written feedback of the area is shown, as enough people sent some.
    assert page.locator("ul.feedback-comments li").count() >= 5
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as Excel (XLSX)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as file:
        book = openpyxl.load_workbook(io.BytesIO(file.read()))
    values = [cell for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "< 5" in values
    assert any(isinstance(value, int) and value >= 5 for value in values)
