"""Moderation in a real browser, without JavaScript, on a phone: a member reports a
comment, a moderator hides it, its author sees why and appeals, and another moderator
restores it. axe-core finds no violations on the report form, the queue, a case and the
author's page of the decision in any language."""

import pytest
from playwright.sync_api import expect

from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.factories import PASSWORD, UserFactory, user_with_role
from ideahautomo.lib.moderatable import Guideline
from ideahautomo.moderation import services
from ideahautomo.moderation.models import Appeal, Case
from ideahautomo.testing.factories import comment_for, idea_for, report_for

from .conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LANGUAGES = ["fi", "sv", "en", "uk", "fi-x-selko"]


def people(language="fi"):
    owner = UserFactory(email="omistaja@example.fi", display_name="Olli Omistaja")
    author = UserFactory(
        email="kirjoittaja@example.fi", display_name="Kalle Kirjoittaja", language=language
    )
    reporter = UserFactory(
        email="ilmoittaja@example.fi", display_name="Iida Ilmoittaja", language=language
    )
    first = user_with_role(
        Role.MODERATOR, email="moderaattori@example.fi", display_name="Maija Moderaattori"
    )
    second = user_with_role(Role.MODERATOR, email="toinen@example.fi", display_name="Toni Toinen")
    idea = idea_for(owner, title="Yhteinen pyöräkorjaamo")
    comment = comment_for(author, idea, body="Olette kaikki tyhmiä.")
    return idea, comment, reporter, first, second


def test_report_hide_appeal_and_restore(new_page):
    idea, comment, _, _, _ = people()
    reporter = new_page(javascript=False)
    sign_in(reporter, "ilmoittaja@example.fi", PASSWORD)
    reporter.goto(idea.get_absolute_url())
    reporter.locator(f"#kommentti-{comment.pk} a.report-link").click()
    expect(reporter.locator("main h1")).to_have_text("Ilmoita moderaattoreille")
    expect(reporter.locator("main blockquote")).to_contain_text("Olette kaikki tyhmiä.")
    reporter.check("input[name=reason][value=harassment]")
    reporter.fill("textarea[name=details]", "Haukkuu muita.")
    reporter.click("main form button[type=submit]")
    expect(reporter.locator(".messages")).to_contain_text("Kiitos")
    expect(reporter.locator("main h1")).to_have_text("Yhteinen pyöräkorjaamo")

    moderator = new_page(javascript=False)
    sign_in(moderator, "moderaattori@example.fi", PASSWORD)
    moderator.goto("/moderointi/")
    expect(moderator.locator("main")).to_contain_text("Olette kaikki tyhmiä.")
    moderator.locator("main a", has_text="Päätä").click()
    expect(moderator.locator("main")).to_contain_text("Haukkuu muita.")
    moderator.select_option("select[name=guideline]", Guideline.KINDNESS)
    moderator.fill("textarea[name=note]", "Kirjoita asiallisesti.")
    moderator.locator("main button", has_text="Piilota").click()
    expect(moderator.locator(".messages")).to_contain_text("Sisältö on piilotettu")

    reporter.goto(idea.get_absolute_url())
    expect(reporter.locator(f"#kommentti-{comment.pk}")).to_contain_text(
        "Moderaattori on piilottanut tämän sisällön."
    )
    expect(reporter.locator("main")).not_to_contain_text("Olette kaikki tyhmiä.")

    author = new_page(javascript=False)
    sign_in(author, "kirjoittaja@example.fi", PASSWORD)
    author.goto(idea.get_absolute_url())
    own = author.locator(f"#kommentti-{comment.pk}")
    expect(own).to_contain_text("Olette kaikki tyhmiä.")
    expect(own).to_contain_text("Kohtelemme toisiamme ystävällisesti")
    own.locator("a", has_text="Miksi").click()
    expect(author.locator("main")).to_contain_text("Kirjoita asiallisesti.")
    author.fill("textarea[name=text]", "Tarkoitin sen vitsiksi, en loukatakseni.")
    author.click("main form button[type=submit]")
    expect(author.locator(".messages")).to_contain_text("Toinen moderaattori")
    assert Appeal.objects.get().text == "Tarkoitin sen vitsiksi, en loukatakseni."

    # The moderator who hid it is not asked to decide the appeal.
    moderator.goto("/moderointi/")
    expect(moderator.locator("main")).to_contain_text("Sinua ei odota")

    other = new_page(javascript=False)
    sign_in(other, "toinen@example.fi", PASSWORD)
    other.goto("/moderointi/")
    other.locator("main a", has_text="Katso pyyntö").click()
    expect(other.locator("main")).to_contain_text("Tarkoitin sen vitsiksi")
    other.locator("main button", has_text="Palauta näkyviin").click()
    expect(other.locator(".messages")).to_contain_text("Sisältö näkyy taas")
    assert Case.objects.get().state == Case.State.RESTORED

    reporter.goto(idea.get_absolute_url())
    expect(reporter.locator(f"#kommentti-{comment.pk}")).to_contain_text("Olette kaikki tyhmiä.")


@pytest.mark.parametrize("language", LANGUAGES)
def test_moderation_pages_are_accessible(new_page, language):
    idea, comment, reporter_user, first, _ = people(language)
    other_comment = comment_for(reporter_user, idea, body="Toinen kommentti")
    report = report_for(UserFactory(), "idea_comment", other_comment, details="Mainos")

    reporter = new_page(language=language)
    sign_in(reporter, "ilmoittaja@example.fi", PASSWORD)
    reporter.goto(f"/ilmoita/idea_comment/{comment.pk}/")
    assert reporter.locator("html").get_attribute("lang") == language
    assert_accessible(reporter)
    reporter.click("main form button[type=submit]")  # no reason chosen
    expect(reporter.locator(".form-errors, .field-error").first).to_be_visible()
    assert_accessible(reporter)

    moderator = new_page(language=language)
    sign_in(moderator, "moderaattori@example.fi", PASSWORD)
    moderator.goto("/moderointi/")
    expect(moderator.locator("main blockquote").first).to_be_visible()
    assert_accessible(moderator)
    moderator.goto(f"/moderointi/{report.case_id}/")
    expect(moderator.locator("main select[name=guideline]")).to_be_visible()
    assert_accessible(moderator)

    case = report_for(reporter_user, "idea_comment", comment).case
    case = services.case_hide(actor=first, case=case, guideline=Guideline.HARASSMENT)
    author = new_page(language=language)
    sign_in(author, "kirjoittaja@example.fi", PASSWORD)
    author.goto(idea.get_absolute_url())
    expect(author.locator(f"#kommentti-{comment.pk} .message.warning")).to_be_visible()
    assert_accessible(author)
    author.goto(f"/moderointi/paatos/{case.pk}/")
    expect(author.locator("main textarea[name=text]")).to_be_visible()
    assert_accessible(author)
