"""Study circles in a real browser: start, join, the waitlist; accessible in every language."""

import pytest
from playwright.sync_api import expect

from ideahautomo.accounts.models import Municipality
from ideahautomo.accounts.tests.factories import PASSWORD, UserFactory
from ideahautomo.circles import services
from ideahautomo.circles.models import Circle, Membership

from .conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def people(db):
    return [
        UserFactory(email=f"jasen{number}@example.fi", display_name=f"Jäsen {number}")
        for number in range(3)
    ]


def test_a_member_starts_an_online_circle_and_others_join_one_via_the_waitlist(new_page, people):
    page = new_page(javascript=False)
    sign_in(page, "jasen0@example.fi", PASSWORD)
    page.goto("/opintopiirit/uusi/")
    page.fill("input[name=name]", "Suomea verkossa")
    page.fill("input[name=topic]", "Suomen kieli")
    page.fill("textarea[name=description]", "Harjoitellaan puhumista.")
    page.select_option("select[name=language]", "fi")
    page.check("input[name=format][value=online]")
    page.fill("input[name=capacity]", "2")
    page.check("input[name=visibility][value=members]")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    circle = Circle.objects.get(name="Suomea verkossa")
    expect(page.locator(f"a[href='{circle.online_link}']")).to_have_count(1)

    for email in ("jasen1@example.fi", "jasen2@example.fi"):
        other = new_page(javascript=False)
        sign_in(other, email, PASSWORD)
        other.goto(circle.get_absolute_url())
        other.click("main form button[type=submit]")
        other.wait_for_load_state()

    statuses = dict(Membership.objects.filter(circle=circle).values_list("user__email", "status"))
    assert statuses["jasen1@example.fi"] == "active"
    assert statuses["jasen2@example.fi"] == "waitlisted"


@pytest.mark.parametrize("language", ["fi", "sv", "en", "uk"])
def test_circle_pages_are_accessible(new_page, people, language):
    circle = services.circle_create(
        actor=people[0],
        name="Suomea arjessa",
        topic="Suomen kieli",
        description="Harjoitellaan.",
        language="fi",
        level="A1",
        format=Circle.Format.HYBRID,
        municipality=Municipality.objects.get(code="092"),
        meeting_place="Kirjasto",
        capacity=2,
        policy=Circle.Policy.APPROVAL,
        visibility=Circle.Visibility.PUBLIC,
    )
    services.circle_join(actor=people[1], circle=circle)
    guest = new_page(language=language)
    for path in ["/opintopiirit/", circle.get_absolute_url()]:
        guest.goto(path)
        assert_accessible(guest)
    page = new_page(language=language)
    sign_in(page, "jasen0@example.fi", PASSWORD)
    for path in ["/opintopiirit/?kieli=fi", circle.get_absolute_url(), "/opintopiirit/uusi/"]:
        page.goto(path)
        assert_accessible(page)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    page.locator(".form-errors").first.wait_for()
    assert_accessible(page)
