"""Ordering accounts: the invitation list, single invitations, CSV files, sign-ups, areas."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from ideahautomo.accounts.models import AuditEvent, Invitation, Role, SignUpRequest, User

from .factories import EmploymentAreaFactory, InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db


def csv_upload(text, name="asiakkaat.csv", encoding="utf-8-sig"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


# The invitation list


def test_contact_person_sees_only_their_own_areas_invitations(cast, client_for):
    InvitationFactory(area=cast.area, name="Oma Asiakas")
    InvitationFactory(area=cast.other_area, name="Vieras Asiakas")

    response = client_for(cast.contact_person).get(reverse("accounts:invitation_list"))

    names = [invitation.name for invitation in response.context["page"].object_list]
    assert names == ["Oma Asiakas"]
    assert "Vieras Asiakas" not in response.content.decode()


def test_project_manager_sees_every_area_and_can_filter_by_one(cast, client_for):
    InvitationFactory(area=cast.area, name="Oma Asiakas")
    InvitationFactory(area=cast.other_area, name="Vieras Asiakas")
    client = client_for(cast.project_manager)

    everyone = client.get(reverse("accounts:invitation_list"))
    one_area = client.get(reverse("accounts:invitation_list"), {"alue": cast.other_area.pk})

    assert everyone.context["page"].paginator.count == 2
    assert [i.name for i in one_area.context["page"].object_list] == ["Vieras Asiakas"]


def test_list_filters_by_state_and_search(cast, client_for):
    now = timezone.now()
    InvitationFactory(area=cast.area, name="Avoin", sent_at=now, expires_at=now + timedelta(days=3))
    InvitationFactory(area=cast.area, name="Vanha", sent_at=now, expires_at=now - timedelta(days=1))
    client = client_for(cast.contact_person)

    expired = client.get(reverse("accounts:invitation_list"), {"tila": "expired"})
    searched = client.get(reverse("accounts:invitation_list"), {"haku": "avo"})
    nonsense = client.get(reverse("accounts:invitation_list"), {"tila": "<script>", "sivu": "x"})

    assert [i.name for i in expired.context["page"].object_list] == ["Vanha"]
    assert [i.name for i in searched.context["page"].object_list] == ["Avoin"]
    assert nonsense.status_code == 200
    assert nonsense.context["page"].paginator.count == 2


def test_viewing_the_list_is_logged_as_access_to_personal_data(cast, client_for):
    client_for(cast.contact_person).get(reverse("accounts:invitation_list"))

    event = AuditEvent.objects.get(action="invitations.viewed")
    assert event.actor == cast.contact_person
    assert event.area == cast.area


def test_list_query_count_does_not_grow_with_invitations(
    cast, client_for, django_assert_max_num_queries
):
    client = client_for(cast.contact_person)
    InvitationFactory.create_batch(3, area=cast.area, invited_by=cast.contact_person)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("accounts:invitation_list"))
    InvitationFactory.create_batch(120, area=cast.area, invited_by=cast.contact_person)
    with django_assert_max_num_queries(10) as many:
        response = client.get(reverse("accounts:invitation_list"))

    assert len(response.context["page"].object_list) == 50
    assert len(many.captured_queries) == len(few.captured_queries)


def test_empty_list_tells_what_to_do(cast, client_for):
    response = client_for(cast.contact_person).get(reverse("accounts:invitation_list"))
    assert response.context["page"].paginator.count == 0
    assert reverse("accounts:invitation_create") in response.content.decode()


# One invitation


def test_contact_person_invites_a_client_into_their_own_area(
    cast, client_for, django_capture_on_commit_callbacks
):
    client = client_for(cast.contact_person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:invitation_create"),
            {"name": "Olena Shevchenko", "email": "Olena@Example.fi", "language": "uk"},
        )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.area, invitation.role) == (
        "olena@example.fi",
        cast.area,
        Role.MEMBER,
    )
    assert mail.outbox[0].to == ["olena@example.fi"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "", "email": "a@example.fi", "language": "fi"}, "name"),
        ({"name": "   ", "email": "a@example.fi", "language": "fi"}, "name"),
        ({"name": "A" * 101, "email": "a@example.fi", "language": "fi"}, "name"),
        ({"name": "Aino", "email": "ei osoite", "language": "fi"}, "email"),
        ({"name": "Aino", "email": "jasen@example.fi", "language": "fi"}, "email"),
        ({"name": "Aino", "email": "a@example.fi", "language": "xx"}, "language"),
        (
            {"name": "Aino", "email": "a@example.fi", "language": "fi", "role": "administrator"},
            "role",
        ),
        (
            {"name": "Aino", "email": "a@example.fi", "language": "fi", "role": "contact_person"},
            "role",
        ),
    ],
)
def test_bad_invitation_input_is_explained_and_nothing_is_sent(cast, client_for, data, field):
    response = client_for(cast.contact_person).post(reverse("accounts:invitation_create"), data)

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_project_manager_must_choose_the_area_and_may_invite_a_contact_person(
    cast, client_for, django_capture_on_commit_callbacks
):
    client = client_for(cast.project_manager)
    missing = client.post(
        reverse("accounts:invitation_create"),
        {"name": "Uusi Yhteys", "email": "uusi@example.fi", "language": "fi", "role": "member"},
    )
    assert missing.context["form"].errors["area"]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:invitation_create"),
            {
                "name": "Uusi Yhteys",
                "email": "uusi@example.fi",
                "language": "fi",
                "role": "contact_person",
                "area": cast.other_area.pk,
            },
        )
    invitation = Invitation.objects.get()
    assert (invitation.role, invitation.area) == (Role.CONTACT_PERSON, cast.other_area)


def test_invitation_with_the_role_of_contact_person_makes_one_for_that_area(
    cast, client_for, send_invitation
):
    from ideahautomo.accounts import services

    invitation, _link = send_invitation(
        actor=cast.project_manager, area=cast.other_area, role=Role.CONTACT_PERSON
    )
    user = services.invitation_accept(invitation=invitation, password="pitkä-salasana-tähän")

    assert user.contact_area == cast.other_area
    assert set(user.roles) == {Role.CONTACT_PERSON}


def test_a_contact_person_becomes_a_member_too_only_when_the_inviter_asks(
    cast, client_for, django_capture_on_commit_callbacks
):
    from ideahautomo.accounts import services

    client = client_for(cast.project_manager)
    form = client.get(reverse("accounts:invitation_create")).context["form"]
    assert form["also_member"].initial in (None, False)
    people = {"staff@example.fi": {}, "both@example.fi": {"also_member": "on"}}
    for email, extra in people.items():
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("accounts:invitation_create"),
                {
                    "name": "Uusi Yhteys",
                    "email": email,
                    "language": "fi",
                    "role": "contact_person",
                    "area": cast.other_area.pk,
                    **extra,
                },
            )

    roles = {}
    for email in people:
        invitation = Invitation.objects.get(email=email)
        user = services.invitation_accept(invitation=invitation, password="pitkä-salasana-tähän")
        roles[email] = set(user.roles)
    assert roles == {
        "staff@example.fi": {Role.CONTACT_PERSON},
        "both@example.fi": {Role.CONTACT_PERSON, Role.MEMBER},
    }


def test_an_invited_mentor_is_a_member_too(send_invitation):
    from ideahautomo.accounts import services

    invitation, _link = send_invitation(role=Role.MENTOR)
    user = services.invitation_accept(invitation=invitation, password="pitkä-salasana-tähän")

    assert set(user.roles) == {Role.MENTOR, Role.MEMBER}


def test_the_contact_persons_form_has_no_staff_choices(cast, client_for):
    form = (
        client_for(cast.contact_person).get(reverse("accounts:invitation_create")).context["form"]
    )
    assert "also_member" not in form.fields


def test_resend_and_revoke_from_the_list(cast, client_for, django_capture_on_commit_callbacks):
    now = timezone.now()
    invitation = InvitationFactory(
        area=cast.area, sent_at=now, expires_at=now - timedelta(days=1), send_count=1
    )
    client = client_for(cast.contact_person)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:invitation_resend", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.SENT
    assert len(mail.outbox) == 1

    client.post(reverse("accounts:invitation_revoke", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.REVOKED

    again = client.post(reverse("accounts:invitation_revoke", args=[invitation.pk]), follow=True)
    assert "already been accepted or revoked" in again.content.decode() or again.status_code == 200


# CSV files


def test_clean_file_is_previewed_and_nothing_is_created_until_confirmed(
    cast, client_for, django_capture_on_commit_callbacks
):
    client = client_for(cast.contact_person)
    response = client.post(
        reverse("accounts:invitation_upload"),
        {
            "file": csv_upload(
                "nimi;sähköposti;kieli\nEka;eka@example.fi;fi\nToka;toka@example.fi;uk\n"
            )
        },
    )

    assert response.status_code == 200
    assert response.templates[0].name == "accounts/staff/invitation_preview.html"
    assert not Invitation.objects.exists()
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(
            reverse("accounts:invitation_upload_confirm"),
            {"preview": response.context["preview_id"]},
        )

    assert confirmed.status_code == 302
    assert sorted(Invitation.objects.values_list("email", flat=True)) == [
        "eka@example.fi",
        "toka@example.fi",
    ]
    assert {i.area for i in Invitation.objects.all()} == {cast.area}
    assert len(mail.outbox) == 2
    # The same preview cannot be confirmed twice.
    twice = client.post(
        reverse("accounts:invitation_upload_confirm"), {"preview": response.context["preview_id"]}
    )
    assert twice["Location"] == reverse("accounts:invitation_upload")
    assert Invitation.objects.count() == 2


def test_file_with_problems_gets_a_row_report_and_creates_nothing(cast, client_for):
    response = client_for(cast.contact_person).post(
        reverse("accounts:invitation_upload"),
        {"file": csv_upload("Eka;eka@example.fi\nToka;rikki-osoite\nKolmas;eka@example.fi\n")},
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "rikki-osoite" in content
    assert "preview_id" not in response.context
    assert [row.line for row in response.context["invitation_file"].problem_rows] == [2, 3]
    assert not Invitation.objects.exists()


def test_oversized_upload_is_refused_with_the_limit_named(cast, client_for, settings):
    settings.INVITATION_CSV_MAX_BYTES = 2048
    response = client_for(cast.contact_person).post(
        reverse("accounts:invitation_upload"), {"file": csv_upload("Eka;eka@example.fi\n" * 200)}
    )

    [error] = response.context["form"].errors.as_data()["file"]
    assert error.code == "too_large"
    assert "2 kt" in error.messages[0]
    assert not Invitation.objects.exists()


def test_something_changed_after_the_preview_creates_nothing(cast, client_for):
    client = client_for(cast.contact_person)
    preview = client.post(
        reverse("accounts:invitation_upload"),
        {"file": csv_upload("Eka;eka@example.fi\nToka;toka@example.fi\n")},
    )
    UserFactory(email="toka@example.fi")

    response = client.post(
        reverse("accounts:invitation_upload_confirm"),
        {"preview": preview.context["preview_id"]},
        follow=True,
    )

    assert not Invitation.objects.exists()
    assert "toka@example.fi" in response.content.decode()


def test_forged_preview_id_creates_nothing(cast, client_for):
    response = client_for(cast.contact_person).post(
        reverse("accounts:invitation_upload_confirm"), {"preview": "keksitty"}
    )
    assert response["Location"] == reverse("accounts:invitation_upload")
    assert not Invitation.objects.exists()


def test_project_manager_uploads_into_a_chosen_area(cast, client_for):
    client = client_for(cast.project_manager)
    response = client.post(
        reverse("accounts:invitation_upload"),
        {"file": csv_upload("Eka;eka@example.fi\n"), "area": cast.other_area.pk},
    )
    client.post(
        reverse("accounts:invitation_upload_confirm"), {"preview": response.context["preview_id"]}
    )
    assert Invitation.objects.get().area == cast.other_area


# Sign-up applications and areas


def test_contact_person_approves_a_sign_up_of_their_area(
    cast, client_for, django_capture_on_commit_callbacks
):
    applicant = UserFactory(roles=[], is_active=False, area=cast.area, display_name="Hakija")
    request = SignUpRequest.objects.create(user=applicant, message="<b>hei</b>")
    client = client_for(cast.contact_person)

    listing = client.get(reverse("accounts:sign_up_list"))
    assert list(listing.context["page"].object_list) == [request]
    assert "&lt;b&gt;hei&lt;/b&gt;" in listing.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:sign_up_decide", args=[request.pk]), {"decision": "approve"})
    applicant.refresh_from_db()
    assert applicant.is_active


def test_other_areas_sign_ups_are_not_listed(cast, client_for):
    applicant = UserFactory(roles=[], is_active=False, area=cast.other_area)
    SignUpRequest.objects.create(user=applicant)

    listing = client_for(cast.contact_person).get(reverse("accounts:sign_up_list"))

    assert list(listing.context["page"].object_list) == []


def test_areas_overview_counts_members_and_invitations_in_few_queries(
    cast, client_for, django_assert_max_num_queries
):
    for _ in range(3):
        area = EmploymentAreaFactory()
        UserFactory.create_batch(4, area=area)
        InvitationFactory.create_batch(2, area=area)
    UserFactory.create_batch(5, area=cast.area)
    client = client_for(cast.project_manager)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("accounts:areas_overview"))

    areas = {area.name: area for area in response.context["areas"]}
    # cast.member and five more active accounts in the first area
    assert areas["Helsingin testialue"].account_count == 6
    assert User.objects.filter(area=cast.area).count() == 6


# Rate limits


def test_resending_too_often_is_explained_and_sends_nothing(
    cast, client_for, django_capture_on_commit_callbacks, monkeypatch
):
    from ideahautomo.accounts import services

    monkeypatch.setitem(services.INVITATION_LIMITS, "resend-one", (1, 24 * 3600))
    now = timezone.now()
    invitation = InvitationFactory(area=cast.area, sent_at=now, expires_at=now, send_count=1)
    client = client_for(cast.contact_person)
    url = reverse("accounts:invitation_resend", args=[invitation.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
        refused = client.post(url, follow=True)

    assert len(mail.outbox) == 1
    [error] = [m.message for m in refused.context["messages"] if m.level_tag == "error"]
    assert "1" in error


def test_a_file_confirmed_too_often_is_explained_and_creates_nothing(cast, client_for, monkeypatch):
    from ideahautomo.accounts import services

    monkeypatch.setitem(services.INVITATION_LIMITS, "file", (0, 3600))
    client = client_for(cast.contact_person)
    preview = client.post(
        reverse("accounts:invitation_upload"),
        {"file": csv_upload("Eka Asiakas;eka@example.fi;fi\n")},
    )
    response = client.post(
        reverse("accounts:invitation_upload_confirm"),
        {"preview": preview.context["preview_id"]},
        follow=True,
    )

    assert not Invitation.objects.exists()
    [error] = [m.message for m in response.context["messages"] if m.level_tag == "error"]
    with translation.override("fi"), pytest.raises(ValidationError) as expected:
        services.invitation_batch_create(
            actor=cast.contact_person, area=cast.area, rows=[], file_name="tyhjä.csv"
        )
    assert error == expected.value.messages[0]
