"""The impact dashboard in a real browser: charts and tables on a phone, the XLSX download."""

import pytest
from django.utils import timezone

from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.factories import (
    PASSWORD,
    EmploymentAreaFactory,
    user_with_role,
)
from ideahautomo.impact.figures import add_months, first_of_month
from ideahautomo.impact.models import MonthlyFigure

from .conftest import PHONE, assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def contact_person(db):
    area = EmploymentAreaFactory(name="Keravan testialue")
    this_month = first_of_month(timezone.localdate())
    rows = []
    for back in range(12):
        month = add_months(this_month, -back)
        rows += [
            MonthlyFigure(area=area, month=month, metric="accounts_ordered", value=20 + back),
            MonthlyFigure(area=area, month=month, metric="accounts_accepted", value=3 + back * 2),
            MonthlyFigure(area=area, month=month, metric="event_registrations", value=9),
            MonthlyFigure(area=area, month=month, metric="check_in_mood", key="4", value=6),
            MonthlyFigure(area=area, month=month, metric="check_in_mood", key="2", value=back),
            MonthlyFigure(
                area=area, month=month, metric="check_in_situation", key="employed", value=5
            ),
            MonthlyFigure(
                area=area, month=month, metric="check_in_situation", key="looking", value=8
            ),
        ]
    MonthlyFigure.objects.bulk_create(rows)
    return user_with_role(Role.CONTACT_PERSON, area=area, email="kerava@example.fi")


def test_contact_person_reads_charts_and_tables_on_a_phone_and_downloads_xlsx(
    new_page, contact_person
):
    page = new_page(language="en")
    sign_in(page, "kerava@example.fi", PASSWORD)
    page.goto("/")
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
    assert page.locator("main table").count() == 0
