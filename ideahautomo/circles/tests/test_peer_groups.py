"""Kinds of circles (study circle, peer group, virtual group) and circles organised by a
partner organisation, whose staff run them as the circle's organisers do."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ideahautomo.accounts.models import Role
from ideahautomo.circles import permissions, services
from ideahautomo.circles.models import Circle
from ideahautomo.testing import LOGIN, assert_role_table, expect, page_check, rule_check
from ideahautomo.testing.factories import (
    PartnerOrganisationFactory,
    UserFactory,
    circle_for,
    municipality,
    user_with_role,
)

pytestmark = pytest.mark.django_db

COMMUNITY = expect(False, member=True, mentor=True, partner=True)


def organisation_of(partner):
    return partner.roles[Role.PARTNER].organisation


def colleague_of(partner):
    """Another staff member of the partner's organisation (each may start 3 circles a day)."""
    return user_with_role(Role.PARTNER, organisation=organisation_of(partner))


@pytest.fixture
def own_group(cast):
    """A peer group of the cast partner's organisation, started by a colleague: the cast
    partner is not in it, but runs it as the organisation's staff."""
    colleague = user_with_role(Role.PARTNER, organisation=organisation_of(cast.partner))
    group = circle_for(
        colleague,
        name="Vertaistukiryhmä",
        kind=Circle.Kind.PEER_GROUP,
        organiser_organisation=organisation_of(cast.partner),
    )
    return Circle.objects.get(pk=group.pk)


@pytest.fixture
def other_group(cast):
    """A peer group of another organisation: the cast partner is staff of a different one."""
    stranger = user_with_role(Role.PARTNER)
    group = circle_for(
        stranger,
        kind=Circle.Kind.PEER_GROUP,
        organiser_organisation=organisation_of(stranger),
    )
    return Circle.objects.get(pk=group.pk)


# Rules


def test_who_organises_for_an_organisation(cast):
    users = cast.users()
    assert_role_table(
        rule_check(permissions.can_organise_for_organisation, users, organisation_of(cast.partner)),
        expect(False, partner=True),
        label="own organisation",
    )
    assert_role_table(
        rule_check(permissions.can_organise_for_organisation, users, PartnerOrganisationFactory()),
        expect(False),
        label="another organisation",
    )
    assert_role_table(
        rule_check(
            permissions.can_organise_for_organisation,
            users,
            PartnerOrganisationFactory(is_active=False),
        ),
        expect(False),
        label="inactive organisation",
    )


def test_the_organisations_staff_run_its_circle(cast, own_group):
    users = cast.users()
    rules = {
        "is_organising_partner": expect(False, partner=True),
        "can_manage_circle": expect(False, partner=True),
        "is_organiser": expect(False),
        "is_active_member": expect(False),
        "can_view_circle": COMMUNITY,
        "can_join": COMMUNITY,
        "can_read_discussion": expect(False),
    }
    for name, table in rules.items():
        assert_role_table(
            rule_check(getattr(permissions, name), users, own_group), table, label=name
        )


def test_staff_of_another_organisation_do_not_run_it(cast, other_group):
    users = cast.users()
    for name in ("is_organising_partner", "can_manage_circle", "is_organiser"):
        assert_role_table(
            rule_check(getattr(permissions, name), users, other_group), expect(False), label=name
        )


def test_a_private_circle_of_an_organisation_is_seen_by_its_staff(cast):
    colleague = user_with_role(Role.PARTNER, organisation=organisation_of(cast.partner))
    private = circle_for(
        colleague,
        visibility=Circle.Visibility.PRIVATE,
        policy=Circle.Policy.INVITE,
        organiser_organisation=organisation_of(cast.partner),
    )
    fresh = Circle.objects.get(pk=private.pk)
    assert_role_table(
        rule_check(permissions.can_view_circle, cast.users(), fresh), expect(False, partner=True)
    )


# The organisers' pages and what a guest gets there: the page of a members' circle they
# may not see, or the sign-in page first.
MANAGE_PAGES = {"circles:edit": 404, "circles:members": 404, "circles:session_create": LOGIN}


@pytest.mark.parametrize("url_name", MANAGE_PAGES)
def test_who_opens_the_organisers_pages_of_an_organisations_circle(
    cast, client_for, own_group, other_group, url_name
):
    """Staff of the organisation open them; other community members are refused; staff
    roles do not see a members' circle at all."""
    people = cast.by_role()
    guest = MANAGE_PAGES[url_name]
    assert_role_table(
        page_check(client_for, people, reverse(url_name, args=[own_group.pk])),
        expect(404, guest=guest, member=403, mentor=403, partner=200),
    )
    assert_role_table(
        page_check(client_for, people, reverse(url_name, args=[other_group.pk])),
        expect(404, guest=guest, member=403, mentor=403, partner=403),
        label="another organisation's circle",
    )


def test_who_may_start_a_circle_page(cast, client_for):
    assert_role_table(
        page_check(client_for, cast.by_role(), reverse("circles:create")),
        expect(403, guest=LOGIN, member=200, mentor=200, partner=200),
    )


# Services


def test_partner_staff_start_a_peer_group_for_their_organisation(cast):
    group = circle_for(
        cast.partner,
        kind=Circle.Kind.PEER_GROUP,
        organiser_organisation=organisation_of(cast.partner),
    )
    group.refresh_from_db()
    assert group.kind == Circle.Kind.PEER_GROUP
    assert group.organiser_organisation == organisation_of(cast.partner)


@pytest.mark.parametrize("who", ["member", "partner"])
def test_nobody_starts_a_circle_for_an_organisation_not_their_own(cast, who):
    with pytest.raises(ValidationError) as error:
        circle_for(getattr(cast, who), organiser_organisation=PartnerOrganisationFactory())
    assert "organiser_organisation" in error.value.message_dict
    assert not Circle.objects.exists()


def test_colleagues_edit_and_only_staff_take_the_organisation_off(cast, own_group):
    services.circle_update(actor=cast.partner, circle=own_group, name="Uusi nimi")
    assert Circle.objects.get(pk=own_group.pk).name == "Uusi nimi"

    member_organiser = cast.member
    services.circle_join(actor=member_organiser, circle=own_group)
    membership = own_group.memberships.get(user=member_organiser)
    services.organiser_add(actor=cast.partner, membership=membership)
    own_group = Circle.objects.get(pk=own_group.pk)
    with pytest.raises(ValidationError):
        services.circle_update(
            actor=member_organiser, circle=own_group, organiser_organisation=None
        )
    assert Circle.objects.get(pk=own_group.pk).organiser_organisation_id is not None

    services.circle_update(actor=cast.partner, circle=own_group, organiser_organisation=None)
    assert Circle.objects.get(pk=own_group.pk).organiser_organisation_id is None


def test_staff_of_another_organisation_cannot_edit(cast, other_group):
    with pytest.raises(PermissionDenied):
        services.circle_update(actor=cast.partner, circle=other_group, name="Kaapattu")
    assert Circle.objects.get(pk=other_group.pk).name != "Kaapattu"


@pytest.mark.parametrize("format", [Circle.Format.IN_PERSON, Circle.Format.HYBRID])
def test_a_virtual_group_meets_only_online(cast, format):
    with pytest.raises(ValidationError) as error:
        circle_for(
            cast.member,
            kind=Circle.Kind.VIRTUAL_GROUP,
            format=format,
            municipality=municipality("091"),
        )
    assert "format" in error.value.message_dict
    assert not Circle.objects.exists()

    group = circle_for(cast.member, kind=Circle.Kind.VIRTUAL_GROUP)
    assert group.online_link.startswith("https://")
    with pytest.raises(ValidationError):
        services.circle_update(
            actor=cast.member, circle=group, format=format, municipality=municipality("091")
        )
    assert Circle.objects.get(pk=group.pk).format == Circle.Format.ONLINE


# Pages


def _form_data(**fields):
    return {
        "kind": "peer_group",
        "name": "Jaksamisen vertaisryhmä",
        "topic": "Jaksaminen",
        "description": "Puhutaan <script>alert(1)</script> **jaksamisesta**.",
        "language": "fi",
        "format": "online",
        "policy": "open",
        "visibility": "members",
        **fields,
    }


def test_partner_staff_start_a_peer_group_through_the_form(cast, client_for):
    organisation = organisation_of(cast.partner)
    client = client_for(cast.partner)
    page = client.get(reverse("circles:create"))
    assert organisation.name in page.content.decode()

    response = client.post(
        reverse("circles:create"), _form_data(organiser_organisation=organisation.pk)
    )

    group = Circle.objects.get()
    assert response.status_code == 302
    assert group.kind == Circle.Kind.PEER_GROUP and group.organiser_organisation == organisation
    assert "<script>" not in group.description_html
    detail = client.get(group.get_absolute_url()).content.decode()
    assert reverse("services:organisation", args=[organisation.pk]) in detail
    assert "Järjestäjä:" in detail and "Vertaisryhmä" in detail


def test_the_form_refuses_another_organisation_and_saves_nothing(cast, client_for):
    client = client_for(cast.partner)
    response = client.post(
        reverse("circles:create"),
        _form_data(organiser_organisation=PartnerOrganisationFactory().pk),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["organiser_organisation"]
    assert not Circle.objects.exists()


def test_a_member_is_not_offered_an_organisation(cast, client_for):
    client = client_for(cast.member)
    page = client.get(reverse("circles:create"))
    assert "organiser_organisation" not in page.context["form"].fields
    client.post(
        reverse("circles:create"),
        _form_data(organiser_organisation=organisation_of(cast.partner).pk),
    )
    assert Circle.objects.get().organiser_organisation is None


def test_a_virtual_group_in_person_is_refused_with_a_clear_message(cast, client_for):
    response = client_for(cast.member).post(
        reverse("circles:create"),
        _form_data(kind="virtual_group", format="in_person", municipality=municipality("091").pk),
    )
    assert response.status_code == 200
    assert "Virtuaaliryhmä" in " ".join(response.context["form"].errors["format"])
    assert not Circle.objects.exists()


def test_the_list_filters_by_kind_with_bounded_queries(
    cast, client_for, django_assert_max_num_queries
):
    organisation = organisation_of(cast.partner)
    circle_for(cast.member, name="Opintopiiri")
    circle_for(
        cast.partner, name="Vertaiset", kind="peer_group", organiser_organisation=organisation
    )
    circle_for(cast.member, name="Verkkoryhmä", kind="virtual_group")
    client = client_for(cast.mentor)

    def names(**params):
        response = client.get(reverse("circles:list"), params)
        return [circle.name for circle in response.context["page"].object_list]

    assert names(laji="peer_group") == ["Vertaiset"]
    assert names(laji="virtual_group") == ["Verkkoryhmä"]
    assert names(laji="study_circle") == ["Opintopiiri"]
    assert len(names()) == 3
    assert len(names(laji="nonsense")) == 3  # a bad value is ignored
    page = client.get(reverse("circles:list"), {"laji": "peer_group"}).content.decode()
    assert "Vertaisryhmä" in page and organisation.name in page

    with django_assert_max_num_queries(10) as few:
        client.get(reverse("circles:list"))
    for number in range(20):
        staff = user_with_role(Role.PARTNER)
        circle_for(
            staff,
            name=f"Ryhmä {number}",
            kind="peer_group",
            organiser_organisation=organisation_of(staff),
        )
    with django_assert_max_num_queries(10) as many:
        client.get(reverse("circles:list"))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_detail_of_an_organisations_circle_has_bounded_queries(
    cast, client_for, own_group, django_assert_max_num_queries
):
    for _number in range(2):
        services.circle_join(actor=UserFactory(), circle=own_group)
    client = client_for(cast.partner)
    with django_assert_max_num_queries(10):
        response = client.get(own_group.get_absolute_url())
    assert response.status_code == 200


# The organisation's public page


def test_the_organisations_page_lists_its_open_groups_as_the_list_would(
    cast, client_for, own_group, other_group
):
    """Its members' groups for those who see members' circles, its public ones for all;
    never a private or full one, nor another organisation's."""
    organisation = organisation_of(cast.partner)
    public = circle_for(
        colleague_of(cast.partner),
        name="Avoin vertaisryhmä",
        kind="peer_group",
        visibility=Circle.Visibility.PUBLIC,
        organiser_organisation=organisation,
    )
    circle_for(
        colleague_of(cast.partner),
        name="Yksityinen ryhmä",
        visibility=Circle.Visibility.PRIVATE,
        policy=Circle.Policy.INVITE,
        organiser_organisation=organisation,
    )
    full = circle_for(
        colleague_of(cast.partner),
        name="Täysi ryhmä",
        capacity=2,
        organiser_organisation=organisation,
    )
    services.circle_join(actor=UserFactory(), circle=full)
    url = reverse("services:organisation", args=[organisation.pk])

    def listed(role):
        client = client_for(cast.by_role()[role])
        try:
            page = client.get(url).content.decode()
        finally:
            client.logout()
        return tuple(
            name
            for name in (
                public.name,
                own_group.name,
                "Yksityinen ryhmä",
                "Täysi ryhmä",
                other_group.name,
            )
            if name in page
        )

    both = (public.name, own_group.name)
    assert_role_table(listed, expect((public.name,), member=both, mentor=both, partner=both))


def test_the_organisations_page_stays_within_its_query_budget(
    cast, client_for, own_group, django_assert_max_num_queries
):
    organisation = organisation_of(cast.partner)
    client = client_for(cast.member)
    url = reverse("services:organisation", args=[organisation.pk])
    with django_assert_max_num_queries(10) as few:
        assert own_group.name in client.get(url).content.decode()
    for number in range(12):
        circle_for(
            colleague_of(cast.partner), name=f"Ryhmä {number}", organiser_organisation=organisation
        )
    with django_assert_max_num_queries(10) as many:
        client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)
