"""Success stories in a real browser: a contact person drafts a story about a client,
the client reads it and consents with a pseudonym, the project manager publishes it, a
guest reads it, the client withdraws and the guest gets "not found". axe-core finds no
violations on any story page, in all four languages, on a phone; the same journey works
without JavaScript."""

import pytest
from playwright.sync_api import expect

from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.factories import (
    PASSWORD,
    EmploymentAreaFactory,
    UserFactory,
    user_with_role,
)
from ideahautomo.stories.models import Story

from .conftest import LANGUAGES, assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def people(language):
    area = EmploymentAreaFactory(name="Helsingin testialue")
    user_with_role(
        Role.CONTACT_PERSON,
        area=area,
        email="yhteys@example.fi",
        display_name="Sari Yhteys",
        language=language,
    )
    user_with_role(
        Role.PROJECT_MANAGER, email="pp@example.fi", display_name="Pia Projekti", language=language
    )
    UserFactory(email="aino@example.fi", display_name="Aino Virtanen", area=area, language=language)


def check(page, accessible):
    if accessible:
        assert_accessible(page)


def journey(new_page, language, *, javascript=True):
    people(language)
    axe = javascript

    staff = new_page(language=language, javascript=javascript)
    sign_in(staff, "yhteys@example.fi", PASSWORD)
    staff.goto("/tarinat/")
    assert staff.locator("html").get_attribute("lang") == language
    check(staff, axe)
    staff.click("main a[href='/tarinat/uusi/asiakkaasta/']")
    expect(staff.locator("input[name=person_email]")).to_be_visible()
    check(staff, axe)
    staff.click("main button[name=action][value=submit]")  # nothing filled in
    expect(staff.locator(".form-errors")).to_be_visible()
    check(staff, axe)
    staff.fill("input[name=person_email]", "aino@example.fi")
    staff.fill("input[name=title]", "Opintopiiristä omaan kahvilaan")
    staff.fill("textarea[name=body]", "Aino aloitti **leivontapiirissä** ja avasi kahvilan.")
    staff.click("main button[name=action][value=submit]")
    expect(staff.locator("main h1")).to_have_text("Opintopiiristä omaan kahvilaan")
    story = Story.objects.get()
    assert story.status == Story.Status.WAITING
    check(staff, axe)
    staff.click(f"main a[href='/tarinat/{story.pk}/muokkaa/']")
    expect(staff.locator("textarea[name=body]")).to_be_visible()
    check(staff, axe)

    member = new_page(language=language, javascript=javascript)
    sign_in(member, "aino@example.fi", PASSWORD)
    member.goto("/tarinat/omat/")
    check(member, axe)
    member.click(f"main a[href='/tarinat/{story.pk}/suostumus/']")
    expect(member.locator("main strong", has_text="leivontapiirissä")).to_be_visible()
    check(member, axe)
    member.check("input[name=shown_as][value=pseudonym]")
    member.fill("input[name=pseudonym]", "")
    member.click("main button[name=action][value=consent]")
    expect(member.locator("#id_pseudonym_errors")).to_be_visible()
    check(member, axe)
    member.fill("input[name=pseudonym]", "Leipuri-Aino")
    member.click("main button[name=action][value=consent]")
    expect(member.locator("main h1")).to_have_text("Opintopiiristä omaan kahvilaan")
    story.refresh_from_db()
    assert story.status == Story.Status.CONSENTED
    check(member, axe)

    manager = new_page(language=language, javascript=javascript)
    sign_in(manager, "pp@example.fi", PASSWORD)
    manager.goto("/tarinat/julkaistavat/")
    check(manager, axe)
    manager.click(f"main form[action='/tarinat/{story.pk}/julkaise/'] button")
    expect(manager.locator("main .state")).to_have_count(0)
    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED

    guest = new_page(language=language, javascript=javascript)
    guest.goto("/tarinat/")
    check(guest, axe)
    guest.click(f"main a[href='/tarinat/{story.pk}/']")
    expect(guest.locator("main")).to_contain_text("Leipuri-Aino")
    expect(guest.locator("main")).not_to_contain_text("Aino Virtanen")
    check(guest, axe)
    guest.goto("/tarinat/vihko/")
    expect(guest.locator("main h2", has_text="Opintopiiristä omaan kahvilaan")).to_be_visible()
    check(guest, axe)

    member.goto("/tarinat/uusi/")
    expect(member.locator("input[name=consent]")).to_be_visible()
    check(member, axe)
    member.goto(f"/tarinat/{story.pk}/")
    member.click(f"main a[href='/tarinat/{story.pk}/peru/']")
    expect(member.locator("main h1")).to_be_visible()
    check(member, axe)
    member.click("main form button[type=submit]")
    expect(member.locator(".messages .message.success")).to_be_visible()
    check(member, axe)
    story.refresh_from_db()
    assert story.status == Story.Status.WITHDRAWN

    response = guest.goto(f"/tarinat/{story.pk}/")
    assert response.status == 404
    guest.goto("/tarinat/vihko/")
    expect(guest.locator("main")).not_to_contain_text("Opintopiiristä omaan kahvilaan")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_story_is_drafted_consented_published_and_withdrawn(new_page, language):
    journey(new_page, language)


def test_the_journey_works_without_javascript(new_page):
    journey(new_page, "fi", javascript=False)


def test_the_booklet_prints_the_stories_alone_one_a_page(new_page):
    people("fi")
    from ideahautomo.accounts.models import User
    from ideahautomo.stories.tests.factories import published_story

    manager = User.objects.get(email="pp@example.fi")
    staff = User.objects.get(email="yhteys@example.fi")
    member = User.objects.get(email="aino@example.fi")
    for title in ("Ensimmäinen tarina", "Toinen tarina"):
        published_story(manager, staff, member, title=title)
    page = new_page()
    page.goto("/tarinat/vihko/")
    expect(page.locator("header.site-header")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("header.site-header")).to_be_hidden()
    expect(page.locator("footer.site-footer")).to_be_hidden()
    stories = page.locator("article.booklet-story")
    expect(stories).to_have_count(2)
    for index in range(2):
        breaks = stories.nth(index).evaluate("e => getComputedStyle(e).breakBefore")
        assert breaks == "page"
