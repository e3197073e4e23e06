"""Peer groups and webinar recordings in a real browser, on a phone: a partner's staff
member starts a peer group for their organisation without JavaScript, a member finds it
with the kind filter, and a registered member sees a past webinar's recording. axe-core
finds no violations on the changed pages (the circle list, a circle and its form, an
event and its form, and the organisation's page that lists its groups) in any of the
four languages."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.factories import (
    PASSWORD,
    PartnerOrganisationFactory,
    UserFactory,
    user_with_role,
)
from ideahautomo.circles import services as circle_services
from ideahautomo.circles.models import Circle
from ideahautomo.events.models import Event, Registration
from ideahautomo.events.tests.factories import EventFactory

from .conftest import LANGUAGES, assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RECORDING = "https://video.example.fi/tallenne/tekoaly"


def partner(language="fi"):
    organisation = PartnerOrganisationFactory(name="Uudenmaan Vertaiset ry")
    return user_with_role(
        Role.PARTNER,
        organisation=organisation,
        email="kumppani@example.fi",
        display_name="Leena Kumppani",
        language=language,
    )


def past_webinar(organisation, registered):
    ends = timezone.now() - timedelta(days=2)
    event = EventFactory(
        kind=Event.Kind.WEBINAR,
        title="Tekoäly työnhaussa",
        venue_name="",
        online_url="https://meet.example.fi/tekoaly",
        organisation=organisation,
        starts_at=ends - timedelta(hours=1),
        ends_at=ends,
        recording_url=RECORDING,
    )
    Registration.objects.create(event=event, user=registered, status="confirmed")
    return event


def test_partner_staff_start_a_peer_group_that_a_member_finds_by_kind(new_page):
    staff = partner()
    UserFactory(email="jasen@example.fi", display_name="Aino Jäsen")
    page = new_page(javascript=False)
    sign_in(page, "kumppani@example.fi", PASSWORD)
    page.goto("/opintopiirit/uusi/")
    page.check("input[name=kind][value=peer_group]")
    page.fill("input[name=name]", "Jaksamisen vertaisryhmä")
    page.fill("input[name=topic]", "Jaksaminen")
    page.fill("textarea[name=description]", "Jaetaan kokemuksia.")
    page.select_option("select[name=language]", "fi")
    page.check("input[name=format][value=online]")
    page.check("input[name=visibility][value=members]")
    organisation = staff.roles[Role.PARTNER].organisation
    page.select_option("select[name=organiser_organisation]", str(organisation.pk))
    page.click("main form button[type=submit]")
    expect(page.locator("main h1")).to_have_text("Jaksamisen vertaisryhmä")
    expect(page.locator("main .badge", has_text="Vertaisryhmä")).to_be_visible()
    page.goto(f"/kumppanit/{staff.roles[Role.PARTNER].organisation.pk}/")
    expect(page.locator("main .card h3")).to_have_text("Jaksamisen vertaisryhmä")
    page.go_back()
    organiser_link = page.locator("main a", has_text="Uudenmaan Vertaiset ry")
    expect(organiser_link).to_have_attribute("href", f"/kumppanit/{organisation.pk}/")
    group = Circle.objects.get(name="Jaksamisen vertaisryhmä")
    assert group.organiser_organisation == organisation

    circle_services.circle_create(
        actor=UserFactory(),
        name="Suomen kielen piiri",
        topic="Suomi",
        description="Opiskellaan.",
        language="fi",
        format=Circle.Format.ONLINE,
        visibility=Circle.Visibility.MEMBERS,
    )
    member = new_page(javascript=False)
    sign_in(member, "jasen@example.fi", PASSWORD)
    member.goto("/opintopiirit/")
    member.locator("main details.filter-panel > summary").click()
    member.select_option("select[name=laji]", "peer_group")
    member.click("main form[role=search] button[type=submit]")
    expect(member.locator("main .card h3")).to_have_count(1)
    member.locator("main .card h3 a", has_text="Jaksamisen vertaisryhmä").click()
    expect(member.locator("main h1")).to_have_text("Jaksamisen vertaisryhmä")


def test_a_registered_member_sees_a_past_webinars_recording(new_page):
    member = UserFactory(email="jasen@example.fi", display_name="Aino Jäsen")
    UserFactory(email="toinen@example.fi")
    event = past_webinar(PartnerOrganisationFactory(), member)

    page = new_page(javascript=False)
    sign_in(page, "jasen@example.fi", PASSWORD)
    page.goto(event.get_absolute_url())
    expect(page.locator(f"main a[href='{RECORDING}']")).to_be_visible()

    other = new_page(javascript=False)
    sign_in(other, "toinen@example.fi", PASSWORD)
    other.goto(event.get_absolute_url())
    expect(other.locator(f"main a[href='{RECORDING}']")).to_have_count(0)


@pytest.mark.parametrize("language", LANGUAGES)
def test_peer_group_and_recording_pages_are_accessible(new_page, language):
    staff = partner(language)
    organisation = staff.roles[Role.PARTNER].organisation
    member = UserFactory(email="jasen@example.fi", display_name="Aino Jäsen", language=language)
    group = circle_services.circle_create(
        actor=staff,
        kind=Circle.Kind.PEER_GROUP,
        organiser_organisation=organisation,
        name="Jaksamisen vertaisryhmä",
        topic="Jaksaminen",
        description="Jaetaan kokemuksia.",
        language="fi",
        format=Circle.Format.ONLINE,
        visibility=Circle.Visibility.PUBLIC,
    )
    event = past_webinar(organisation, member)

    guest = new_page(language=language)
    for path in [
        "/opintopiirit/?laji=peer_group",
        group.get_absolute_url(),
        event.get_absolute_url(),
        f"/kumppanit/{organisation.pk}/",
    ]:
        guest.goto(path)
        expect(guest.locator("main h1")).to_be_visible()
        assert_accessible(guest)

    page = new_page(language=language)
    sign_in(page, "kumppani@example.fi", PASSWORD)
    for path in [
        "/opintopiirit/uusi/",
        f"/opintopiirit/{group.pk}/muokkaa/",
        f"/tapahtumat/{event.pk}/muokkaa/",
    ]:
        page.goto(path)
        expect(page.locator("main form")).to_be_visible()
        assert_accessible(page)
    page.goto("/opintopiirit/uusi/")
    page.check("input[name=kind][value=virtual_group]")
    page.check("input[name=format][value=in_person]")
    page.click("main form button[type=submit]")
    page.locator(".form-errors").first.wait_for()
    assert_accessible(page)

    reader = new_page(language=language)
    sign_in(reader, "jasen@example.fi", PASSWORD)
    reader.goto(event.get_absolute_url())
    expect(reader.locator(f"main a[href='{RECORDING}']")).to_be_visible()
    assert_accessible(reader)
