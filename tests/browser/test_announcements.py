"""Announcements in a real browser: the project manager writes one, sees the preview with
the number of people, sends it; a member opens it from the notifications. axe-core finds
no violations on any of the pages, in all four languages, on a phone; the same journey
works without JavaScript."""

import pytest
from playwright.sync_api import expect

from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.factories import PASSWORD, UserFactory, user_with_role
from ideahautomo.announcements.models import Announcement
from ideahautomo.messaging.models import Notification

from .conftest import LANGUAGES, assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def people(language):
    manager = user_with_role(
        Role.PROJECT_MANAGER, email="pp@example.fi", display_name="Pia Projekti", language=language
    )
    member = UserFactory(email="aino@example.fi", display_name="Aino Virtanen", language=language)
    return manager, member


def write(page, *, title="Syksyn työnhakupajat", body="Tervetuloa **torstaina**!", language=""):
    page.fill("input[name=title]", title)
    page.fill("textarea[name=body]", body)
    page.select_option("select[name=language]", language)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.parametrize("language", LANGUAGES)
def test_sending_and_reading_an_announcement(new_page, language):
    people(language)
    page = new_page(language=language)
    sign_in(page, "pp@example.fi", PASSWORD)
    page.goto("/tiedotteet/")
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)

    page.click("main a[href='/tiedotteet/uusi/']")
    assert_accessible(page)
    page.click("main form button[type=submit]")  # nothing filled in
    expect(page.locator(".form-errors")).to_be_visible()
    assert_accessible(page)

    nobodys = "sv" if language != "sv" else "fi"
    write(page, language=nobodys)  # the one member uses the service in another language
    expect(page.locator(".form-errors")).to_be_visible()
    expect(page.locator("button[name=confirm]")).to_have_count(0)
    assert_accessible(page)

    write(page)
    expect(page.locator("button[name=confirm]")).to_be_visible()
    expect(page.locator("main strong", has_text="torstaina")).to_be_visible()
    assert_accessible(page)
    page.click("button[name=confirm]")
    page.wait_for_load_state()
    announcement = Announcement.objects.get()
    assert page.url.endswith(announcement.get_absolute_url())
    assert_accessible(page)
    page.goto("/tiedotteet/")
    expect(page.locator("main table")).to_be_visible()
    assert_accessible(page)

    reader = new_page(language=language)
    sign_in(reader, "aino@example.fi", PASSWORD)
    reader.goto("/ilmoitukset/")
    reader.click(f"main a[href='/ilmoitukset/{Notification.objects.get().pk}/']")
    reader.wait_for_load_state()
    assert reader.url.endswith(announcement.get_absolute_url())
    expect(reader.locator("main strong", has_text="torstaina")).to_be_visible()
    assert_accessible(reader)


def test_the_journey_works_without_javascript(new_page):
    people("fi")
    page = new_page(javascript=False)
    sign_in(page, "pp@example.fi", PASSWORD)
    page.goto("/tiedotteet/uusi/")
    write(page, body="Pajassa:\n\n- CV kuntoon\n- haastatteluharjoitus")
    expect(page.locator("main")).to_contain_text("Tiedote lähtee 1 henkilölle.")
    page.click("button[name=edit]")
    page.wait_for_load_state()
    assert page.input_value("input[name=title]") == "Syksyn työnhakupajat"
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    page.click("button[name=confirm]")
    page.wait_for_load_state()
    announcement = Announcement.objects.get()
    assert announcement.delivered_count == 1
    # The text went through the preview's hidden fields with its lines kept.
    lines = announcement.body.replace("\r\n", "\n")
    assert lines == "Pajassa:\n\n- CV kuntoon\n- haastatteluharjoitus"
    assert "<li>CV kuntoon</li>" in announcement.body_html
    expect(page.locator("h1", has_text="Syksyn työnhakupajat")).to_be_visible()
