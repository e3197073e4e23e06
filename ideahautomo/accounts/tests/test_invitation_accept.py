from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ideahautomo.accounts import services
from ideahautomo.accounts.models import Invitation, User

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "syksyn-lehdet-putoavat-hiljaa"


@pytest.fixture
def invitation_link(send_invitation):
    _invitation, link = send_invitation()
    return link


def accept(client, link, **overrides):
    data = {
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "accept_guidelines": "on",
        "accept_privacy": "on",
    }
    data.update(overrides)
    return client.post(link, data)


def test_opening_the_link_shows_the_form_and_marks_it_opened(client, invitation_link):
    response = client.get(invitation_link)

    assert response.status_code == 200
    assert "uusi@example.fi" in response.content.decode()
    assert Invitation.objects.get().state == Invitation.State.OPENED


def test_accepting_signs_the_new_member_in_and_lands_on_the_welcome_page(client, invitation_link):
    response = accept(client, invitation_link)

    assert response.status_code == 302
    assert response["Location"] == reverse("pages:welcome")
    user = User.objects.get(email="uusi@example.fi")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.get(reverse("pages:welcome")).status_code == 200


def test_used_link_gets_a_clear_page_pointing_to_sign_in(client, invitation_link):
    accept(client, invitation_link)
    client.logout()

    response = client.get(invitation_link)

    assert response.status_code == 410
    assert response.context["reason"] == Invitation.State.ACCEPTED
    assert reverse("accounts:sign_in") in response.content.decode()
    assert accept(client, invitation_link).status_code == 410
    assert User.objects.filter(email="uusi@example.fi").count() == 1


def test_expired_link_gets_a_clear_page(client, invitation_link):
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    response = client.get(invitation_link)

    assert response.status_code == 410
    assert response.context["reason"] == Invitation.State.EXPIRED
    assert accept(client, invitation_link).status_code == 410
    assert not User.objects.filter(email="uusi@example.fi").exists()


def test_revoked_link_gets_a_clear_page(client, cast, invitation_link):
    services.invitation_revoke(actor=cast.contact_person, invitation=Invitation.objects.get())

    response = client.get(invitation_link)

    assert response.status_code == 410
    assert response.context["reason"] == Invitation.State.REVOKED


@pytest.mark.parametrize(
    "token",
    ["tampered", "a" * 43, "x" * 150, "%00%00", "abc.def~"],
)
def test_forged_or_tampered_links_get_a_clear_404_page(client, invitation_link, token):
    response = client.get(f"/kutsu/{token}/")

    assert response.status_code == 404
    assert response.context["reason"] == "unknown"


def test_one_changed_character_makes_the_link_unknown(client, invitation_link):
    token = invitation_link.split("/")[2]
    changed = ("A" if token[5] != "A" else "B").join([token[:5], token[6:]])

    response = client.get(f"/kutsu/{changed}/")

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"password2": "eri-salasana-kokonaan"}, "password2"),
        ({"password1": "salasana", "password2": "salasana"}, "password1"),
        ({"password1": "12345678901", "password2": "12345678901"}, "password1"),
        ({"accept_guidelines": ""}, "accept_guidelines"),
        ({"accept_privacy": ""}, "accept_privacy"),
    ],
)
def test_bad_input_is_explained_and_creates_nothing(client, invitation_link, overrides, field):
    response = accept(client, invitation_link, **overrides)

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not User.objects.filter(email="uusi@example.fi").exists()
    assert Invitation.objects.get().accepted_at is None


def test_a_long_pasted_passphrase_is_accepted(client, invitation_link):
    passphrase = "kolme pientä porsasta ja iso paha susi metsän laidalla " * 2
    response = accept(client, invitation_link, password1=passphrase, password2=passphrase)

    assert response.status_code == 302
    assert User.objects.get(email="uusi@example.fi").check_password(passphrase)


def test_a_signed_in_person_is_asked_to_sign_out_first(client, cast, invitation_link):
    client.force_login(cast.member)

    response = client.get(invitation_link)

    assert response.status_code == 409
    assert Invitation.objects.get().opened_at is None


def test_the_page_speaks_the_invitations_language_until_the_person_chooses(client, send_invitation):
    _invitation, link = send_invitation(email="ruotsiksi@example.fi", language="sv")

    swedish = client.get(link, HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="sv">' in swedish.content.decode()

    client.cookies["django_language"] = "uk"
    ukrainian = client.get(link)
    assert '<html lang="uk">' in ukrainian.content.decode()
