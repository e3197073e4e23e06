"""Whole journeys in a real browser with JavaScript turned off, as the people would walk them."""

import base64

import pytest
from django.core import mail
from django_otp.oath import totp
from playwright.sync_api import expect

from ideahautomo.accounts.models import Invitation, Role, User
from ideahautomo.accounts.tests.factories import (
    PASSWORD,
    EmploymentAreaFactory,
    UserFactory,
    user_with_role,
)

from .conftest import link_from, open_menu, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NEW_PASSWORD = "aamukahvi-ja-sanomalehti-parvekkeella"


@pytest.fixture
def contact_person(db):
    area = EmploymentAreaFactory(name="Vantaan testialue")
    return user_with_role(
        Role.CONTACT_PERSON, area=area, email="yhteys@example.fi", display_name="Sari Yhteys"
    )


def test_contact_person_orders_an_account_and_the_client_starts_in_ukrainian(
    new_page, contact_person
):
    staff_page = new_page(javascript=False)
    sign_in(staff_page, "yhteys@example.fi", PASSWORD)
    open_menu(staff_page)
    staff_page.click("text=Tilaa tunnuksia")
    staff_page.wait_for_load_state()
    staff_page.click("text=Kutsu asiakas")
    staff_page.wait_for_load_state()
    staff_page.fill("input[name=name]", "Olena Shevchenko")
    staff_page.fill("input[name=email]", "olena@example.fi")
    staff_page.select_option("select[name=language]", "uk")
    staff_page.click("text=Lähetä kutsu")
    staff_page.wait_for_load_state()
    expect(staff_page.locator(".messages")).to_contain_text("olena@example.fi")
    expect(staff_page.locator("table")).to_contain_text("Lähetetty")

    message = mail.outbox[-1]
    assert message.to == ["olena@example.fi"]
    assert "Вітаємо, Olena Shevchenko!" in message.body

    client_page = new_page(javascript=False)
    client_page.goto(link_from(message.body))
    client_page.fill("input[name=password1]", NEW_PASSWORD)
    client_page.fill("input[name=password2]", NEW_PASSWORD)
    client_page.check("input[name=accept_guidelines]")
    client_page.check("input[name=accept_privacy]")
    client_page.click("main button[type=submit]")
    client_page.wait_for_load_state()

    assert client_page.url.endswith("/tervetuloa/")
    assert client_page.locator("html").get_attribute("lang") == "uk"
    expect(client_page.locator("h1")).to_contain_text("Olena Shevchenko")
    assert User.objects.get(email="olena@example.fi").has_role(Role.MEMBER)

    staff_page.reload()
    expect(staff_page.locator("table")).to_contain_text("Hyväksytty")


def test_csv_file_is_fixed_previewed_and_confirmed(new_page, contact_person, tmp_path):
    UserFactory(email="jo-jasen@example.fi")
    page = new_page(javascript=False)
    sign_in(page, "yhteys@example.fi", PASSWORD)
    page.goto("/tyollisyyspalvelut/kutsut/tiedosto/")

    broken = tmp_path / "asiakkaat.csv"
    broken.write_bytes(
        "\ufeffnimi;sähköposti;kieli\r\nEka Asiakas;eka@example.fi;fi\r\n"
        "Toka Asiakas;jo-jasen@example.fi;sv\r\n".encode()
    )
    page.set_input_files("input[type=file]", str(broken))
    page.click("text=Tarkista tiedosto")
    page.wait_for_load_state()
    report = page.locator("table").inner_text()
    assert "jo-jasen@example.fi" in report
    assert not Invitation.objects.exists()

    fixed = tmp_path / "asiakkaat-korjattu.csv"
    fixed.write_bytes(
        "\ufeffnimi;sähköposti;kieli\r\nEka Asiakas;eka@example.fi;fi\r\n"
        "Toka Asiakas;toka@example.fi;sv\r\n".encode()
    )
    page.set_input_files("input[type=file]", str(fixed))
    page.click("text=Tarkista tiedosto")
    page.wait_for_load_state()
    expect(page.locator("table")).to_contain_text("toka@example.fi")
    assert not Invitation.objects.exists()

    page.click("text=Lähetä kutsut")
    page.wait_for_load_state()
    assert Invitation.objects.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["eka@example.fi", "toka@example.fi"]
    expect(page.locator(".messages")).to_contain_text("2")


def test_member_resets_a_forgotten_password(new_page, db):
    UserFactory(email="aino@example.fi", display_name="Aino")
    page = new_page(javascript=False)
    page.goto("/kirjaudu/")
    page.click("text=Unohditko salasanasi?")
    page.wait_for_load_state()
    page.fill("input[name=email]", "aino@example.fi")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith("/salasana/lahetetty/")

    page.goto(link_from(mail.outbox[-1].body))
    page.fill("input[name=new_password1]", NEW_PASSWORD)
    page.fill("input[name=new_password2]", NEW_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith("/salasana/vaihdettu/")

    sign_in(page, "aino@example.fi", NEW_PASSWORD)
    expect(page.locator("h1")).to_contain_text("Aino")


def test_administrator_must_set_up_two_step_sign_in_first(new_page, db):
    user_with_role(Role.ADMINISTRATOR, email="yllapito@example.fi", authenticator=False)
    page = new_page(javascript=False)
    sign_in(page, "yllapito@example.fi", PASSWORD)
    page.goto("/admin/")
    assert page.url.endswith("/tili/kaksivaiheinen/")
    # The password alone binds no authenticator: the person proves the address first.
    expect(page.locator(".secret")).to_have_count(0)
    page.click("text=Lähetä linkki")
    page.wait_for_load_state()
    page.goto(link_from(mail.outbox[-1].body))
    assert page.url.endswith("/tili/kaksivaiheinen/")

    secret = page.locator(".secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.fill("input[name=code]", f"{totp(key):06d}")
    page.click("main button[type=submit]")
    page.wait_for_load_state()

    page.goto("/admin/")
    assert page.url.endswith("/admin/")
    assert page.locator("#site-name").inner_text() == "Ideahautomo"


def test_guest_switches_language_without_javascript(new_page, db):
    page = new_page(javascript=False)
    page.goto("/tutustu/")
    page.click("text=Svenska")
    page.wait_for_load_state()
    assert page.url.endswith("/tutustu/")
    assert page.locator("html").get_attribute("lang") == "sv"
    page.click("text=Українська")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "uk"
