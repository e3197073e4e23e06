"""Profiles in a real browser: set-up, directory and suggestions, accessible in every language."""

import time

import pytest
from playwright.sync_api import expect

from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.factories import PASSWORD, UserFactory, municipality, user_with_role
from ideahautomo.profiles import services

from .conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def community(db):
    vantaa = municipality("092")
    iryna = UserFactory(
        email="iryna@example.fi", display_name="Iryna Melnyk", municipality=vantaa
    ).profile
    services.profile_set_languages(
        actor=iryna.user, profile=iryna, entries=[("uk", "native"), ("fi", "A1")]
    )
    services.profile_set_skills(
        actor=iryna.user, profile=iryna, relation="has", names=["ompelu", "käsityöt"]
    )
    services.profile_set_skills(
        actor=iryna.user, profile=iryna, relation="wants", names=["suomen kieli"]
    )
    services.profile_update(actor=iryna.user, profile=iryna, goal_learn=True)
    teacher = user_with_role(
        Role.MENTOR, email="opettaja@example.fi", display_name="Leena Opettaja"
    )
    services.profile_set_skills(
        actor=teacher, profile=teacher.profile, relation="has", names=["suomen kieli"]
    )
    return UserFactory(email="oksana@example.fi", display_name="Oksana Kovalenko", language="uk")


def test_a_new_member_builds_a_profile_and_finds_people(new_page, community):
    page = new_page(javascript=False)
    sign_in(page, "oksana@example.fi", PASSWORD)
    started = time.monotonic()
    page.goto("/profiili/aloitus/")

    page.check("input[value=goal_learn]")
    page.check("input[value=goal_work]")
    page.select_option("select[name=municipality]", label="Vantaa")
    page.click("main button[type=submit]")
    page.wait_for_load_state()

    page.select_option("select[name=kieli-0-code]", "uk")
    page.select_option("select[name=kieli-0-level]", "native")
    page.select_option("select[name=kieli-1-code]", "fi")
    page.select_option("select[name=kieli-1-level]", "A2")
    page.click("main button[type=submit]")
    page.wait_for_load_state()

    page.fill("input[name=other]", "kirjanpito, Excel")
    page.click("main button[type=submit]")
    page.wait_for_load_state()

    page.fill("input[name=other]", "Finnish language")
    page.click("main button[type=submit]")
    page.wait_for_load_state()

    page.fill("textarea[name=introduction]", "Olen kirjanpitäjä Harkovasta.")
    page.click("main button[type=submit]")
    page.wait_for_load_state()

    page.check("input[value=members]")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    elapsed = time.monotonic() - started

    assert page.url.endswith("/suositukset/")
    cards = page.locator("main article")
    assert cards.count() == 2
    first = cards.first.inner_text()
    assert "Iryna Melnyk" in first  # learns Finnish too, speaks Ukrainian, lives in Vantaa
    page.locator("main .reason").first.wait_for()
    assert elapsed < 120

    page.goto("/jasenet/?osaaminen=ompelu&kieli=uk")
    expect(page.locator("main article")).to_have_count(1)
    expect(page.locator("main article")).to_contain_text("Iryna Melnyk")


@pytest.mark.parametrize("language", ["fi", "sv", "en", "uk"])
def test_profile_pages_are_accessible(new_page, community, language):
    page = new_page(language=language)
    sign_in(page, "oksana@example.fi", PASSWORD)
    for path in [
        "/profiili/",
        "/profiili/tavoitteet/?aloitus=1",
        "/profiili/kielet/",
        "/profiili/osaaminen/",
        "/profiili/oppiminen/",
        "/profiili/esittely/",
        "/profiili/nakyvyys/",
        "/profiili/kuva/",
        "/jasenet/",
        "/jasenet/?kieli=uk&q=iry",
        "/suositukset/",
    ]:
        page.goto(path)
        assert_accessible(page)
    page.goto("/jasenet/")
    page.click("main article a >> nth=0")
    page.wait_for_load_state()
    assert_accessible(page)
    page.goto("/profiili/kielet/")
    page.select_option("select[name=kieli-0-code]", "fi")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    page.locator(".form-errors").first.wait_for()
    assert_accessible(page)
