"""Partner organisations and the service map in a real browser: the journeys without
JavaScript, and axe-core finding no violations in every language on a phone."""

from datetime import date, time

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from ideahautomo.accounts.models import Municipality, PartnerOrganisation, Role, User
from ideahautomo.accounts.tests.factories import (
    PASSWORD,
    EmploymentAreaFactory,
    PartnerOrganisationFactory,
    UserFactory,
    user_with_role,
)
from ideahautomo.services import services
from ideahautomo.services.models import Service
from ideahautomo.services.tests.factories import image_bytes, service_for

from .conftest import LANGUAGES, assert_accessible, link_from, open_menu, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NEW_PASSWORD = "iltapäivän-aurinko-kirjaston-portailla"


@pytest.fixture
def scene(db):
    area = EmploymentAreaFactory(name="Helsingin testialue")
    manager = user_with_role(Role.PROJECT_MANAGER, email="pp@example.fi")
    organisation = PartnerOrganisationFactory(
        name="Kierrätyskeskus ry", municipality=Municipality.objects.get(code="091")
    )
    services.organisation_update(
        actor=manager,
        organisation=organisation,
        name="Kierrätyskeskus ry",
        kind=PartnerOrganisation.Kind.ASSOCIATION,
        description="Autamme **työnhaussa** ja vapaaehtoistyössä.\n\n- neuvonta\n- kahvi",
        municipality=organisation.municipality,
        municipalities_served=[Municipality.objects.get(code="049")],
        contact_email="info@example.fi",
        contact_phone="+358 40 123 4567",
        website="https://example.fi/",
    )
    services.organisation_set_logo(
        actor=manager,
        organisation=organisation,
        upload=SimpleUploadedFile("logo.png", image_bytes((300, 120))),
    )
    PartnerOrganisationFactory(name="Espoon opisto", kind=PartnerOrganisation.Kind.SCHOOL)
    user_with_role(Role.PARTNER, organisation=organisation, email="kumppani@example.fi")
    return {"area": area, "organisation": organisation}


def test_project_manager_invites_partner_staff_who_fill_in_the_page(new_page, scene):
    organisation = scene["organisation"]
    manager = new_page(javascript=False)
    sign_in(manager, "pp@example.fi", PASSWORD)
    manager.goto("/tyollisyyspalvelut/kutsut/uusi/")
    manager.fill("input[name=name]", "Pia Kumppani")
    manager.fill("input[name=email]", "pia@example.fi")
    manager.select_option("select[name=role]", "partner")
    manager.select_option("select[name=area]", str(scene["area"].pk))
    manager.click("text=Lähetä kutsu")
    manager.wait_for_load_state()
    expect(manager.locator("#id_organisation_errors")).to_be_visible()
    manager.select_option("select[name=organisation]", str(organisation.pk))
    manager.click("text=Lähetä kutsu")
    manager.wait_for_load_state()
    expect(manager.locator(".messages")).to_contain_text("pia@example.fi")

    partner = new_page(javascript=False)
    partner.goto(link_from(mail.outbox[-1].body))
    partner.fill("input[name=password1]", NEW_PASSWORD)
    partner.fill("input[name=password2]", NEW_PASSWORD)
    partner.check("input[name=accept_guidelines]")
    partner.check("input[name=accept_privacy]")
    partner.click("main button[type=submit]")
    partner.wait_for_load_state()
    assert User.objects.get(email="pia@example.fi").roles[Role.PARTNER].organisation_id == (
        organisation.pk
    )

    open_menu(partner)
    partner.click(".site-nav >> text=Palvelut")
    partner.wait_for_load_state()
    partner.click("text=Organisaatiosi sivu")
    partner.wait_for_load_state()
    partner.click("text=Muokkaa sivua")
    partner.wait_for_load_state()
    partner.fill("input[name=website]", "http://example.fi/")
    partner.click("main button[type=submit]")
    partner.wait_for_load_state()
    expect(partner.locator("#id_website_errors")).to_contain_text("https://")
    partner.fill("input[name=website]", "https://kierratys.example.fi/")
    partner.fill("textarea[name=description]", "Tule **käymään**!")
    partner.click("main button[type=submit]")
    partner.wait_for_load_state()
    assert partner.locator("h1").inner_text() == "Kierrätyskeskus ry"
    assert partner.locator(".description strong").inner_text() == "käymään"
    expect(partner.locator(".facts")).to_contain_text("https://kierratys.example.fi/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_organisation_pages_are_accessible(new_page, language, scene):
    organisation = scene["organisation"]
    page = new_page(language=language)
    for path in [
        "/kumppanit/",
        "/kumppanit/?tyyppi=school",
        f"/kumppanit/{organisation.pk}/",
    ]:
        page.goto(path)
        assert_accessible(page)

    sign_in(page, "kumppani@example.fi", PASSWORD)
    for path in [
        "/kumppanit/",
        f"/kumppanit/{organisation.pk}/muokkaa/",
        f"/kumppanit/{organisation.pk}/logo/",
    ]:
        page.goto(path)
        assert_accessible(page)
    page.goto(f"/kumppanit/{organisation.pk}/muokkaa/")
    page.fill("input[name=name]", "")
    page.click("main button[type=submit]")
    expect(page.locator(".form-errors")).to_be_visible()
    assert_accessible(page)

    staff = new_page(language=language)
    sign_in(staff, "pp@example.fi", PASSWORD)
    for path in ["/kumppanit/uusi/", "/tyollisyyspalvelut/kutsut/uusi/"]:
        staff.goto(path)
        assert_accessible(staff)


def test_partner_adds_a_drop_in_service_with_weekly_hours(new_page, scene):
    organisation = scene["organisation"]
    page = new_page(javascript=False)
    sign_in(page, "kumppani@example.fi", PASSWORD)
    page.goto(f"/kumppanit/{organisation.pk}/")
    page.click("text=Lisää palvelu")
    page.wait_for_load_state()
    page.fill("input[name=title]", "Työnhakukahvila")
    page.fill("input[name=summary]", "Tule kysymään työnhausta kahvin äärellä.")
    page.check("input[name=needs][value=job_search]")
    page.check("input[name=languages][value=uk]")
    page.check("input[name=channels][value=walk_in]")
    page.check("input[name=is_drop_in]")
    page.fill("input[name=street_address]", "Kahvikuja 1")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "aukioloajat" in page.url

    page.select_option("select[name=weekday]", "0")
    page.fill("input[name=opens]", "15:00")
    page.fill("input[name=closes]", "09:00")
    page.locator("form.card button[type=submit]").first.click()
    page.wait_for_load_state()
    expect(page.locator(".form-errors")).to_contain_text("myöhemmin kuin avaamisajan")
    page.fill("input[name=opens]", "09:00")
    page.fill("input[name=closes]", "15:00")
    page.locator("form.card button[type=submit]").first.click()
    page.wait_for_load_state()
    expect(page.locator(".hours-list")).to_contain_text("Maanantai")

    page.click("text=Takaisin palveluun")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Työnhakukahvila"
    expect(page.locator(".service-when")).to_contain_text("Voi tulla ilman ajanvarausta")
    service = Service.objects.get(title="Työnhakukahvila")
    assert service.is_drop_in and service.hours.count() == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_service_pages_are_accessible(new_page, language, scene):
    organisation = scene["organisation"]
    service = service_for(
        organisation,
        title="Työnhakukahvila",
        description="Kahvia ja **apua**.",
        is_drop_in=True,
        languages=["fi", "uk"],
    )
    services.opening_hours_add(
        actor=service.organisation.role_assignments.first().user,
        service=service,
        weekday=0,
        opens=time(9),
        closes=time(15),
    )
    page = new_page(language=language)
    for path in [f"/kumppanit/{organisation.pk}/", f"/palvelut/{service.pk}/"]:
        page.goto(path)
        assert_accessible(page)

    sign_in(page, "kumppani@example.fi", PASSWORD)
    for path in [
        f"/palvelut/{service.pk}/",
        f"/palvelut/{service.pk}/muokkaa/",
        f"/palvelut/{service.pk}/aukioloajat/",
        f"/kumppanit/{organisation.pk}/palvelut/uusi/",
    ]:
        page.goto(path)
        assert_accessible(page)
    page.goto(f"/palvelut/{service.pk}/aukioloajat/")
    page.fill("input[name=opens]", "12:00")
    page.fill("input[name=closes]", "10:00")
    page.locator("form.card button[type=submit]").first.click()
    page.wait_for_load_state()
    expect(page.locator(".form-errors")).to_be_visible()
    assert_accessible(page)

    staff = new_page(language=language)
    sign_in(staff, "pp@example.fi", PASSWORD)
    Service.objects.filter(pk=service.pk).update(last_checked_on=date(2020, 1, 1))
    staff.goto("/palvelut/tarkistettavat/")
    assert_accessible(staff)


@pytest.fixture
def map_scene(scene):
    organisation = scene["organisation"]
    drop_in = service_for(
        organisation,
        title="TyöParkki",
        summary="Työnhakupiste ilman ajanvarausta.",
        is_drop_in=True,
        needs=["job_search", "benefits"],
        languages=["fi", "uk"],
        latitude="60.17960",
        longitude="24.95090",
    )
    for weekday in range(7):
        services.opening_hours_add(
            actor=organisation.role_assignments.first().user,
            service=drop_in,
            weekday=weekday,
            opens=time(0, 1),
            closes=time(23, 59),
        )
    service_for(organisation, title="Yritysneuvonta", needs=["business"])
    service_for(
        organisation,
        title="Tampereen piste",
        municipality=Municipality.objects.get(code="837"),
    )
    return {**scene, "drop_in": drop_in}


def test_member_finds_an_open_drop_in_service_by_need_and_municipality(new_page, map_scene):
    user_with_role(
        Role.MEMBER,
        email="jasen@example.fi",
        municipality=Municipality.objects.get(code="091"),
    )
    page = new_page(javascript=False)
    sign_in(page, "jasen@example.fi", PASSWORD)
    open_menu(page)
    page.click(".site-nav >> text=Palvelut")
    page.wait_for_load_state()
    assert "Helsinki" in page.locator("main .muted").first.inner_text()
    page.select_option("select[name=tarve]", "job_search")
    page.select_option("select[name=auki]", "now")
    page.click("main form.filters button[type=submit]")
    page.wait_for_load_state()
    cards = page.locator(".service-card")
    assert cards.count() == 1
    assert "Auki nyt" in cards.first.inner_text()
    page.click("text=TyöParkki")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "TyöParkki"
    expect(page.locator(".facts")).to_contain_text("ukraina")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_service_map_is_accessible(new_page, language, map_scene, settings):
    page = new_page(language=language)
    for path in [
        "/palvelut/",
        "/palvelut/?tarve=job_search&auki=now&ilman_ajanvarausta=on",
        "/palvelut/?haku=ei-mitaan",
    ]:
        page.goto(path)
        assert_accessible(page)
    settings.SERVICE_MAP_TILE_URL = "https://127.0.0.1:9/{z}/{x}/{y}.png"
    page.goto("/palvelut/")
    page.wait_for_selector(".leaflet-marker-icon")
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_contact_person_sends_a_service_to_a_client(new_page, map_scene, language):
    """The referral form, its refusal and the client's notification pass axe in every language."""
    area = map_scene["area"]
    user_with_role(Role.CONTACT_PERSON, area=area, email="yhteys@example.fi")
    client = UserFactory(area=area, email="asiakas@example.fi", language=language)
    service = map_scene["drop_in"]
    page = new_page(language=language)
    sign_in(page, "yhteys@example.fi", PASSWORD)
    page.goto(service.get_absolute_url())
    page.click(f"a[href='/palvelut/{service.pk}/suosittele/']")
    page.wait_for_load_state()
    assert_accessible(page)
    page.fill("input[name=client_email]", "ei-asiakas@example.fi")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".errorlist, .form-errors").count() > 0
    assert_accessible(page)
    page.fill("input[name=client_email]", client.email)
    page.fill("textarea[name=note]", "Käy tiistaina!")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith(service.get_absolute_url())

    reader = new_page(language=language)
    sign_in(reader, client.email, PASSWORD)
    reader.goto("/ilmoitukset/")
    expect(reader.locator("main")).to_contain_text("Käy tiistaina!")
    assert_accessible(reader)

    # The client passes it on to someone they talk with.
    from ideahautomo.messaging.tests.helpers import conversation

    conversation(UserFactory(display_name="Bertta Ystävä", area=area), client)
    reader.goto(service.get_absolute_url())
    assert_accessible(reader)
    reader.select_option("select[name=kenelle]", label="Bertta Ystävä")
    reader.click("form.share-form button[type=submit]")
    reader.wait_for_load_state()
    expect(reader.locator("main")).to_contain_text("Bertta Ystävä")
    assert reader.input_value("textarea[name=body]").endswith(f"/palvelut/{service.pk}/")
    assert_accessible(reader)
