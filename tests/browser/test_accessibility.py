"""axe-core finds no violations on any page, in any language, on a phone-sized screen."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from ideahautomo.accounts import services
from ideahautomo.accounts.models import Role, SignUpRequest
from ideahautomo.accounts.tests.factories import (
    PASSWORD,
    EmploymentAreaFactory,
    InvitationFactory,
    UserFactory,
    user_with_role,
)

from .conftest import WITH_PLAIN_FINNISH, assert_accessible, link_from, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LANGUAGES = WITH_PLAIN_FINNISH

GUEST_PAGES = [
    "/",
    "/tutustu/",
    "/yhteisoohjeet/",
    "/tietosuoja/",
    "/saavutettavuus/",
    "/kirjaudu/",
    "/salasana/unohtui/",
    "/salasana/lahetetty/",
    "/salasana/uusi/MQ/vaara-tunniste/",
    "/kutsu/tuntematon-linkki/",
    "/ei-ole-olemassa/",
]
MEMBER_PAGES = ["/", "/tervetuloa/", "/tili/", "/tili/salasana/", "/tili/poista/"]
CONTACT_PERSON_PAGES = [
    "/",
    "/tyollisyyspalvelut/kutsut/",
    "/tyollisyyspalvelut/kutsut/?tila=expired",
    "/tyollisyyspalvelut/kutsut/uusi/",
    "/tyollisyyspalvelut/kutsut/tiedosto/",
    "/tyollisyyspalvelut/rekisteroitymiset/",
    "/tili/kaksivaiheinen/",
]
PROJECT_MANAGER_PAGES = ["/hallinta/alueet/", "/tyollisyyspalvelut/kutsut/uusi/"]


@pytest.fixture
def people(db):
    area = EmploymentAreaFactory(name="Helsingin testialue")
    contact = user_with_role(
        Role.CONTACT_PERSON, area=area, email="yhteys@example.fi", display_name="Sari Yhteys"
    )
    InvitationFactory.create_batch(3, area=area, invited_by=contact)
    applicant = UserFactory(roles=[], is_active=False, area=area, display_name="Hakija")
    SignUpRequest.objects.create(user=applicant, message="Haluan mukaan.")
    return {
        "area": area,
        "member": UserFactory(email="jasen@example.fi", display_name="Aino Jäsen", area=area),
        "contact_person": contact,
        "project_manager": user_with_role(Role.PROJECT_MANAGER, email="pp@example.fi"),
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_guest_pages(new_page, language, people):
    page = new_page(language=language)
    for path in GUEST_PAGES:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_form_errors_and_invitation_pages(new_page, language, people):
    page = new_page(language=language)
    page.goto("/kirjaudu/")
    page.fill("input[name=email]", "jasen@example.fi")
    page.fill("input[name=password]", "väärin")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    page.locator(".form-errors").first.wait_for()
    assert_accessible(page)

    services.invitation_create(
        actor=people["contact_person"],
        email=f"uusi-{language}@example.fi",
        name="Uusi Jäsen",
        language=language,
        area=people["area"],
    )
    page.goto(link_from(mail.outbox[-1].body))
    assert_accessible(page)
    page.fill("input[name=password1]", "lyhyt")
    page.fill("input[name=password2]", "eri")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    page.locator(".field-error").first.wait_for()
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_member_pages(new_page, language, people):
    page = new_page(language=language)
    sign_in(page, "jasen@example.fi", PASSWORD)
    for path in MEMBER_PAGES:
        page.goto(path)
        assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_contact_person_pages(new_page, language, people, tmp_path):
    page = new_page(language=language)
    sign_in(page, "yhteys@example.fi", PASSWORD)
    for path in CONTACT_PERSON_PAGES:
        page.goto(path)
        assert_accessible(page)

    page.goto("/tyollisyyspalvelut/kutsut/uusi/")
    page.click("main button[type=submit] >> nth=0")
    page.wait_for_load_state()
    page.locator(".form-errors").first.wait_for()
    assert_accessible(page)

    bad = tmp_path / "virheet.csv"
    bad.write_text("Eka;eka@example.fi;fi\nToka;rikki;fi\nKolmas;eka@example.fi;de\n")
    page.goto("/tyollisyyspalvelut/kutsut/tiedosto/")
    page.set_input_files("input[type=file]", str(bad))
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    page.locator("table").first.wait_for()
    assert_accessible(page)

    good = tmp_path / "kunnossa.csv"
    good.write_text(f"Eka;eka-{language}@example.fi;fi\nToka;toka-{language}@example.fi;uk\n")
    page.set_input_files("input[type=file]", str(good))
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    expect(page.locator("input[name=preview]")).to_have_count(1)
    assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_project_manager_pages(new_page, language, people):
    page = new_page(language=language)
    sign_in(page, "pp@example.fi", PASSWORD)
    for path in PROJECT_MANAGER_PAGES:
        page.goto(path)
        assert_accessible(page)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_check_itself_catches_a_violation(page):
    page.set_content('<html lang="fi"><body><main><img src="x.png"></main></body></html>')
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)
