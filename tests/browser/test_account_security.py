"""The pages of two-step sign-in and open sign-up on a phone: each checked with axe-core in
every language, and walked without JavaScript."""

import base64

import pytest
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from ideahautomo.accounts.models import Role, SignUpRequest, User
from ideahautomo.accounts.tests.factories import PASSWORD, EmploymentAreaFactory, user_with_role

from .conftest import WITH_PLAIN_FINNISH, assert_accessible, authenticator_code, link_from, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LANGUAGES = WITH_PLAIN_FINNISH


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_new_contact_person_sets_up_two_step_sign_in_through_the_e_mailed_link(
    new_page, language
):
    area = EmploymentAreaFactory(name="Keravan testialue")
    user_with_role(
        Role.CONTACT_PERSON,
        area=area,
        email="uusi.yhteys@example.fi",
        language=language,
        authenticator=False,
    )
    page = new_page(language=language)
    sign_in(page, "uusi.yhteys@example.fi", PASSWORD)
    page.goto("/tyollisyyspalvelut/kutsut/")
    assert page.url.endswith("/tili/kaksivaiheinen/")
    expect(page.locator(".secret")).to_have_count(0)
    assert_accessible(page)

    page.click("main button[type=submit]")
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_have_count(1)
    assert_accessible(page)

    page.goto("/tili/kaksivaiheinen/linkki/vanha-tai-vaara/")
    assert_accessible(page)

    page.goto(link_from(mail.outbox[-1].body))
    assert page.url.endswith("/tili/kaksivaiheinen/")
    assert_accessible(page)
    page.fill("input[name=code]", "12345")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    page.locator(".field-error").first.wait_for()
    assert_accessible(page)

    secret = page.locator(".secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.fill("input[name=code]", f"{totp(key):06d}")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    page.goto("/tyollisyyspalvelut/kutsut/")
    assert page.url.endswith("/tyollisyyspalvelut/kutsut/")
    page.goto("/tili/kaksivaiheinen/")
    expect(page.locator("input[name=password]")).to_have_count(0)
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_moderator_turns_two_step_sign_in_off_with_password_and_code(new_page, language):
    user_with_role(
        Role.MODERATOR, email="moderaattori@example.fi", language=language, authenticator=True
    )
    page = new_page(language=language)
    sign_in(page, "moderaattori@example.fi", PASSWORD)
    page.goto("/tili/kaksivaiheinen/")
    assert_accessible(page)

    page.fill("input[name=password]", "väärä-salasana")
    page.fill("input[name=code]", authenticator_code("moderaattori@example.fi"))
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    page.locator(".field-error").first.wait_for()
    assert_accessible(page)

    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=code]", authenticator_code("moderaattori@example.fi"))
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith("/tili/")
    page.goto("/tili/kaksivaiheinen/")
    expect(page.locator("input[name=password]")).to_have_count(0)
    assert_accessible(page)


def test_turning_two_step_sign_in_off_works_without_javascript(new_page):
    user_with_role(Role.MODERATOR, email="moderaattori@example.fi", authenticator=True)
    page = new_page(javascript=False)
    sign_in(page, "moderaattori@example.fi", PASSWORD)
    page.goto("/tili/kaksivaiheinen/")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=code]", authenticator_code("moderaattori@example.fi"))
    page.click("main button[type=submit]")
    page.wait_for_load_state()

    assert page.url.endswith("/tili/")
    assert not TOTPDevice.objects.filter(user__email="moderaattori@example.fi").exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_sign_up_pages(new_page, settings, language):
    settings.SIGNUP_OPEN = True
    page = new_page(language=language)
    page.goto("/rekisteroidy/")
    assert_accessible(page)
    page.fill("input[name=email]", "ei osoite")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    page.locator(".field-error").first.wait_for()
    assert_accessible(page)

    page.fill("input[name=email]", f"hakija-{language}@example.fi")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert_accessible(page)

    page.goto(link_from(mail.outbox[-1].body))
    assert_accessible(page)
    page.fill("input[name=password1]", "lyhyt")
    page.fill("input[name=password2]", "eri")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    page.locator(".field-error").first.wait_for()
    assert_accessible(page)

    page.goto("/rekisteroidy/jatka/keksitty-linkki/")
    assert_accessible(page)


def test_applying_for_an_account_works_without_javascript(new_page, settings):
    settings.SIGNUP_OPEN = True
    page = new_page(javascript=False)
    page.goto("/kirjaudu/")
    page.click("text=Hae tunnusta")
    page.wait_for_load_state()
    page.fill("input[name=email]", "jenni@example.fi")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert not User.objects.filter(email="jenni@example.fi").exists()

    page.goto(link_from(mail.outbox[-1].body))
    page.fill("input[name=display_name]", "Jenni Hakala")
    page.select_option("select[name=municipality]", label="Kerava")
    page.fill("input[name=password1]", "keravan-kevät-on-kaunis")
    page.fill("input[name=password2]", "keravan-kevät-on-kaunis")
    page.check("input[name=accept_guidelines]")
    page.check("input[name=accept_privacy]")
    page.click("main button[type=submit]")
    page.wait_for_load_state()

    user = User.objects.get(email="jenni@example.fi")
    assert not user.is_active
    assert SignUpRequest.objects.filter(user=user, decided_at__isnull=True).exists()
