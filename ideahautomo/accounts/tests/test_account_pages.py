"""A person's own account: settings, password reset, two-step sign-in and sign-up."""

import pytest
from django.core import mail
from django.urls import reverse
from django_otp.oath import totp

from ideahautomo.accounts.models import AuditEvent, SignUpRequest, User

from .factories import PASSWORD, municipality

pytestmark = pytest.mark.django_db


def current_code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_member_changes_name_and_language(client, cast):
    client.force_login(cast.member)

    response = client.post(
        reverse("accounts:settings"), {"display_name": "  Aino V.  ", "language": "uk"}
    )

    assert response.status_code == 302
    cast.member.refresh_from_db()
    assert (cast.member.display_name, cast.member.language) == ("Aino V.", "uk")
    assert response.cookies["django_language"].value == "uk"


@pytest.mark.parametrize(
    "data",
    [
        {"display_name": "", "language": "fi"},
        {"display_name": "x" * 101, "language": "fi"},
        {"display_name": "Aino", "language": "klingon"},
    ],
)
def test_bad_settings_are_explained_and_nothing_is_saved(client, cast, data):
    client.force_login(cast.member)

    response = client.post(reverse("accounts:settings"), data)

    assert response.status_code == 200
    assert response.context["form"].errors
    cast.member.refresh_from_db()
    assert cast.member.display_name == "Aino Jäsen"


def test_settings_page_renders_what_a_member_wrote_escaped(client, cast):
    User.objects.filter(pk=cast.member.pk).update(display_name="<script>alert(1)</script>")
    client.force_login(cast.member)

    content = client.get(reverse("accounts:settings")).content.decode()

    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;" in content


def test_password_reset_page_answers_the_same_for_any_address(
    client, cast, django_capture_on_commit_callbacks
):
    url = reverse("accounts:password_reset")
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(url, {"email": "jasen@example.fi"})
        unknown = client.post(url, {"email": "ei-ole@example.fi"})

    assert known["Location"] == unknown["Location"] == reverse("accounts:password_reset_done")
    assert [m.to for m in mail.outbox] == [["jasen@example.fi"]]


def test_password_reset_rejects_a_malformed_address(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "ei osoite"})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]


def test_password_change_keeps_this_session_but_ends_others(client, cast):
    from django.test import Client

    other_device = Client()
    other_device.force_login(cast.member)
    client.force_login(cast.member)

    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "uusi-pitkä-salasana-kevät",
            "new_password2": "uusi-pitkä-salasana-kevät",
        },
    )

    assert response.status_code == 302
    assert client.get(reverse("accounts:settings")).status_code == 200
    assert other_device.get(reverse("accounts:settings")).status_code == 302


# Open sign-up


def test_sign_up_list_query_count_does_not_grow(cast, client_for, django_assert_max_num_queries):
    from .factories import UserFactory

    for _ in range(30):
        SignUpRequest.objects.create(
            user=UserFactory(
                roles=[], is_active=False, area=cast.area, municipality=municipality("091")
            )
        )
    client = client_for(cast.contact_person)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("accounts:sign_up_list"))

    assert len(response.context["page"].object_list) == 30


# The person's own data


def test_member_downloads_their_own_data(client, cast):
    client.force_login(cast.member)

    response = client.get(reverse("accounts:data_download"))

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = response.json()
    assert data["account"]["email"] == "jasen@example.fi"
    assert data["roles"] == ["member"]
    assert AuditEvent.objects.filter(action="user.data_downloaded").exists()


def test_deleting_needs_the_password_and_then_removes_personal_data(client, send_invitation):
    from ideahautomo.accounts import services

    invitation, _link = send_invitation(email="poistuva@example.fi", name="Poistuva Jäsen")
    user = services.invitation_accept(invitation=invitation, password="pitkä-salasana-tähän")
    client.force_login(user)

    wrong = client.post(reverse("accounts:delete"), {"password": "väärä"})
    assert wrong.context["form"].errors["password"]
    user.refresh_from_db()
    assert user.is_active

    response = client.post(reverse("accounts:delete"), {"password": "pitkä-salasana-tähän"})

    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.is_active
    assert "poistuva" not in user.email
    assert user.display_name != "Poistuva Jäsen"
    assert not user.has_usable_password()
    assert not user.role_assignments.exists()
    invitation.refresh_from_db()
    assert invitation.name == "" and "poistuva" not in invitation.email
    assert "_auth_user_id" not in client.session
    # The address is free for a new invitation later.
    assert services.emails_in_use(["poistuva@example.fi"]) == {}


def test_guests_cannot_download_or_delete(client):
    assert client.get(reverse("accounts:data_download"))["Location"].startswith("/kirjaudu/")
    assert client.post(reverse("accounts:delete"))["Location"].startswith("/kirjaudu/")


def test_the_download_holds_what_every_feature_keeps(client, cast):
    from ideahautomo.profiles import services as profile_services

    profile_services.profile_set_skills(
        actor=cast.member, profile=cast.member.profile, relation="has", names=["ompelu"]
    )
    client.force_login(cast.member)

    data = client.get(reverse("accounts:data_download")).json()

    assert data["profile"]["knows"] == ["ompelu"]
    assert {"ideas", "event_registrations", "messages_sent"} <= set(data)
