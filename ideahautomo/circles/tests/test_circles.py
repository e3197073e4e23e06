"""Study circles: starting, joining, the waitlist, approval, visibility and bounded queries."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from ideahautomo.accounts.tests.factories import UserFactory, municipality
from ideahautomo.circles import services
from ideahautomo.circles.models import Circle, Membership
from ideahautomo.messaging.models import Notification, NotificationKind
from ideahautomo.profiles.connections import connected_user_ids
from ideahautomo.testing import LOGIN, assert_role_table, expect, page_check, status_of
from ideahautomo.testing.factories import circle_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def start(organiser, **overrides):
    return circle_for(organiser, **overrides)


def test_an_online_circle_gets_an_unguessable_video_room(cast):
    circle = start(cast.member)

    assert circle.online_link.startswith("https://meet.jit.si/Ideahautomo-")
    room = circle.online_link.removeprefix("https://meet.jit.si/Ideahautomo-")
    assert len(room) >= 22  # 128 random bits
    assert start(cast.mentor).online_link != circle.online_link
    assert "<strong>arjen</strong>" in circle.description_html
    membership = Membership.objects.get(circle=circle)
    assert membership.is_organiser and membership.status == Membership.Status.ACTIVE


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"online_link": "javascript:alert(1)"}, "online_link"),
        ({"online_link": "http://example.fi/huone"}, "online_link"),
        ({"format": Circle.Format.IN_PERSON, "municipality": None}, "municipality"),
        ({"capacity": 1}, "capacity"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_circles_are_refused_and_nothing_is_saved(cast, overrides, field):
    with pytest.raises(ValidationError) as error:
        start(cast.member, **overrides)
    assert field in error.value.message_dict
    assert not Circle.objects.exists()


def test_staff_only_accounts_cannot_start_circles(cast):
    with pytest.raises(PermissionDenied):
        start(cast.contact_person)


def test_the_full_circle_waitlists_and_the_first_waiting_is_promoted_and_told(
    cast, django_capture_on_commit_callbacks
):
    circle = start(cast.member)
    first, second, third = UserFactory(), UserFactory(), UserFactory()

    assert services.circle_join(actor=first, circle=circle).status == "active"
    assert services.circle_join(actor=second, circle=circle).status == "active"
    assert services.circle_join(actor=third, circle=circle).status == "waitlisted"
    with pytest.raises(ValidationError, match="already in this circle"):
        services.circle_join(actor=third, circle=circle)

    services.circle_leave(actor=first, circle=circle)

    circle.refresh_from_db()
    assert circle.member_count == 3
    assert Membership.objects.get(circle=circle, user=third).status == "active"
    told = Notification.objects.get(recipient=third)
    assert told.kind == NotificationKind.CIRCLE_WAITLIST_PROMOTED
    assert told.url == circle.get_absolute_url()


def test_approval_circles_take_requests_that_organisers_decide(cast):
    circle = start(cast.member, policy=Circle.Policy.APPROVAL)
    request = services.circle_join(actor=cast.mentor, circle=circle)
    assert request.status == Membership.Status.REQUESTED
    with pytest.raises(PermissionDenied):
        services.request_decide(actor=cast.partner, membership=request, approve=True)

    services.request_decide(actor=cast.member, membership=request, approve=True)

    assert Membership.objects.get(pk=request.pk).status == Membership.Status.ACTIVE
    with pytest.raises(ValidationError, match="already been answered"):
        services.request_decide(actor=cast.member, membership=request, approve=False)


def test_invite_only_circles_cannot_be_joined_and_the_last_organiser_cannot_leave(cast):
    circle = start(cast.member, policy=Circle.Policy.INVITE)
    with pytest.raises(ValidationError):
        services.circle_join(actor=cast.mentor, circle=circle)
    with pytest.raises(ValidationError, match="another organiser"):
        services.circle_leave(actor=cast.member, circle=circle)


def test_circle_members_count_as_connected_for_profiles(cast):
    circle = start(cast.member)
    services.circle_join(actor=cast.mentor, circle=circle)

    assert cast.mentor.pk in connected_user_ids(cast.member.pk)
    assert cast.partner.pk not in connected_user_ids(cast.member.pk)


@pytest.mark.parametrize(
    ("visibility", "table"),
    [
        (Circle.Visibility.PUBLIC, expect(200)),
        (Circle.Visibility.MEMBERS, expect(404, mentor=200, partner=200, member=200)),
        (Circle.Visibility.PRIVATE, expect(404, member=200)),
    ],
)
def test_who_sees_a_circle(cast, client_for, visibility, table):
    circle = start(cast.member, visibility=visibility)
    assert_role_table(
        page_check(client_for, cast.by_role(), circle.get_absolute_url()),
        table,
        label=f"{visibility} circle",
    )


def test_private_circles_are_never_listed_and_links_are_for_members_only(cast, client_for):
    private = start(cast.member, name="Salainen", visibility=Circle.Visibility.PRIVATE)
    public = start(cast.member, name="Avoin", visibility=Circle.Visibility.PUBLIC)

    listed = client_for(cast.mentor).get(reverse("circles:list")).context["page"].object_list
    assert [c.name for c in listed] == ["Avoin"]
    guest = client_for(None)
    guest.logout()
    guest_page = guest.get(public.get_absolute_url()).content.decode()
    assert public.online_link not in guest_page
    assert cast.member.display_name not in guest_page
    member_page = client_for(cast.member).get(public.get_absolute_url()).content.decode()
    assert public.online_link in member_page
    assert private


@pytest.mark.parametrize("url_name", ["circles:join", "circles:leave"])
def test_actions_need_sign_in_and_post(cast, client_for, url_name):
    circle = start(cast.member, visibility=Circle.Visibility.PUBLIC)
    url = reverse(url_name, args=[circle.pk])
    assert status_of(client_for(None).post(url)) == LOGIN
    assert client_for(cast.mentor).get(url).status_code == 405


def test_someone_else_cannot_decide_requests(cast, client_for):
    circle = start(cast.member, policy=Circle.Policy.APPROVAL)
    request = services.circle_join(actor=cast.mentor, circle=circle)
    response = client_for(cast.partner).post(
        reverse("circles:decide", args=[request.pk]), {"decision": "approve"}
    )
    assert response.status_code == 403
    assert Membership.objects.get(pk=request.pk).status == Membership.Status.REQUESTED


def test_start_page_explains_bad_input(cast, client_for):
    response = client_for(cast.member).post(
        reverse("circles:create"),
        {
            "name": "Piiri",
            "topic": "Aihe",
            "description": "Kuvaus",
            "language": "fi",
            "format": "in_person",
            "policy": "open",
            "visibility": "members",
            "online_link": "javascript:alert(1)",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Circle.objects.exists()


def test_list_filters_and_bounded_queries(cast, client_for, django_assert_max_num_queries):
    client = client_for(cast.mentor)
    start(cast.member, name="Verkossa")
    start(
        cast.member,
        name="Vantaalla",
        format=Circle.Format.IN_PERSON,
        municipality=municipality("092"),
        language="uk",
    )

    def names(**params):
        response = client.get(reverse("circles:list"), params)
        return [c.name for c in response.context["page"].object_list]

    assert names(kieli="uk") == ["Vantaalla"]
    assert names(muoto="in_person") == ["Vantaalla"]
    assert names(kunta=municipality("091").pk) == ["Verkossa"]  # online circles reach everyone

    with django_assert_max_num_queries(10) as few:
        client.get(reverse("circles:list"))
    for number in range(25):
        start(UserFactory(), name=f"Piiri {number}")
    with django_assert_max_num_queries(10) as many:
        client.get(reverse("circles:list"))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_filter_form_reads_finnish_address_keys_into_english_fields():
    from ideahautomo.circles.forms import CircleFilterForm

    form = CircleFilterForm({"aihe": "kieli", "kieli": "uk", "tilaa": "on", "topic": "ohitettu"})

    assert form.is_valid()
    assert form.cleaned_data["topic"] == "kieli"
    assert form.cleaned_data["language"] == "uk" and form.cleaned_data["free_places"]
    html = str(form)
    assert 'name="aihe"' in html and 'name="kieli"' in html
    assert 'name="topic"' not in html
