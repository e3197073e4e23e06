"""Plain Finnish (selkokieli): a fifth interface language kept like the others, its own
texts where it has them and standard Finnish everywhere else; content stays Finnish."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from ideahautomo.accounts import services as account_services
from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.factories import (
    PASSWORD,
    EmploymentAreaFactory,
    UserFactory,
    user_with_role,
)
from ideahautomo.announcements.selectors import audience
from ideahautomo.lib.language import CONTENT_LANGUAGES, PLAIN_FINNISH, content_language

pytestmark = pytest.mark.django_db


def test_the_switch_offers_plain_finnish_and_remembers_it(client):
    content = client.get(reverse("pages:home")).content.decode()
    switch = reverse("pages:set_language", args=[PLAIN_FINNISH])
    assert f'href="{switch}?next=/" lang="fi-x-selko" hreflang="fi-x-selko"' in content
    assert ">Suomi (selkokieli)</a>" in content

    response = client.get(switch, {"next": "/tutustu/"})
    assert response["Location"] == "/tutustu/"
    assert response.cookies["django_language"].value == PLAIN_FINNISH


def test_a_signed_in_persons_choice_is_saved_and_used_at_the_next_sign_in(client):
    person = UserFactory(email="selko@example.fi")
    client.force_login(person)
    client.get(reverse("pages:set_language", args=[PLAIN_FINNISH]))
    person.refresh_from_db()
    assert person.language == PLAIN_FINNISH

    client.logout()
    client.cookies.clear()
    response = client.post(
        reverse("accounts:sign_in"), {"email": "selko@example.fi", "password": PASSWORD}
    )
    assert response.cookies["django_language"].value == PLAIN_FINNISH


def test_the_settings_form_keeps_plain_finnish(client):
    person = UserFactory()
    client.force_login(person)
    response = client.post(
        reverse("accounts:settings"), {"display_name": "Aino", "language": PLAIN_FINNISH}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.language == PLAIN_FINNISH
    assert response.cookies["django_language"].value == PLAIN_FINNISH


def test_pages_in_plain_finnish_say_so_and_use_the_plain_texts(client):
    client.cookies["django_language"] = PLAIN_FINNISH
    response = client.get(reverse("pages:home"))
    content = response.content.decode()
    assert '<html lang="fi-x-selko">' in content
    assert response["Content-Language"] == PLAIN_FINNISH
    assert "Opi ja tee töitä yhdessä muiden kanssa" in content
    assert "Tarvitset tunnuksen." in content


def test_texts_without_a_plain_version_fall_back_to_standard_finnish(client):
    with translation.override(PLAIN_FINNISH):
        assert translation.gettext("No account yet?") == "Eikö sinulla ole tunnusta?"
        assert translation.gettext("Status") == "Tila"  # not rewritten: the Finnish text
        # Django's own catalogue (a variable, so that it is not copied into ours).
        djangos_own = "This field is required."
        assert translation.gettext(djangos_own) == "Tämä kenttä vaaditaan."
    client.cookies["django_language"] = PLAIN_FINNISH
    plain = client.get(reverse("pages:privacy")).content.decode()
    client.cookies["django_language"] = "fi"
    finnish = client.get(reverse("pages:privacy")).content.decode()

    def article(page):
        return page.split("<article", 1)[1].split("</article>", 1)[0]

    assert "<h1>Tietosuojaseloste</h1>" in article(plain)
    assert article(plain) == article(finnish)


def test_the_guidelines_are_written_in_plain_finnish(client):
    client.cookies["django_language"] = PLAIN_FINNISH
    content = client.get(reverse("pages:guidelines")).content.decode()
    assert "<h1>Yhteisön säännöt</h1>" in content
    assert "Olemme ystävällisiä" in content


def test_an_invitation_in_plain_finnish_is_kept_and_opens_in_plain_finnish(
    client, django_capture_on_commit_callbacks
):
    area = EmploymentAreaFactory()
    contact = user_with_role(Role.CONTACT_PERSON, area=area)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = account_services.invitation_create(
            actor=contact, email="uusi@example.fi", name="Uusi", language=PLAIN_FINNISH, area=area
        )
    invitation.refresh_from_db()
    assert invitation.language == PLAIN_FINNISH
    (message,) = mail.outbox
    assert '<html lang="fi-x-selko">' in message.alternatives[0][0]


def test_plain_finnish_is_not_a_language_of_content():
    assert PLAIN_FINNISH not in dict(CONTENT_LANGUAGES)
    assert content_language(PLAIN_FINNISH) == "fi"
    assert content_language("sv") == "sv"


def test_announcements_to_finnish_readers_reach_plain_finnish_readers_too():
    plain = UserFactory(language=PLAIN_FINNISH)
    finnish = UserFactory(language="fi")
    swedish = UserFactory(language="sv")
    assert set(audience(language="fi")) == {plain, finnish}
    assert set(audience(language="sv")) == {swedish}
    assert set(audience()) >= {plain, finnish, swedish}


def test_the_announcement_form_offers_content_languages_only(client):
    from ideahautomo.announcements.forms import AnnouncementForm

    manager = user_with_role(Role.PROJECT_MANAGER)
    form = AnnouncementForm(user=manager)
    codes = [code for code, _name in form.fields["language"].choices]
    assert codes == ["", "fi", "sv", "en", "uk"]
