"""axe-core finds no violations on the messaging and notification pages, on a phone."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.factories import PASSWORD, UserFactory, user_with_role
from ideahautomo.lib.moderatable import moderatable_kind
from ideahautomo.messaging import services
from ideahautomo.messaging.models import NotificationKind
from ideahautomo.moderation import services as moderation_services
from ideahautomo.moderation.models import Case

from .conftest import LANGUAGES, assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def world(db):
    def person(email, name, language):
        return UserFactory(
            email=email,
            display_name=name,
            language=language,
            date_joined=timezone.now() - timedelta(days=30),
        )

    def build(language):
        aino = person("aino@example.fi", "Aino Virtanen", language)
        oksana = person("oksana@example.fi", "Oksana Kovalenko", language)
        pekka = person("pekka@example.fi", "Pekka Laine", language)
        troll = person("troll@example.fi", "Tero Trolli", language)
        chat = services.conversation_start(
            actor=oksana,
            recipients=[aino],
            body="Hei! Katso https://example.fi/opintopiiri?kieli=fi&taso=A2 <b>ei lihavoitu</b>",
        )
        services.message_send(actor=aino, conversation=chat, body="Kiitos, katson.\nNähdään!")
        group = services.conversation_start(
            actor=pekka, recipients=[aino, oksana], body="Ryhmäviesti", subject="Ompelimo"
        )
        spam = services.conversation_start(actor=troll, recipients=[aino], body="Osta nyt!")
        services.block_create(actor=aino, blocked=troll)
        moderation_services.report_create(
            actor=aino,
            kind=moderatable_kind("message"),
            obj=spam.messages.get(),
            reason="spam",
            details="Mainostaa",
        )
        for kind in [NotificationKind.EVENT_CHANGE, NotificationKind.IDEA_COMMENT]:
            services.notify(
                recipient=aino, kind=kind, actor=pekka, text_params={"title": "Ideariihi"}
            )
        user_with_role(Role.MODERATOR, email="moderaattori@example.fi", language=language)
        return {"aino": aino, "troll": troll, "chat": chat, "group": group, "spam": spam}

    return build


@pytest.mark.parametrize("language", LANGUAGES)
def test_member_pages(new_page, language, world):
    data = world(language)
    message = data["spam"].messages.get()
    page = new_page(language=language)
    sign_in(page, "aino@example.fi", PASSWORD)
    for path in [
        "/",
        "/viestit/",
        f"/viestit/{data['chat'].pk}/",
        f"/viestit/{data['group'].pk}/",
        f"/viestit/{data['spam'].pk}/",
        f"/viestit/uusi/?kenelle={data['troll'].pk}",
        "/viestit/uusi/",
        "/viestit/estetyt/",
        f"/ilmoita/message/{message.pk}/?next=/viestit/{data['spam'].pk}/",
        f"/ilmoita/profile/{data['troll'].pk}/?next=/viestit/{data['spam'].pk}/",
        "/ilmoitukset/",
        "/ilmoitukset/asetukset/",
    ]:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)

    # Form errors: an empty message, a report without a reason.
    page.goto(f"/viestit/{data['chat'].pk}/")
    page.click("form:has(#viestikentta) button[type=submit]")
    expect(page.locator(".form-errors")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/ilmoita/profile/{data['troll'].pk}/")
    page.click("form:has(input[name=reason]) button[type=submit]")
    expect(page.locator(".form-errors")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_unsubscribe_pages_without_signing_in(new_page, language, world):
    data = world(language)
    token = services.unsubscribe_token(user=data["aino"], kind="event_change")
    page = new_page(language=language)
    page.goto(f"/ilmoitukset/peru/{token}/")
    assert_accessible(page)
    page.click("main button[type=submit]")
    page.wait_for_load_state()  # the answer page, not the form being left
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)
    page.goto("/ilmoitukset/peru/vaarennetty/")
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_moderator_pages(new_page, language, world):
    world(language)
    page = new_page(language=language)
    sign_in(page, "moderaattori@example.fi", PASSWORD)
    # The old list of reports leads to the one queue, where the reported message waits.
    page.goto("/moderointi/ilmoitukset/")
    expect(page).to_have_url(re.compile(r"/moderointi/$"))
    expect(page.locator("#h-reports")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Osta nyt!")
    assert_accessible(page)
    page.goto(f"/moderointi/{Case.objects.get(kind='message').pk}/")
    expect(page.locator("main")).to_contain_text("Mainostaa")
    assert_accessible(page)
