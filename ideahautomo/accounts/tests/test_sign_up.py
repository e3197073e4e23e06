"""Open sign-up (SIGNUP_OPEN=1): the address is proven by an e-mailed link before anything is
kept, the page says nothing about who has an account, and an invitation always wins."""

import re

import pytest
from django.core import mail, signing
from django.urls import reverse

from ideahautomo.accounts import services
from ideahautomo.accounts.models import Invitation, Role, SignUpRequest, User

from .factories import InvitationFactory, UserFactory, municipality

pytestmark = pytest.mark.django_db

SIGN_UP = reverse("accounts:sign_up")
LINK = re.compile(r"http://testserver(/rekisteroidy/jatka/[^/\s]+/)")
PASSWORD = "keravan-kevät-on-kaunis"


@pytest.fixture(autouse=True)
def _open(settings):
    settings.SIGNUP_OPEN = True


def apply(client, capture, email="jenni@example.fi", **extra):
    with capture(execute=True):
        return client.post(SIGN_UP, {"email": email}, **extra)


def link_in(message):
    return LINK.search(message.body).group(1)


def application(**overrides):
    data = {
        "display_name": "Jenni Hakala",
        "municipality": municipality("245").pk,
        "language": "fi",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "message": "Haluan opiskella suomea.",
        "accept_guidelines": "on",
        "accept_privacy": "on",
    }
    data.update(overrides)
    return data


def test_sign_up_is_off_by_default(client, settings):
    settings.SIGNUP_OPEN = False
    assert client.get(SIGN_UP).status_code == 404
    assert client.get(reverse("accounts:sign_up_continue", args=["x"])).status_code == 404


def test_applying_keeps_nothing_before_the_e_mailed_link_is_opened(
    client, django_capture_on_commit_callbacks
):
    response = apply(client, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert not User.objects.filter(email="jenni@example.fi").exists()
    assert not SignUpRequest.objects.exists()
    assert mail.outbox[-1].to == ["jenni@example.fi"]
    assert link_in(mail.outbox[-1])


def test_the_page_answers_the_same_for_known_and_unknown_addresses(
    client, cast, django_capture_on_commit_callbacks
):
    known = apply(client, django_capture_on_commit_callbacks, email=cast.member.email)
    unknown = apply(client, django_capture_on_commit_callbacks, email="ei-ole@example.fi")

    assert known.status_code == unknown.status_code == 200
    assert known.templates[0].name == unknown.templates[0].name
    strip = re.compile(r"jasen@example\.fi|ei-ole@example\.fi|csrfmiddlewaretoken[^>]*")
    assert strip.sub("", known.content.decode()) == strip.sub("", unknown.content.decode())
    # The person who has an account is told so, with ways to sign in, and no sign-up link.
    to_member, to_stranger = mail.outbox
    assert to_member.to == [cast.member.email]
    assert not LINK.search(to_member.body)
    assert "http://testserver" + reverse("accounts:sign_in") in to_member.body
    assert "http://testserver" + reverse("accounts:password_reset") in to_member.body
    assert LINK.search(to_stranger.body)


def test_the_link_lets_the_person_apply_once_and_approval_is_still_needed(
    client, django_capture_on_commit_callbacks
):
    client.cookies["django_language"] = "sv"
    apply(client, django_capture_on_commit_callbacks)
    # In the language the page was read in.
    assert "Med vänliga hälsningar" in mail.outbox[-1].body
    link = link_in(mail.outbox[-1])

    form = client.get(link)
    assert form.status_code == 200
    assert "jenni@example.fi" in form.content.decode()
    sent = client.post(link, application())

    assert sent.status_code == 200
    user = User.objects.get(email="jenni@example.fi")
    assert user.is_active is False
    assert SignUpRequest.objects.get(user=user).decided_at is None
    client.post(reverse("accounts:sign_in"), {"email": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    again = client.post(link, application(display_name="Joku Muu"))
    assert again.status_code == 410
    assert User.objects.filter(email="jenni@example.fi").count() == 1


@pytest.mark.parametrize("token", ["keksitty", "a" * 300])
def test_a_forged_link_creates_nothing(client, token):
    response = client.post(reverse("accounts:sign_up_continue", args=[token]), application())

    assert response.status_code == 404
    assert not User.objects.filter(email="jenni@example.fi").exists()


def test_an_expired_link_creates_nothing(client, settings, django_capture_on_commit_callbacks):
    apply(client, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[-1])
    settings.SIGN_UP_LINK_VALID_SECONDS = -1

    response = client.post(link, application())

    assert response.status_code == 410
    assert not User.objects.filter(email="jenni@example.fi").exists()


def test_the_link_cannot_be_made_for_another_address(client):
    token = signing.dumps({"email": "jenni@example.fi", "language": "fi"}, salt="toinen")
    response = client.get(reverse("accounts:sign_up_continue", args=[token]))
    assert response.status_code == 404


def test_applying_is_limited_per_address(client, settings, django_capture_on_commit_callbacks):
    for _ in range(settings.SIGN_UPS_PER_ADDRESS + 2):
        response = apply(client, django_capture_on_commit_callbacks)
        assert response.status_code == 200

    assert len(mail.outbox) == settings.SIGN_UPS_PER_ADDRESS


def test_applying_is_limited_per_client(client, settings, django_capture_on_commit_callbacks):
    for number in range(settings.SIGN_UPS_PER_CLIENT):
        apply(client, django_capture_on_commit_callbacks, email=f"hakija{number}@example.fi")

    refused = apply(client, django_capture_on_commit_callbacks, email="viimeinen@example.fi")

    assert refused.status_code == 200
    assert refused.context["form"].errors
    assert len(mail.outbox) == settings.SIGN_UPS_PER_CLIENT
    # Another client is not slowed down by it.
    other = apply(
        client,
        django_capture_on_commit_callbacks,
        email="toinen@example.fi",
        REMOTE_ADDR="10.0.0.9",
    )
    assert "form" not in other.context or not other.context["form"].errors


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"municipality": "999999"}, "municipality"),
        ({"language": "de"}, "language"),
        ({"password2": "toinen"}, "password2"),
        ({"accept_privacy": ""}, "accept_privacy"),
        ({"message": "x" * 1001}, "message"),
    ],
)
def test_a_bad_application_is_explained_and_nothing_is_saved(
    client, django_capture_on_commit_callbacks, overrides, field
):
    apply(client, django_capture_on_commit_callbacks)

    response = client.post(link_in(mail.outbox[-1]), application(**overrides))

    assert response.context["form"].errors[field]
    assert not SignUpRequest.objects.exists()


def test_a_bad_address_is_explained(client):
    response = client.post(SIGN_UP, {"email": "ei osoite"})
    assert response.context["form"].errors["email"]
    assert mail.outbox == []


# An invitation always wins over a sign-up.


def pending_sign_up(email="jenni@example.fi"):
    return services.sign_up_request_create(
        email=email,
        display_name="Joku Muu",
        password="talvinen-aamu-tunturissa",
        language="fi",
        municipality=municipality("091"),
    )


def test_a_pending_sign_up_never_blocks_an_invitation(send_invitation):
    pending_sign_up()

    invitation, _link = send_invitation(email="jenni@example.fi", name="Jenni Hakala")

    assert not SignUpRequest.objects.exists()
    user = services.invitation_accept(invitation=invitation, password="pitkä-salasana-tähän")
    assert user.is_active and user.display_name == "Jenni Hakala"
    assert user.has_role(Role.MEMBER)


def test_a_pending_sign_up_never_blocks_a_file_of_invitations(cast):
    pending_sign_up()

    services.invitation_batch_create(
        actor=cast.contact_person,
        area=cast.area,
        rows=[{"name": "Jenni Hakala", "email": "jenni@example.fi", "language": "fi"}],
        file_name="asiakkaat.csv",
    )

    assert Invitation.objects.filter(email="jenni@example.fi").exists()
    assert not SignUpRequest.objects.exists()


def test_a_sign_up_that_comes_after_the_invitation_gives_way_at_acceptance(send_invitation):
    invitation, _link = send_invitation(email="jenni@example.fi")
    applicant = UserFactory(roles=[], email="jenni@example.fi", is_active=False)
    SignUpRequest.objects.create(user=applicant)

    user = services.invitation_accept(invitation=invitation, password="pitkä-salasana-tähän")

    assert user.is_active
    assert not SignUpRequest.objects.exists()


def test_an_invited_address_is_sent_to_its_invitation(
    client, cast, django_capture_on_commit_callbacks
):
    apply(client, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[-1])
    InvitationFactory(email="jenni@example.fi", area=cast.area)

    response = client.post(link, application())

    assert response.status_code == 409
    assert not User.objects.filter(email="jenni@example.fi").exists()
