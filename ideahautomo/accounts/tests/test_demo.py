"""The demo accounts: staff who must use two-step sign-in can, with the published demo key."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ideahautomo.accounts import demo
from ideahautomo.accounts.models import Role, User
from ideahautomo.accounts.permissions import must_use_two_factor

pytestmark = pytest.mark.django_db


def test_demo_staff_have_an_authenticator_with_the_published_demo_key(client, demo_data):

    staff = [
        user
        for user in User.objects.filter(email__endswith=demo.DEMO_DOMAIN, is_active=True)
        if must_use_two_factor(user)
    ]
    assert {role for user in staff for role in user.roles} >= {
        Role.CONTACT_PERSON,
        Role.PROJECT_MANAGER,
        Role.ADMINISTRATOR,
    }
    for user in staff:
        device = TOTPDevice.objects.get(user=user, confirmed=True)
        assert device.bin_key == demo.DEMO_AUTHENTICATOR_KEY
    assert demo.demo_authenticator_secret() in demo_data
    assert "demo" in demo_data.lower()

    client.post(
        reverse("accounts:sign_in"),
        {"email": f"projektipaallikko@{demo.DEMO_DOMAIN}", "password": demo.DEMO_PASSWORD},
    )
    code = f"{totp(demo.DEMO_AUTHENTICATOR_KEY):06d}"
    response = client.post(reverse("accounts:sign_in_verify"), {"code": code})
    assert response.status_code == 302
    assert client.get(reverse("accounts:areas_overview")).status_code == 200

    call_command("demo_data", stdout=io.StringIO())
    assert TOTPDevice.objects.filter(user__in=staff).count() == len(staff)


def test_the_demo_moderator_has_an_appeal_to_decide(client):
    from ideahautomo.accounts.models import Suspension
    from ideahautomo.accounts.permissions import can_decide_suspension_appeal

    call_command("demo_data", stdout=io.StringIO())
    call_command("demo_data", stdout=io.StringIO())

    suspension = Suspension.objects.get()
    moderator = User.objects.get(email=f"moderaattori@{demo.DEMO_DOMAIN}")
    assert suspension.is_active and suspension.appeal_is_open
    assert can_decide_suspension_appeal(moderator, suspension)
    response = client.post(
        reverse("accounts:sign_in"),
        {"email": suspension.user.email, "password": demo.DEMO_PASSWORD},
    )
    assert response["Location"] == reverse("accounts:suspended")
