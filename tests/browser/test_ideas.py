"""Ideas in a real browser: publish, find by skill, ask to join, accept, both see the team."""

import pytest
from playwright.sync_api import expect

from ideahautomo.accounts.tests.factories import PASSWORD, UserFactory
from ideahautomo.ideas.models import Idea, TeamMember
from ideahautomo.profiles import services as profile_services

from .conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def members(db):
    owner = UserFactory(email="aino@example.fi", display_name="Aino Omistaja")
    helper = UserFactory(email="pekka@example.fi", display_name="Pekka Auttaja")
    profile_services.profile_set_skills(
        actor=helper, profile=helper.profile, relation="has", names=["kirjanpito"]
    )
    return owner, helper


def test_an_idea_finds_its_team(new_page, members):
    owner_page = new_page(javascript=False)
    sign_in(owner_page, "aino@example.fi", PASSWORD)
    owner_page.goto("/ideat/uusi/")
    owner_page.fill("input[name=title]", "Kahvila Kallioon")
    owner_page.fill("textarea[name=description]", "Etsin **kirjanpitäjää**.")
    owner_page.select_option("select[name=category]", "entrepreneurship")
    owner_page.select_option("select[name=municipality]", label="Helsinki")
    owner_page.check("input[name=visibility][value=public]")
    owner_page.fill("input[name=other_skills]", "kirjanpito, leipominen")
    owner_page.click("main form button[type=submit]")
    owner_page.wait_for_load_state()
    expect(owner_page.locator("h1")).to_contain_text("Kahvila Kallioon")
    idea_url = owner_page.url

    helper_page = new_page(javascript=False)
    sign_in(helper_page, "pekka@example.fi", PASSWORD)
    helper_page.goto("/ideat/?osaaminen=kirjanpito")
    helper_page.click("main article a >> nth=0")
    helper_page.wait_for_load_state()
    assert helper_page.url == idea_url
    helper_page.fill("textarea[name=message]", "Olen kirjanpitäjä, tulen mielelläni mukaan.")
    helper_page.click("form[action$='/liity/'] button[type=submit]")
    helper_page.wait_for_load_state()

    owner_page.reload()
    expect(owner_page.locator("#h-owner").locator("..")).to_contain_text("Pekka Auttaja")
    owner_page.click("button[name=decision][value=accept]")
    owner_page.wait_for_load_state()

    team = owner_page.locator("section[aria-labelledby=h-team]").inner_text()
    assert "Pekka Auttaja" in team and "Aino Omistaja" in team
    helper_page.reload()
    team = helper_page.locator("section[aria-labelledby=h-team]").inner_text()
    assert "Pekka Auttaja" in team and "Aino Omistaja" in team
    assert TeamMember.objects.filter(user__email="pekka@example.fi").exists()

    guest_page = new_page(javascript=False)
    guest_page.goto(idea_url)
    content = guest_page.locator("main").inner_text()
    assert "Kahvila Kallioon" in content
    assert "Pekka Auttaja" not in content and "Aino Omistaja" not in content


@pytest.mark.parametrize("language", ["fi", "sv", "en", "uk"])
def test_idea_pages_are_accessible(new_page, members, language):
    from ideahautomo.ideas import services

    owner, helper = members
    idea = services.idea_create(
        actor=owner,
        title="Kahvila Kallioon",
        description="Etsin *kirjanpitäjää*.",
        category=Idea.Category.ENTREPRENEURSHIP,
        municipality=None,
        online=True,
        visibility=Idea.Visibility.PUBLIC,
        skill_names=["kirjanpito"],
    )
    comment = services.comment_create(actor=helper, idea=idea, body="Hyvä idea!")
    services.comment_create(actor=owner, idea=idea, body="Kiitos!", parent=comment)
    services.join_request_create(actor=helper, idea=idea, message="Mukaan!")

    guest = new_page(language=language)
    for path in ["/ideat/", idea.get_absolute_url(), f"/ideat/{idea.pk}/osaajat/"]:
        guest.goto(path)
        assert_accessible(guest)

    page = new_page(language=language)
    sign_in(page, "aino@example.fi", PASSWORD)
    for path in [
        "/ideat/",
        "/ideat/?luokka=learning",
        "/ideat/uusi/",
        idea.get_absolute_url(),
        f"/ideat/{idea.pk}/muokkaa/",
        f"/ideat/kommentit/{comment.pk + 1}/muokkaa/",
        "/suositukset/",
    ]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert_accessible(page)
    page.goto("/ideat/uusi/")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    page.locator(".form-errors").first.wait_for()
    assert_accessible(page)
