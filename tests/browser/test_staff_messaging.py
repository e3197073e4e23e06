"""Staff and clients talk, in a real browser on a phone: a contact person writes to a client
of their area from the invitation list, the client answers from their home page's link to
their contact person; axe-core finds no violations on the new page in all four languages."""

import pytest
from playwright.sync_api import expect

from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.factories import (
    PASSWORD,
    EmploymentAreaFactory,
    InvitationFactory,
    UserFactory,
    user_with_role,
)
from ideahautomo.messaging.models import Message

from .conftest import LANGUAGES, assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def people(language):
    area = EmploymentAreaFactory(name="Kainuun testialue")
    contact = user_with_role(
        Role.CONTACT_PERSON,
        area=area,
        email="sari@example.fi",
        display_name="Sari Yhteys",
        language=language,
    )
    client = UserFactory(
        email="aino@example.fi", display_name="Aino Virtanen", area=area, language=language
    )
    InvitationFactory(
        area=area, accepted_user=client, accepted_at=client.date_joined, name="Aino Virtanen"
    )
    return contact, client


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_contact_person_and_a_client_talk(new_page, language):
    contact, client = people(language)
    staff = new_page(language=language)
    sign_in(staff, "sari@example.fi", PASSWORD)
    staff.goto("/viestit/yhteyshenkilot/")
    assert staff.locator("html").get_attribute("lang") == language
    assert_accessible(staff)
    staff.goto("/tyollisyyspalvelut/kutsut/")
    staff.click(f"main a[href='/viestit/uusi/?kenelle={client.pk}']")
    staff.fill("textarea[name=body]", "Hei Aino, miten työnhaku sujuu?")
    staff.click("main form button[type=submit]")
    expect(staff.locator("#message-list")).to_contain_text("miten työnhaku sujuu")

    member = new_page(language=language)
    sign_in(member, "aino@example.fi", PASSWORD)
    member.goto("/")
    member.click("main a[href='/viestit/yhteyshenkilot/']")
    expect(member.locator("main")).to_contain_text("Sari Yhteys")
    assert_accessible(member)
    member.click(f"main a[href='/viestit/uusi/?kenelle={contact.pk}']")
    member.fill("textarea[name=body]", "Hyvin, kiitos! Tulen keskiviikkona.")
    member.click("main form button[type=submit]")
    expect(member.locator("#message-list")).to_contain_text("miten työnhaku sujuu")
    expect(member.locator("#message-list")).to_contain_text("Tulen keskiviikkona")
    assert Message.objects.count() == 2
