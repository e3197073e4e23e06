import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("fi", "Yhteisöohjeet"),
        ("sv", "Gemenskapens riktlinjer"),
        ("en", "Community guidelines"),
        ("uk", "Правила спільноти"),
    ],
)
def test_guidelines_are_written_in_each_language(client, language, heading):
    client.cookies["django_language"] = language
    response = client.get(reverse("pages:guidelines"))
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
    assert heading in response.content.decode()


@pytest.mark.parametrize("url_name", ["pages:privacy", "pages:accessibility"])
@pytest.mark.parametrize("language", ["fi", "sv", "en", "uk"])
def test_privacy_and_accessibility_pages_exist_in_each_language(client, url_name, language):
    client.cookies["django_language"] = language
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert "tuki@ideahautomo.fi" in response.content.decode()


def test_guest_front_page_leads_to_the_tour_and_sign_in(client):
    content = client.get(reverse("pages:home")).content.decode()
    assert reverse("pages:tour") in content
    assert reverse("accounts:sign_in") in content


def test_member_front_page_greets_by_name_and_hides_staff_links(client, cast):
    client.force_login(cast.member)
    content = client.get(reverse("pages:home")).content.decode()
    assert "Aino Jäsen" in content
    assert reverse("accounts:invitation_list") not in content


def test_contact_person_front_page_offers_ordering_accounts(cast, client_for):
    content = client_for(cast.contact_person).get(reverse("pages:home")).content.decode()
    assert reverse("accounts:invitation_create") in content


def test_language_switch_sets_the_cookie_and_returns_to_the_page(client):
    response = client.get(reverse("pages:set_language", args=["uk"]), {"next": "/tutustu/"})
    assert response.status_code == 302
    assert response["Location"] == "/tutustu/"
    assert response.cookies["django_language"].value == "uk"


def test_language_switch_remembers_a_signed_in_persons_choice(client, cast):
    client.force_login(cast.member)
    client.get(reverse("pages:set_language", args=["sv"]))
    cast.member.refresh_from_db()
    assert cast.member.language == "sv"


@pytest.mark.parametrize("language", ["de", "xx", "<script>"])
def test_unknown_language_changes_nothing(client, cast, language):
    client.force_login(cast.member)
    response = client.get(f"/kieli/{language}/")
    assert response.status_code in (302, 404)
    assert "django_language" not in response.cookies
    cast.member.refresh_from_db()
    assert cast.member.language == "fi"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]
)
def test_language_switch_never_redirects_outside(client, target):
    response = client.get(reverse("pages:set_language", args=["en"]), {"next": target})
    assert response["Location"] == "/"


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/ei-ole-olemassa/")
    assert response.status_code == 404
    assert "<h1>" in response.content.decode()


def test_finnish_is_the_default_whatever_the_browser_prefers(client):
    response = client.get(reverse("pages:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="fi">' in response.content.decode()
    assert response["Content-Language"] == "fi"


def test_every_page_names_an_icon_and_the_old_icon_address_leads_to_it(client):
    html = client.get(reverse("pages:home")).content.decode()
    assert 'rel="icon"' in html and "favicon.svg" in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
