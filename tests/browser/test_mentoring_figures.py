"""The mentoring figures on a contact person's impact dashboard in a real browser: shown
where the groups are large enough, "< 5" (or "hidden" in a sum) where they are not, and
the page accessible in every interface language."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.factories import PASSWORD, EmploymentAreaFactory, user_with_role
from ideahautomo.impact.dashboards import ACTIVITY_METRICS, MOOD_SOURCES
from ideahautomo.impact.tests.publishing import months_back, publish

from .conftest import LANGUAGES, PHONE, assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def contact_person(db):
    area = EmploymentAreaFactory(name="Mentoroinnin testialue")
    publish(
        months_back(0),
        [
            (area, "mentoring_requests", "", 14),
            (area, "mentorings_started", "", 9),
            (area, "mentorings_ended", "", 3),  # fewer than five: "< 5"
            (area, "mentoring_feedback_mood", "4", 3),
            (area, "check_in_situation", "employed", 6),
            (area, "check_in_situation", "looking", 5),
            (area, "check_in_mood", "4", 11),
            (area, "check_in_mentor_helped", "", 6),
        ],
    )
    return user_with_role(Role.CONTACT_PERSON, area=area, email="mentorointi@example.fi")


def label(metrics, metric, language):
    with translation.override(language):
        return str(dict(metrics)[metric])


@pytest.mark.parametrize("language", LANGUAGES)
def test_mentoring_figures_on_the_dashboard_with_small_groups_hidden(
    new_page, contact_person, language
):
    page = new_page(language=language)
    sign_in(page, "mentorointi@example.fi", PASSWORD)
    page.goto("/tyollisyyspalvelut/vaikuttavuus/")

    def activity(metric, text):
        """The metric's cells (a month a row, then the period's total) reading text."""
        column = label(ACTIVITY_METRICS, metric, language)
        cells = page.locator(f'main td[data-label="{column}"]')
        return cells.filter(has_text=re.compile(rf"^{re.escape(text)}$")).first

    expect(activity("mentoring_requests", "14")).to_be_visible()
    expect(activity("mentorings_started", "9")).to_be_visible()
    expect(activity("mentorings_ended", "< 5")).to_be_visible()
    expect(activity("check_in_mentor_helped", "6")).to_be_visible()
    feedback = label(MOOD_SOURCES, "mentoring_feedback_mood", language)
    row = page.locator("main tr", has=page.locator("th[scope=row]", has_text=feedback))
    # The moods table sums the whole period: the three answers read "hidden" there.
    with translation.override(language):
        hidden = translation.gettext("hidden")
    cells = row.first.locator("td")
    expect(cells.filter(has_text=re.compile(rf"^{re.escape(hidden)}$")).first).to_be_visible()
    expect(cells.filter(has_text=re.compile(r"^3$"))).to_have_count(0)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    assert_accessible(page)
