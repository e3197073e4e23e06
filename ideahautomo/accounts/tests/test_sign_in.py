import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from ideahautomo.accounts import services

from .factories import PASSWORD, UserFactory, authenticator_for, current_code

pytestmark = pytest.mark.django_db

URL = reverse("accounts:sign_in")


def post_sign_in(client, email, password, **extra):
    return client.post(URL, {"email": email, "password": password, **extra})


def test_sign_in_page_is_in_finnish_by_default(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert '<html lang="fi">' in response.content.decode()
    assert "Kirjaudu sisään" in response.content.decode()


def test_member_signs_in_with_any_letter_case_and_gets_a_new_session_key(client):
    user = UserFactory(email="aino@example.fi", language="sv")
    client.get(URL)
    session_before = client.cookies.get("sessionid")

    response = post_sign_in(client, "Aino@Example.FI", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("pages:home")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.cookies["sessionid"].value != (session_before.value if session_before else None)
    assert client.cookies["django_language"].value == "sv"


def test_sign_in_cycles_an_existing_anonymous_session_key(client):
    session = client.session
    session["something"] = "kept"
    session.save()
    old_key = session.session_key
    UserFactory(email="aino@example.fi")

    post_sign_in(client, "aino@example.fi", PASSWORD)

    assert client.session.session_key != old_key


def test_wrong_password_and_unknown_address_get_the_same_message(client):
    UserFactory(email="aino@example.fi")

    wrong = post_sign_in(client, "aino@example.fi", "väärä-salasana")
    unknown = post_sign_in(client, "ei-ole@example.fi", "väärä-salasana")

    assert wrong.status_code == unknown.status_code == 200
    assert wrong.context["form"].non_field_errors() == unknown.context["form"].non_field_errors()
    assert "_auth_user_id" not in client.session


def test_fifth_failure_pauses_sign_in_even_with_the_right_password(client):
    UserFactory(email="aino@example.fi")
    for _attempt in range(5):
        response = post_sign_in(client, "aino@example.fi", "väärä-salasana")
    paused_message = response.context["form"].non_field_errors()

    response = post_sign_in(client, "aino@example.fi", PASSWORD)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].non_field_errors() == paused_message
    # An unknown address is paused with exactly the same words.
    for _attempt in range(5):
        unknown = post_sign_in(client, "ei-ole@example.fi", "väärä-salasana")
    assert unknown.context["form"].non_field_errors() == paused_message


def test_password_reset_lifts_the_pause(client):
    UserFactory(email="aino@example.fi")
    for _attempt in range(5):
        post_sign_in(client, "aino@example.fi", "väärä-salasana")

    services.sign_in_unlock(email="aino@example.fi")

    assert post_sign_in(client, "aino@example.fi", PASSWORD).status_code == 302


def test_deactivated_account_cannot_sign_in(client):
    UserFactory(email="aino@example.fi", is_active=False)
    response = post_sign_in(client, "aino@example.fi", PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_deactivation_ends_every_open_session_even_after_reactivation(client, cast):
    client.force_login(cast.member)
    assert client.get(reverse("accounts:settings")).status_code == 200

    services.user_deactivate(actor=cast.moderator, user=cast.member)
    assert client.get(reverse("accounts:settings")).status_code == 302

    type(cast.member).objects.filter(pk=cast.member.pk).update(is_active=True)
    response = client.get(reverse("accounts:settings"))
    assert response.status_code == 302
    assert response["Location"].startswith(URL)


def test_sign_out_everywhere_ends_other_sessions(client, django_user_model, cast):
    from django.test import Client

    other_device = Client()
    other_device.force_login(cast.member)
    client.force_login(cast.member)

    client.post(reverse("accounts:sign_out_everywhere"))

    assert other_device.get(reverse("accounts:settings")).status_code == 302


def test_next_may_only_point_inside_the_service(client):
    UserFactory(email="aino@example.fi")

    outside = post_sign_in(client, "aino@example.fi", PASSWORD, next="https://evil.example/")
    assert outside["Location"] == reverse("pages:home")

    client.logout()
    inside = post_sign_in(client, "aino@example.fi", PASSWORD, next="/tili/")
    assert inside["Location"] == "/tili/"


def test_sign_out_needs_post(client, cast):
    client.force_login(cast.member)
    assert client.get(reverse("accounts:sign_out")).status_code == 405
    assert client.post(reverse("accounts:sign_out")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_staff_with_an_authenticator_must_give_a_code(client, cast, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no growing wait after the wrong code here
    staff = cast.contact_person
    device = authenticator_for(staff)

    response = post_sign_in(client, staff.email, PASSWORD)
    assert response["Location"] == reverse("accounts:sign_in_verify")
    assert "_auth_user_id" not in client.session

    wrong = client.post(reverse("accounts:sign_in_verify"), {"code": "000000"})
    assert wrong.status_code == 200
    assert wrong.context["form"].errors["code"]
    assert "_auth_user_id" not in client.session

    right = client.post(reverse("accounts:sign_in_verify"), {"code": current_code(device)})
    assert right.status_code == 302
    assert int(client.session["_auth_user_id"]) == staff.pk


def test_code_step_without_a_pending_sign_in_goes_back_to_sign_in(client):
    response = client.get(reverse("accounts:sign_in_verify"))
    assert response["Location"] == URL


def test_administrator_without_an_authenticator_is_sent_to_set_one_up(client, cast):
    TOTPDevice.objects.filter(user=cast.administrator).delete()
    cast.administrator.refresh_from_db()
    client.force_login(cast.administrator)

    response = client.get(reverse("pages:home"))
    assert response["Location"] == reverse("accounts:two_factor")
    assert client.get(reverse("admin:index"))["Location"] == reverse("accounts:two_factor")
    assert client.get(reverse("accounts:two_factor")).status_code == 200


@pytest.mark.parametrize("role", ["contact_person", "project_manager"])
def test_staff_who_see_personal_data_cannot_work_with_a_password_only(client, cast, role):
    staff = getattr(cast, role)
    TOTPDevice.objects.filter(user=staff).delete()
    staff.refresh_from_db()
    client.force_login(staff)

    response = client.get(reverse("accounts:invitation_list"))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two_factor")


def test_admin_login_page_is_the_services_own_sign_in(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?next=/admin/"


def test_wrong_codes_slow_down_guessing(client, cast):
    device = authenticator_for(cast.contact_person)
    post_sign_in(client, cast.contact_person.email, PASSWORD)
    client.post(reverse("accounts:sign_in_verify"), {"code": "000000"})

    response = client.post(reverse("accounts:sign_in_verify"), {"code": current_code(device)})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert [error.code for error in response.context["form"].errors.as_data()["code"]] == [
        "throttled"
    ]


def test_removing_an_authenticator_ends_the_sessions_it_verified(cast, client_for):
    client = client_for(cast.contact_person)
    assert client.get(reverse("accounts:invitation_list")).status_code == 200

    TOTPDevice.objects.filter(user=cast.contact_person).delete()

    response = client.get(reverse("accounts:invitation_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(URL)


def test_unconfirming_an_authenticator_ends_the_sessions_it_verified(cast, client_for):
    client = client_for(cast.project_manager)
    device = TOTPDevice.objects.get(user=cast.project_manager)

    device.confirmed = False
    device.save()

    response = client.get(reverse("accounts:areas_overview"))
    assert response.status_code == 302
    assert response["Location"].startswith(URL)


def test_a_verified_staff_page_reads_no_authenticator_row(cast, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(cast.contact_person)

    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("accounts:invitation_list")).status_code == 200

    assert not [query for query in queries if "otp_totp" in query["sql"]]
