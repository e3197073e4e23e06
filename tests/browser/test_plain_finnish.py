"""Plain Finnish in a browser: a guest switches to it and takes the tour, a new member
accepts an invitation and starts in it without JavaScript, and every page of the first steps
passes axe (the invitation pages do so in tests/browser/test_accessibility.py)."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from ideahautomo.accounts import services as account_services
from ideahautomo.accounts.models import Role, User
from ideahautomo.accounts.tests.factories import (
    PASSWORD,
    EmploymentAreaFactory,
    UserFactory,
    user_with_role,
)

from .conftest import assert_accessible, link_from, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PLAIN = "fi-x-selko"
NEW_PASSWORD = "aamukahvi-ja-sanomalehti-parvekkeella"
# The pages of the first steps whose texts plain Finnish rewrites, for a member.
MEMBER_PAGES = [
    "/tilanne/",
    "/profiili/esittely/",
    "/profiili/kielet/",
    "/profiili/osaaminen/",
    "/profiili/oppiminen/",
    "/profiili/tavoitteet/",
    "/profiili/nakyvyys/",
    "/opintopiirit/uusi/",
    "/tapahtumat/uusi/",
]


@pytest.mark.parametrize("javascript", [False, True])
def test_the_plain_finnish_tour(new_page, javascript):
    page = new_page(javascript=javascript)

    def check(page):
        # axe runs as a script in the page; without JavaScript the walk itself is the test.
        if javascript:
            assert_accessible(page)

    page.goto("/")
    page.locator(".language-switch").get_by_role("link", name="Suomi (selkokieli)").click()
    expect(page.locator("html")).to_have_attribute("lang", PLAIN)
    expect(page.locator("h1")).to_have_text("Opi ja tee töitä yhdessä muiden kanssa")
    expect(page.locator(".language-switch [aria-current=true]")).to_have_text("Suomi (selkokieli)")
    check(page)

    page.locator(".hero").get_by_role("link", name="Katso ilman tunnusta").click()
    expect(page.locator("h1")).to_have_text("Katso ilman tunnusta")
    expect(page.locator("main")).to_contain_text("Linkki toimii 10 päivää.")
    check(page)

    page.locator("main").get_by_role("link", name="Lue yhteisön säännöt").click()
    expect(page.locator("h1")).to_have_text("Yhteisön säännöt")
    expect(page.locator("main")).to_contain_text("Älä kiusaa ketään.")
    check(page)

    page.goto("/tutustu/")
    page.locator("main").get_by_role("link", name="Minulla on tunnus. Kirjaudu sisään.").click()
    expect(page.locator("h1")).to_have_text("Kirjaudu sisään")
    expect(page.locator("main")).to_contain_text("Eikö sinulla ole tunnusta?")
    page.fill("input[name=email]", "ei-ole@example.fi")
    page.fill("input[name=password]", "väärin-väärin")
    page.click("main button[type=submit]")
    expect(page.locator(".form-errors")).to_contain_text("Sähköposti tai salasana on väärin.")
    check(page)

    # What plain Finnish has not rewritten is in standard Finnish, not in English.
    page.goto("/tietosuoja/")
    expect(page.locator("h1")).to_have_text("Tietosuojaseloste")
    expect(page.locator("html")).to_have_attribute("lang", PLAIN)
    check(page)


def test_a_new_member_accepts_the_invitation_and_starts_in_plain_finnish(new_page):
    area = EmploymentAreaFactory(name="Vantaan testialue")
    contact = user_with_role(Role.CONTACT_PERSON, area=area)
    account_services.invitation_create(
        actor=contact, email="selko@example.fi", name="Amina", language=PLAIN, area=area
    )
    page = new_page(javascript=False)  # no cookie: the invitation's language leads
    page.goto(link_from(mail.outbox[-1].body))
    expect(page.locator("h1")).to_have_text("Tervetuloa, Amina!")
    expect(page.locator("html")).to_have_attribute("lang", PLAIN)
    page.fill("input[name=password1]", "lyhyt")
    page.fill("input[name=password2]", "eri")
    page.click("main button[type=submit]")
    expect(page.locator(".form-errors")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Sinun pitää hyväksyä yhteisön säännöt.")

    page.fill("input[name=password1]", NEW_PASSWORD)
    page.fill("input[name=password2]", NEW_PASSWORD)
    page.check("input[name=accept_guidelines]")
    page.check("input[name=accept_privacy]")
    page.click("main button[type=submit]")
    expect(page.locator("h1")).to_have_text("Tervetuloa Ideahautomoon, Amina!")
    expect(page.locator("main")).to_contain_text("Tunnuksesi on valmis.")
    assert User.objects.get(email="selko@example.fi").language == PLAIN


def test_the_first_steps_of_a_member_pass_axe_in_plain_finnish(new_page):
    UserFactory(email="jasen@example.fi", display_name="Aino Jäsen")
    page = new_page(language=PLAIN)
    sign_in(page, "jasen@example.fi", PASSWORD)
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", PLAIN)
    assert_accessible(page)
    for path in MEMBER_PAGES:
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("lang", PLAIN)
        assert_accessible(page)

    page.goto("/tilanne/")
    expect(page.locator("h1")).to_have_text("Mitä teet nyt?")
    page.get_by_label("etsin vielä työtä").check()
    page.locator("label.mood-choice").nth(3).click()  # the fourth face: "Hyvin"
    page.get_by_role("button", name="Tallenna vastaus").click()
    expect(page.locator(".messages")).to_contain_text("Kiitos! Vastauksesi on tallessa.")
    assert page.url.endswith("/tilanne/historia/")
