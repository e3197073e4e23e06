"""Two-step sign-in: turning it on only after proving more than the password, turning it
off only with the password and a current code."""

import base64
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ideahautomo.accounts import services
from ideahautomo.accounts.models import AuditEvent, Role, TwoFactorEnrolmentLink, User

from .factories import PASSWORD, authenticator_for, current_code, user_with_role

pytestmark = pytest.mark.django_db

SETUP = reverse("accounts:two_factor")
SEND_LINK = reverse("accounts:two_factor_link_request")
LINK = re.compile(r"http://testserver(/tili/kaksivaiheinen/linkki/[^/\s]+/)")


@pytest.fixture
def newcomer(cast):
    """A contact person who has signed in with the password but has no authenticator yet."""
    return user_with_role(
        Role.CONTACT_PERSON,
        area=cast.area,
        email="uusi.yhteys@example.fi",
        language="sv",
        authenticator=False,
    )


def signed_in(client, user):
    client.post(reverse("accounts:sign_in"), {"email": user.email, "password": PASSWORD})
    assert int(client.session["_auth_user_id"]) == user.pk
    return client


def key_shown(page):
    secret = re.search(r'class="secret">([A-Z2-7 ]+)<', page.content.decode()).group(1)
    secret = secret.replace(" ", "")
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


def enrolment_link(client, capture):
    with capture(execute=True):
        client.post(SEND_LINK)
    return LINK.search(mail.outbox[-1].body).group(1)


# Turning it on


def test_a_password_alone_cannot_bind_an_authenticator(client, newcomer):
    signed_in(client, newcomer)

    page = client.get(SETUP)
    assert page.status_code == 200
    content = page.content.decode()
    assert "<svg" not in content and 'class="secret"' not in content
    assert SEND_LINK in content

    client.post(SETUP, {"code": "123456"})
    assert not TOTPDevice.objects.filter(user=newcomer).exists()
    assert client.get(reverse("accounts:invitation_list"))["Location"] == SETUP


def test_opening_the_setup_page_creates_no_device(client, cast):
    client.force_login(cast.moderator)
    assert client.get(SETUP).status_code == 200
    assert not TOTPDevice.objects.filter(user=cast.moderator).exists()


def test_the_e_mailed_link_lets_this_session_bind_an_authenticator(
    client, newcomer, django_capture_on_commit_callbacks
):
    signed_in(client, newcomer)
    link = enrolment_link(client, django_capture_on_commit_callbacks)
    message = mail.outbox[-1]
    assert message.to == ["uusi.yhteys@example.fi"]
    assert message.body.startswith("Hej")  # in the person's own language
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 43
    assert token not in TwoFactorEnrolmentLink.objects.get().token_hash

    opened = client.get(link)
    assert opened["Location"] == SETUP
    page = client.get(SETUP)
    assert "<svg" in page.content.decode()
    assert not TOTPDevice.objects.filter(user=newcomer).exists()

    key = key_shown(page)
    wrong = client.post(SETUP, {"code": "000000"})
    assert wrong.context["form"].errors["code"]
    assert not TOTPDevice.objects.filter(user=newcomer).exists()
    right = client.post(SETUP, {"code": f"{totp(key):06d}"})

    assert right.status_code == 302
    device = TOTPDevice.objects.get(user=newcomer)
    assert device.confirmed and device.bin_key == key
    assert AuditEvent.objects.filter(action="two_factor.enabled", object_id=str(newcomer.pk))
    assert client.get(reverse("accounts:invitation_list")).status_code == 200


def test_the_link_works_once(client, newcomer, django_capture_on_commit_callbacks):
    signed_in(client, newcomer)
    link = enrolment_link(client, django_capture_on_commit_callbacks)
    client.get(link)
    session = client.session
    del session["two_factor_enrolment"]
    session.save()

    again = client.get(link)

    assert again.status_code == 410
    assert "<svg" not in client.get(SETUP).content.decode()


def test_the_link_expires_after_half_an_hour(client, newcomer, django_capture_on_commit_callbacks):
    signed_in(client, newcomer)
    link = enrolment_link(client, django_capture_on_commit_callbacks)
    TwoFactorEnrolmentLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    assert client.get(link).status_code == 410
    assert "<svg" not in client.get(SETUP).content.decode()


def test_a_newer_link_replaces_the_older_one(client, newcomer, django_capture_on_commit_callbacks):
    signed_in(client, newcomer)
    first = enrolment_link(client, django_capture_on_commit_callbacks)
    second = enrolment_link(client, django_capture_on_commit_callbacks)

    assert client.get(first).status_code == 410
    assert client.get(second)["Location"] == SETUP


def test_the_link_opened_signed_out_asks_for_the_password_and_stays_usable(
    client, newcomer, django_capture_on_commit_callbacks
):
    signed_in(client, newcomer)
    link = enrolment_link(client, django_capture_on_commit_callbacks)
    client.logout()

    response = client.get(link)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))
    assert TwoFactorEnrolmentLink.objects.exists()
    signed_in(client, newcomer)
    assert client.get(link)["Location"] == SETUP
    assert "<svg" in client.get(SETUP).content.decode()


def test_someone_elses_link_does_nothing(
    client, cast, newcomer, django_capture_on_commit_callbacks
):
    signed_in(client, newcomer)
    link = enrolment_link(client, django_capture_on_commit_callbacks)
    client.logout()
    other = user_with_role(Role.PROJECT_MANAGER, email="toinen.pp@example.fi", authenticator=False)
    signed_in(client, other)

    assert client.get(link).status_code == 410
    assert "<svg" not in client.get(SETUP).content.decode()
    assert TwoFactorEnrolmentLink.objects.filter(user=newcomer).exists()


def test_enrolment_links_are_limited_to_three_an_hour(
    client, newcomer, django_capture_on_commit_callbacks
):
    signed_in(client, newcomer)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            client.post(SEND_LINK)
        refused = client.post(SEND_LINK, follow=True)

    assert len(mail.outbox) == 3
    [error] = [m.message for m in refused.context["messages"] if m.level_tag == "error"]
    assert "3" in error


def test_accepting_a_staff_invitation_lets_that_session_set_up_two_step_sign_in(
    client, cast, send_invitation
):
    _invitation, link = send_invitation(
        actor=cast.project_manager, area=cast.other_area, role=Role.CONTACT_PERSON
    )
    client.post(
        link,
        {
            "password1": "syksyn-lehdet-putoavat-hiljaa",
            "password2": "syksyn-lehdet-putoavat-hiljaa",
            "accept_guidelines": "on",
            "accept_privacy": "on",
        },
    )

    assert client.get(reverse("pages:welcome"))["Location"] == SETUP
    page = client.get(SETUP)
    assert "<svg" in page.content.decode()
    client.post(SETUP, {"code": f"{totp(key_shown(page)):06d}"})
    user = User.objects.get(email="uusi@example.fi")
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_the_allowance_to_set_up_ends_after_half_an_hour(
    client, newcomer, django_capture_on_commit_callbacks
):
    signed_in(client, newcomer)
    client.get(enrolment_link(client, django_capture_on_commit_callbacks))
    session = client.session
    session["two_factor_enrolment"]["until"] -= 31 * 60
    session.save()

    assert "<svg" not in client.get(SETUP).content.decode()


def test_enabling_twice_is_refused(cast):
    authenticator_for(cast.moderator)
    with pytest.raises(ValidationError):
        services.two_factor_enable(user=cast.moderator, key="00" * 20, code="123456")


# Turning it off


def test_turning_off_needs_the_password_and_a_current_code(cast, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = authenticator_for(cast.moderator)

    with pytest.raises(ValidationError) as wrong_password:
        services.two_factor_disable(
            user=cast.moderator, password="väärä-salasana", code=current_code(device)
        )
    assert "password" in wrong_password.value.message_dict
    with pytest.raises(ValidationError) as wrong_code:
        services.two_factor_disable(user=cast.moderator, password=PASSWORD, code="000000")
    assert "code" in wrong_code.value.message_dict
    assert TOTPDevice.objects.filter(user=cast.moderator).exists()

    device.refresh_from_db()
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    services.two_factor_disable(user=cast.moderator, password=PASSWORD, code=current_code(device))

    assert not TOTPDevice.objects.filter(user=cast.moderator).exists()
    assert AuditEvent.objects.filter(action="two_factor.disabled").exists()


def test_turning_off_through_the_page_keeps_this_session_and_ends_the_others(cast, client_for):
    from django.test import Client

    device = authenticator_for(cast.moderator)
    other_device = Client()
    other_device.force_login(cast.moderator)
    client = client_for(cast.moderator)
    on_page = client.get(SETUP)
    assert 'name="password"' in on_page.content.decode()

    missing = client.post(reverse("accounts:two_factor_disable"), {"password": PASSWORD})
    assert missing.status_code == 200
    assert missing.context["form"].errors["code"]
    assert TOTPDevice.objects.filter(user=cast.moderator).exists()

    response = client.post(
        reverse("accounts:two_factor_disable"),
        {"password": PASSWORD, "code": current_code(device)},
    )

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=cast.moderator).exists()
    assert client.get(reverse("accounts:settings")).status_code == 200
    assert other_device.get(reverse("accounts:settings")).status_code == 302


@pytest.mark.parametrize("role", ["contact_person", "project_manager", "administrator"])
def test_staff_who_must_use_two_step_sign_in_cannot_turn_it_off(cast, client_for, role):
    person = getattr(cast, role)
    device = authenticator_for(person)
    client = client_for(person)
    assert 'name="password"' not in client.get(SETUP).content.decode()

    client.post(
        reverse("accounts:two_factor_disable"), {"password": PASSWORD, "code": current_code(device)}
    )

    assert TOTPDevice.objects.filter(user=person, confirmed=True).exists()
    with pytest.raises(ValidationError):
        services.two_factor_disable(user=person, password=PASSWORD, code=current_code(device))


def test_members_cannot_reach_two_step_pages(client, cast):
    client.force_login(cast.member)
    assert client.get(SETUP).status_code == 404
    assert client.post(reverse("accounts:two_factor_disable")).status_code == 404
    assert client.post(SEND_LINK).status_code == 404
