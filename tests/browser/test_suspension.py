"""Suspensions in a real browser: a moderator suspends a member, whose open session ends
at once; the member signs in, reads the reason and the end and appeals; another moderator
lifts the suspension and the member signs in. Without JavaScript, on a phone; axe-core
finds no violations on any suspension page in any language."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ideahautomo.accounts import services
from ideahautomo.accounts.models import Role, Suspension
from ideahautomo.accounts.tests.factories import PASSWORD, UserFactory, user_with_role

from .conftest import LANGUAGES, assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def moderators(language="fi"):
    return (
        user_with_role(
            Role.MODERATOR, email="hanna@example.fi", display_name="Hanna", language=language
        ),
        user_with_role(
            Role.MODERATOR, email="ville@example.fi", display_name="Ville", language=language
        ),
    )


def test_a_suspended_member_appeals_and_another_moderator_lifts(new_page):
    moderators()
    member = UserFactory(email="aino@example.fi", display_name="Aino Jäsen")
    member_page = new_page(javascript=False)
    sign_in(member_page, "aino@example.fi", PASSWORD)
    member_page.goto("/tili/")
    expect(member_page.locator("main h1")).to_be_visible()
    assert "/tili/" in member_page.url

    hanna = new_page(javascript=False)
    sign_in(hanna, "hanna@example.fi", PASSWORD)
    hanna.goto(f"/moderointi/jaadytykset/uusi/{member.pk}/")
    hanna.fill("textarea[name=reason]", "Lähetit mainosviestejä monelle jäsenelle.")
    hanna.check("input[name=period][value='7']")
    hanna.click("main form button[type=submit]")
    expect(hanna.locator(".messages")).to_contain_text("jäädytetty")
    expect(hanna.locator("main h1")).to_contain_text("Aino Jäsen")

    # The member's open session ended with the suspension.
    member_page.goto("/tili/")
    assert "/kirjaudu/" in member_page.url

    sign_in(member_page, "aino@example.fi", PASSWORD)
    assert member_page.url.endswith("/kirjaudu/jaadytetty/")
    expect(member_page.locator("main h1")).to_have_text("Tilisi on jäädytetty")
    expect(member_page.locator("main")).to_contain_text("Lähetit mainosviestejä")
    end = timezone.localtime(Suspension.objects.get().ends_at).strftime("%-d.%-m.%Y")
    expect(member_page.locator("main dl")).to_contain_text(end)
    member_page.fill("textarea[name=text]", "En tiennyt, ettei kursseista saa kertoa.")
    member_page.click("main form button[type=submit]")
    expect(member_page.locator(".messages")).to_contain_text("Valituksesi on lähetetty")
    expect(member_page.locator("main textarea")).to_have_count(0)

    # The moderator who suspended may not decide the appeal; another one does.
    hanna.goto(f"/moderointi/jaadytykset/{Suspension.objects.get().pk}/")
    expect(hanna.locator("main")).to_contain_text("joku muu moderaattori")
    ville = new_page(javascript=False)
    sign_in(ville, "ville@example.fi", PASSWORD)
    ville.goto("/moderointi/jaadytykset/?valitukset=1")
    ville.locator("main table a", has_text="Aino Jäsen").click()
    expect(ville.locator("main")).to_contain_text("En tiennyt, ettei kursseista saa kertoa.")
    ville.check("input[name=decision-decision][value=lift]")
    ville.fill("textarea[name=decision-reason]", "Ensimmäinen kerta; ohjeet on nyt kerrottu.")
    ville.locator("main form button", has_text="Ratkaise valitus").click()
    expect(ville.locator(".messages")).to_contain_text("Valitus on ratkaistu")

    sign_in(member_page, "aino@example.fi", PASSWORD)
    assert not member_page.url.endswith("/kirjaudu/jaadytetty/")
    member_page.goto("/tili/")
    assert "/tili/" in member_page.url


@pytest.mark.parametrize("language", LANGUAGES)
def test_suspension_pages_are_accessible(new_page, language):
    hanna, _ville = moderators(language)
    member = UserFactory(email="aino@example.fi", display_name="Aino Jäsen", language=language)
    other = UserFactory(display_name="Olli Muu")
    suspension = services.user_suspend(
        user=member,
        by=hanna,
        reason="Lähetit mainosviestejä monelle jäsenelle.",
        ends_at=timezone.now() + timedelta(days=7),
    )
    services.user_warn(user=other, by=hanna, reason="Asiaton kommentti.")

    person = new_page(language=language)
    sign_in(person, "aino@example.fi", PASSWORD)
    assert person.url.endswith("/kirjaudu/jaadytetty/")
    assert person.locator("html").get_attribute("lang") == language
    assert_accessible(person)
    person.click("main form button[type=submit]")  # nothing written
    expect(person.locator(".form-errors")).to_be_visible()
    assert_accessible(person)
    person.fill("textarea[name=text]", "Pyydän uutta katsomista.")
    person.click("main form button[type=submit]")
    expect(person.locator(".messages")).to_be_visible()
    assert_accessible(person)

    page = new_page(language=language)
    sign_in(page, "ville@example.fi", PASSWORD)
    for address in (
        "/moderointi/jaadytykset/",
        "/moderointi/jaadytykset/?valitukset=1",
        f"/moderointi/jaadytykset/{suspension.pk}/",
        f"/moderointi/jaadytykset/uusi/{other.pk}/",
        f"/moderointi/varoitukset/uusi/{other.pk}/",
    ):
        page.goto(address)
        expect(page.locator("main h1")).to_be_visible()
        assert_accessible(page)
    page.goto(f"/moderointi/jaadytykset/uusi/{other.pk}/")
    page.click("main form button[type=submit]")  # nothing written
    expect(page.locator(".form-errors")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/moderointi/jaadytykset/{suspension.pk}/")
    page.locator("main form[action$='/valitus/'] button").click()  # nothing chosen
    expect(page.locator(".form-errors")).to_be_visible()
    assert_accessible(page)
