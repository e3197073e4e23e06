"""Mentoring in a real browser, without JavaScript on a phone: a member with a business
idea finds a mentor through the suggestions on their mentoring page, asks, is accepted;
they record a meeting, the mentor reviews the idea, the mentoring ends with feedback from
both. axe-core finds no violations on the mentoring pages in any language."""

import pytest
from playwright.sync_api import expect

from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.factories import PASSWORD, UserFactory, municipality
from ideahautomo.ideas import services as idea_services
from ideahautomo.mentoring import services
from ideahautomo.mentoring.models import Feedback, Mentoring
from ideahautomo.profiles import services as profile_services
from ideahautomo.testing.factories import idea_for

from .conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LANGUAGES = ["fi", "sv", "en", "uk", "fi-x-selko"]


def people(language="fi"):
    """A member who wants to start a business and has a bakery idea; a mentor of starting
    a business and baking, with free places."""
    member = UserFactory(
        email="aino@example.fi",
        display_name="Aino Alku",
        language=language,
        municipality=municipality("091"),
    )
    profile = profile_services.profile_get_or_create(user=member)
    profile_services.profile_update(actor=member, profile=profile, goal_business=True)
    idea = idea_for(member, title="Kotileipomo")
    mentor = UserFactory(
        email="mentori@example.fi",
        display_name="Matti Mentori",
        language=language,
        roles=[Role.MENTOR],
    )
    profile_services.mentor_profile_update(
        actor=mentor,
        skill_names=["leipominen"],
        topic_business=True,
        meets_online=True,
        meets_in_person=True,
        municipality=municipality("091"),
        capacity=2,
        is_available=True,
    )
    return member, mentor, idea


def test_a_member_finds_a_mentor_and_they_mentor_to_the_end(new_page):
    _member, _mentor, idea = people()
    page = new_page(javascript=False)
    sign_in(page, "aino@example.fi", PASSWORD)
    page.goto("/mentorointi/")
    suggested = page.locator("main section[aria-labelledby=h-suggested] article")
    expect(suggested).to_have_count(1)
    expect(suggested).to_contain_text("leipominen")
    suggested.locator("a.button").click()
    page.fill("textarea[name=need]", "Tarvitsen apua leipomon liiketoimintasuunnitelmaan.")
    page.fill("input[name=idea_address]", f"/ideat/{idea.pk}/")
    page.click("main form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("Pyyntösi lähetettiin")
    page.goto(idea.get_absolute_url())
    page.locator("main button", has_text="Pyydä palautetta mentoreilta").click()
    expect(page.locator(".messages")).to_contain_text("Mentorit näkevät nyt ideasi")

    other = new_page(javascript=False)
    sign_in(other, "mentori@example.fi", PASSWORD)
    other.goto("/mentorointi/")
    other.locator("main section[aria-labelledby=h-as-mentor] a", has_text="Aino Alku").click()
    expect(other.locator("main")).to_contain_text("Kotileipomo")
    other.fill("textarea[name=answer]", "Tervetuloa, aloitetaan laskelmista.")
    other.locator("main button", has_text="Hyväksy").click()
    expect(other.locator(".messages")).to_contain_text("Hyväksyit pyynnön")
    other.locator("main summary", has_text="Muokkaa tavoitteita").click()
    other.fill("textarea[name=goals]", "**Kannattavuuslaskelma** valmiiksi")
    other.click("main form[action$='/tavoitteet/'] button[type=submit]")
    expect(other.locator("main strong", has_text="Kannattavuuslaskelma")).to_be_visible()
    other.fill("input[name=date]", "2026-03-02")
    other.fill("textarea[name=notes]", "Kävimme läpi *kustannukset*.")
    other.click("main form[action$='/tapaamiset/'] button[type=submit]")
    expect(other.locator("main em", has_text="kustannukset")).to_be_visible()

    other.goto("/ideat/mentoreille/")
    other.locator("main a", has_text="Kotileipomo").click()
    other.fill("textarea[name=strengths]", "Selkeä asiakasryhmä")
    other.fill("textarea[name=risks]", "Tilavuokra")
    other.fill("textarea[name=next_step]", "Tee kannattavuuslaskelma")
    other.click("main form button[type=submit]")
    expect(other.locator("main .badge", has_text="Mentorin arvio")).to_be_visible()

    page.goto(idea.get_absolute_url())
    expect(page.locator("main")).to_contain_text("Selkeä asiakasryhmä")
    page.goto("/mentorointi/")
    page.locator("main section[aria-labelledby=h-as-mentee] a", has_text="Matti Mentori").click()
    expect(page.locator("main")).to_contain_text("Kävimme läpi")
    page.locator("main button", has_text="Päätä mentorointi").click()
    expect(page.locator(".messages")).to_contain_text("Mentorointi on päättynyt")
    page.locator("main label.mood-choice", has_text="erittäin hyvä").click()
    page.fill("textarea[name=text]", "Kiitos avusta!")
    page.locator("main button", has_text="Lähetä palaute").click()
    expect(page.locator(".messages")).to_contain_text("Kiitos palautteestasi")

    other.goto(Mentoring.objects.get().get_absolute_url())
    expect(other.locator("main")).to_contain_text("Kiitos avusta!")
    other.locator("main label.mood-choice", has_text="hyvä").first.click()
    other.locator("main button", has_text="Lähetä palaute").click()
    expect(other.locator(".messages")).to_contain_text("Kiitos palautteestasi")
    assert Feedback.objects.count() == 2
    assert Mentoring.objects.get().status == Mentoring.Status.ENDED


@pytest.mark.parametrize("language", LANGUAGES)
def test_mentoring_pages_are_accessible(new_page, language):
    member, mentor, idea = people(language)
    mentoring = services.mentoring_request(
        actor=member, mentor=mentor, need="Apua", idea_address=f"/ideat/{idea.pk}/"
    )
    idea_services.idea_review_ask(actor=member, idea=idea)

    page = new_page(language=language)
    sign_in(page, "aino@example.fi", PASSWORD)
    for address in (
        "/mentorit/",
        "/mentorit/?aihe=business&verkossa=on",
        "/mentorointi/",
        f"/mentorit/{mentor.pk}/pyyda/",
        mentoring.get_absolute_url(),
    ):
        page.goto(address)
        expect(page.locator("main h1")).to_be_visible()
        assert_accessible(page)
    page.goto(f"/mentorit/{mentor.pk}/pyyda/")
    page.click("main form button[type=submit]")  # the same mentor again, nothing written
    expect(page.locator(".form-errors, .field-error").first).to_be_visible()
    assert_accessible(page)

    other = new_page(language=language)
    sign_in(other, "mentori@example.fi", PASSWORD)
    services.mentoring_answer(actor=mentor, mentoring=mentoring, accept=True)
    for address in (
        "/profiili/mentorina/",
        f"/jasenet/{mentor.pk}/",
        "/ideat/mentoreille/",
        f"/ideat/{idea.pk}/arvio/",
        mentoring.get_absolute_url(),
    ):
        other.goto(address)
        expect(other.locator("main h1")).to_be_visible()
        assert_accessible(other)
    other.click("main form[action$='/tapaamiset/'] button[type=submit]")  # no date
    expect(other.locator(".field-error").first).to_be_visible()
    assert_accessible(other)
    services.mentoring_end(actor=member, mentoring=Mentoring.objects.get())
    other.goto(mentoring.get_absolute_url())
    expect(other.locator("main fieldset.mood")).to_be_visible()
    assert_accessible(other)
