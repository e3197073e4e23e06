"""axe-core finds no violations on the events pages, in Finnish and English, on a phone."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.factories import (
    PASSWORD,
    UserFactory,
    user_with_role,
)
from ideahautomo.events import services
from ideahautomo.events.models import Event, Registration
from ideahautomo.events.tests.factories import EventFactory

from .conftest import WITH_PLAIN_FINNISH, assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LANGUAGES = WITH_PLAIN_FINNISH


@pytest.fixture
def scene(db):
    manager = user_with_role(Role.PROJECT_MANAGER, email="pp@example.fi")
    member = UserFactory(email="jasen@example.fi", display_name="Aino Jäsen")
    now = timezone.localtime()
    upcoming = EventFactory(
        title="Ideahautomo-ilta",
        description="**Tervetuloa** verkostoitumaan.\n\n- kahvia\n- ideoita",
        street_address="Turunlinnantie 1",
        capacity=2,
        ask_dietary_needs=True,
        ask_accessibility_needs=True,
        created_by=manager,
        starts_at=now + timedelta(days=2),
    )
    EventFactory(
        title="Webinaari",
        kind=Event.Kind.WEBINAR,
        venue_name="",
        online_url="https://meet.example.fi/x",
        starts_at=now + timedelta(days=1),
    )
    EventFactory(title="TyöParkki", kind=Event.Kind.DROP_IN, capacity=None)
    services.event_create(
        actor=member,
        kind=Event.Kind.NETWORKING,
        title="Kävelykerho",
        description="Ehdotus",
        starts_at=now + timedelta(days=9),
        ends_at=now + timedelta(days=9, hours=1),
        venue_name="Keskuspuisto",
    )
    past = EventFactory(title="Mennyt työpaja", created_by=manager, capacity=10)
    others = UserFactory.create_batch(5)
    for person in [member, *others]:
        services.event_register(actor=person, event=past)
    Event.objects.filter(pk=past.pk).update(
        starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=2) + timedelta(hours=2)
    )
    Registration.objects.filter(event=past).update(attended=True)
    for index, person in enumerate(others):
        services.feedback_give(actor=person, event=past, mood=1 + index, comment=f"Palaute {index}")
    services.event_register(actor=member, event=upcoming)
    services.calendar_feed_enable(user=member)
    return {"upcoming": upcoming, "past": past}


@pytest.mark.parametrize("language", LANGUAGES)
def test_guest_events_pages(new_page, language, scene):
    page = new_page(language=language)
    for path in [
        "/tapahtumat/",
        "/tapahtumat/?tyyppi=workshop&vapaita=1",
        "/tapahtumat/kalenteri/",
        "/tapahtumat/menneet/",
        f"/tapahtumat/{scene['upcoming'].pk}/",
    ]:
        page.goto(path)
        assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_member_events_pages(new_page, language, scene):
    page = new_page(language=language)
    sign_in(page, "jasen@example.fi", PASSWORD)
    for path in [
        "/tapahtumat/",
        f"/tapahtumat/{scene['upcoming'].pk}/",
        "/tapahtumat/omat/",
        "/tapahtumat/uusi/",
        f"/tapahtumat/{scene['past'].pk}/palaute/",
    ]:
        page.goto(path)
        assert_accessible(page)
    page.goto(f"/tapahtumat/{scene['past'].pk}/palaute/")
    page.click("main button[type=submit]")
    expect(page.locator(".form-errors")).to_be_visible()
    assert_accessible(page)
    page.goto("/tapahtumat/uusi/")
    page.click("main button[type=submit]")
    expect(page.locator(".form-errors")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_organiser_events_pages(new_page, language, scene):
    page = new_page(language=language)
    sign_in(page, "pp@example.fi", PASSWORD)
    for path in [
        "/tapahtumat/hallinta/",
        f"/tapahtumat/{scene['upcoming'].pk}/osallistujat/",
        f"/tapahtumat/{scene['past'].pk}/osallistujat/",
        f"/tapahtumat/{scene['upcoming'].pk}/muokkaa/",
        "/tapahtumat/uusi/",
    ]:
        page.goto(path)
        assert_accessible(page)
