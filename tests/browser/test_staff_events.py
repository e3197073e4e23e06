"""A contact person runs an approved event of their area, in a real browser on a phone: the
organiser's list, a change of place, the participant list, and a cancellation with its
reason, which the person registered sees. axe-core finds no violations on the pages in all
four languages."""

import pytest
from playwright.sync_api import expect

from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.factories import (
    PASSWORD,
    EmploymentAreaFactory,
    UserFactory,
    municipality,
    user_with_role,
)
from ideahautomo.events import services
from ideahautomo.events.models import Event
from ideahautomo.events.tests.factories import EventFactory
from ideahautomo.messaging.models import Notification, NotificationKind

from .conftest import LANGUAGES, assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def scene(language):
    area = EmploymentAreaFactory(name="Kainuun testialue")
    town = municipality("205")
    town.employment_area = area
    town.save()
    manager = user_with_role(Role.PROJECT_MANAGER)
    user_with_role(Role.CONTACT_PERSON, area=area, email="sari@example.fi", language=language)
    member = UserFactory(email="aino@example.fi", area=area, language=language)
    event = EventFactory(
        title="Työnhakupaja Kajaanissa",
        municipality=town,
        street_address="Pohjolankatu 13",
        created_by=member,
        approved_by=manager,
    )
    services.event_register(actor=member, event=event)
    return event


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_contact_person_runs_and_cancels_their_areas_event(new_page, language):
    event = scene(language)
    staff = new_page(language=language)
    sign_in(staff, "sari@example.fi", PASSWORD)
    staff.goto("/tapahtumat/hallinta/")
    expect(staff.locator("main")).to_contain_text(event.title)
    assert_accessible(staff)

    staff.goto(f"/tapahtumat/{event.pk}/muokkaa/")
    staff.fill("input[name=venue_name]", "Kajaanin kirjasto")
    staff.click("main form button[type=submit]")
    expect(staff.locator("main")).to_contain_text("Kajaanin kirjasto")
    assert Notification.objects.filter(kind=NotificationKind.EVENT_CHANGE).count() == 1

    staff.goto(f"/tapahtumat/{event.pk}/osallistujat/")
    expect(staff.locator("main")).to_contain_text("aino@example.fi")

    staff.goto(f"/tapahtumat/{event.pk}/")
    staff.click(f"main a[href='/tapahtumat/{event.pk}/peru/']")
    assert_accessible(staff)
    staff.click("main form button[type=submit]")  # no reason given
    expect(staff.locator(".form-errors")).to_be_visible()
    assert_accessible(staff)
    assert Event.objects.get().status == Event.Status.PUBLISHED
    staff.fill("textarea[name=reason]", "Vetäjä sairastui. Uusi aika tulee pian.")
    staff.click("main form button[type=submit]")
    expect(staff.locator(".messages")).to_be_visible()
    assert Event.objects.get().status == Event.Status.CANCELLED

    member = new_page(language=language)
    sign_in(member, "aino@example.fi", PASSWORD)
    member.goto(f"/tapahtumat/{event.pk}/")
    expect(member.locator("main")).to_contain_text("Vetäjä sairastui.")
    expect(member.locator("main form")).to_have_count(0)
    assert_accessible(member)
