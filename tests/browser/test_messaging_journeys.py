"""Messaging in a real browser: two members converse, a third is reported and blocked,
notifications arrive in the service and in the daily e-mail summary (JavaScript off);
and with JavaScript on, a new message appears without reloading the page."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from ideahautomo.accounts.tests.factories import PASSWORD, UserFactory
from ideahautomo.messaging import services, views
from ideahautomo.messaging.models import Block
from ideahautomo.moderation.models import Report
from ideahautomo.profiles.services import profile_get_or_create

from .conftest import assert_accessible, open_menu, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def member(email, name):
    return UserFactory(
        email=email,
        display_name=name,
        language="en",
        date_joined=timezone.now() - timedelta(days=30),
    )


@pytest.fixture
def members(db):
    people = (
        member("aino@example.fi", "Aino Virtanen"),
        member("oksana@example.fi", "Oksana Kovalenko"),
        member("troll@example.fi", "Tero Trolli"),
    )
    for person in people:
        profile_get_or_create(user=person)
    return people


def test_two_members_converse_a_third_is_reported_and_blocked(new_page, members):
    aino, oksana, troll = members

    # Oksana chooses the daily e-mail summary for messages.
    oksana_page = new_page(javascript=False, language="en")
    sign_in(oksana_page, oksana.email, PASSWORD)
    oksana_page.goto("/ilmoitukset/asetukset/")
    oksana_page.select_option("select[name=message_reply]", "digest")
    oksana_page.click("main button:has-text('Save')")
    expect(oksana_page.locator(".messages")).to_contain_text("saved")

    # Aino writes to Oksana from the link on Oksana's profile.
    aino_page = new_page(javascript=False, language="en")
    sign_in(aino_page, aino.email, PASSWORD)
    aino_page.goto(f"/jasenet/{oksana.pk}/")
    aino_page.locator(f"main a[href='/viestit/uusi/?kenelle={oksana.pk}']").click()
    aino_page.wait_for_load_state()
    expect(aino_page.locator("main")).to_contain_text("Oksana Kovalenko")
    aino_page.fill("input[name=subject]", "Finnish practice")
    # The profile with its link passes axe (which needs JavaScript to run).
    checked = new_page(language="en")
    sign_in(checked, aino.email, PASSWORD)
    checked.goto(f"/jasenet/{oksana.pk}/")
    assert_accessible(checked)
    aino_page.fill("textarea[name=body]", "Hi Oksana! Shall we meet at https://example.fi/library?")
    aino_page.click("main button:has-text('Send')")
    expect(aino_page.locator("#message-list")).to_contain_text("Hi Oksana!")
    link = aino_page.locator("#message-list a[href='https://example.fi/library']")
    assert link.get_attribute("rel") == "nofollow noopener noreferrer"
    aino_page.fill("textarea[name=body]", "Are you there?")
    aino_page.click("main button:has-text('Send')")
    troll_first = services.conversation_start(actor=troll, recipients=[aino], body="Spam spam")

    # Oksana sees the unread counts in the header: all of them on the menu button, and
    # each beside its link in the menu.
    oksana_page.goto("/")
    expect(oksana_page.locator("details.site-menu > summary .count")).to_contain_text("2")
    open_menu(oksana_page)
    expect(oksana_page.locator("header a[href='/viestit/'] .count")).to_contain_text("1")
    expect(oksana_page.locator("header a[href='/ilmoitukset/'] .count")).to_contain_text("1")

    # The notification is in the service...
    oksana_page.click("header a[href='/ilmoitukset/']")
    expect(oksana_page.locator("main")).to_contain_text("Aino Virtanen sent you a message.")
    oksana_page.click("text=Aino Virtanen sent you a message.")
    expect(oksana_page.locator("#message-list")).to_contain_text("Are you there?")
    oksana_page.fill("textarea[name=body]", "Yes! See you on Thursday.")
    oksana_page.click("main button:has-text('Send')")
    expect(oksana_page.locator("a[href='/viestit/'] .count")).to_have_count(0)

    open_menu(aino_page)
    aino_page.click("header a[href='/viestit/']")
    aino_page.click("text=Oksana Kovalenko")
    expect(aino_page.locator("#message-list")).to_contain_text("See you on Thursday")

    # ...and in the daily e-mail summary, with a one-click way out.
    assert not [m for m in mail.outbox if m.to == [oksana.email]]
    services.send_daily_digests()
    [summary] = [m for m in mail.outbox if m.to == [oksana.email]]
    assert "Aino Virtanen sent you a message." in summary.body
    assert summary.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Aino reports the troll's message and blocks him.
    aino_page.goto(f"/viestit/{troll_first.pk}/")
    aino_page.click("text=Report message")
    aino_page.check("input[name=reason][value=spam]")
    aino_page.fill("textarea[name=details]", "Advertising again and again.")
    aino_page.click("main button:has-text('Send the report')")
    expect(aino_page.locator(".messages")).to_contain_text("moderators will look into your report")
    # Back in the conversation, she reports the troll himself (his profile) too.
    expect(aino_page.locator("h1")).to_contain_text("Tero Trolli")
    aino_page.click(".people-list a:has-text('Report')")
    aino_page.check("input[name=reason][value=harassment]")
    aino_page.click("main button:has-text('Send the report')")
    expect(aino_page.locator(".messages")).to_contain_text("moderators will look into your report")
    aino_page.click("main button:has-text('Block')")
    expect(aino_page.locator(".messages")).to_contain_text("You blocked Tero Trolli")
    message_report = Report.objects.get(kind="message")
    assert (message_report.snapshot, message_report.author) == ("Spam spam", troll)
    assert Report.objects.get(kind="profile").object_id == troll.pk
    assert Block.objects.filter(blocker=aino, blocked=troll).exists()

    # The troll can no longer reach Aino; Oksana still can.
    troll_page = new_page(javascript=False, language="en")
    sign_in(troll_page, troll.email, PASSWORD)
    troll_page.goto(f"/viestit/{troll_first.pk}/")
    troll_page.fill("textarea[name=body]", "Why no answer?")
    troll_page.click("main button:has-text('Send')")
    expect(troll_page.locator("main")).to_contain_text("You cannot send messages to Aino Virtanen.")
    troll_page.goto(f"/viestit/uusi/?kenelle={aino.pk}")
    troll_page.fill("textarea[name=body]", "New conversation then")
    troll_page.click("main button:has-text('Send')")
    expect(troll_page.locator("main")).to_contain_text("You cannot send messages to Aino Virtanen.")
    assert troll_first.messages.count() == 1

    # A moderator sees the report and only the reported message.
    from ideahautomo.accounts.models import Role
    from ideahautomo.accounts.tests.factories import user_with_role

    user_with_role(Role.MODERATOR, email="moderator@example.fi", language="en")
    moderator_page = new_page(javascript=False, language="en")
    sign_in(moderator_page, "moderator@example.fi", PASSWORD)
    open_menu(moderator_page)
    moderator_page.click("a[href='/moderointi/']")
    queue = moderator_page.locator("main").inner_text()
    assert "Spam spam" in queue and "Tero Trolli" in queue
    assert "See you on Thursday" not in moderator_page.content()
    # The old list of reports is now the one queue.
    moderator_page.goto("/moderointi/ilmoitukset/")
    expect(moderator_page).to_have_url(re.compile(r"/moderointi/$"))
    moderator_page.goto(f"/viestit/{troll_first.pk}/")
    assert moderator_page.locator("h1").inner_text() == "Page not found"


def test_a_new_message_appears_without_reloading(new_page, members, monkeypatch):
    monkeypatch.setattr(views, "POLL_SECONDS", 1)
    aino, oksana, _troll = members
    chat = services.conversation_start(actor=oksana, recipients=[aino], body="First message")
    page = new_page(javascript=True, language="en")
    sign_in(page, aino.email, PASSWORD)
    page.goto(f"/viestit/{chat.pk}/")
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("() => { window.notReloaded = true; }")
    services.message_send(actor=oksana, conversation=chat, body="Second, live")
    page.locator("#message-list", has_text="Second, live").wait_for(timeout=8000)
    services.message_send(actor=oksana, conversation=chat, body="Third, live")
    page.locator("#message-list", has_text="Third, live").wait_for(timeout=8000)
    assert page.evaluate("() => window.notReloaded") is True
    expect(page.locator("#message-list li")).to_have_count(3)
