"""Every role against every events view: the permission table."""

from datetime import timedelta

import pytest
from django.urls import reverse

from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.factories import municipality
from ideahautomo.events import permissions, services
from ideahautomo.events.models import Event
from ideahautomo.testing import (
    LOGIN,
    ROLES,
    assert_role_table,
    expect,
    page_check,
    rule_check,
    status_of,
)

from .factories import EventFactory, in_days

pytestmark = pytest.mark.django_db


PUBLIC = expect(200)
SIGNED_IN = expect(200, guest=LOGIN)
ORGANISERS = expect(404, guest=LOGIN, partner=200, project_manager=200)
# An event in the contact person's area: they run it; the other area's contact person not.
AREA_ORGANISERS = expect(404, guest=LOGIN, contact_person=200, project_manager=200)


@pytest.fixture
def scene(cast):
    """A public event of the partner's organisation, a members-only one, a member's
    proposal and a past event."""
    organisation = cast.partner.roles[Role.PARTNER].organisation
    town = municipality("091")
    town.employment_area = cast.area
    town.save()
    return {
        # Proposed by the contact person of its area's twin, approved by the project manager.
        "area": EventFactory(
            municipality=town,
            street_address="Kirjastokatu 1",
            created_by=cast.member,
            approved_by=cast.project_manager,
        ),
        "public": EventFactory(organisation=organisation, created_by=cast.project_manager),
        "members_only": EventFactory(is_public=False, created_by=cast.project_manager),
        "proposal": EventFactory(status=Event.Status.PROPOSED, created_by=cast.member),
        "past": EventFactory(
            organisation=organisation,
            starts_at=in_days(-3, 12),
            ends_at=in_days(-3, 12) + timedelta(hours=2),
        ),
    }


GET_TABLE = {
    ("events:list", None): PUBLIC,
    ("events:month", None): PUBLIC,
    ("events:archive", None): PUBLIC,
    ("events:detail", "public"): PUBLIC,
    ("events:detail", "members_only"): expect(200, guest=404),
    ("events:detail", "proposal"): expect(404, member=200, project_manager=200),
    ("events:ics", "public"): PUBLIC,
    ("events:ics", "members_only"): expect(200, guest=404),
    ("events:ics", "proposal"): expect(404, member=200, project_manager=200),
    ("events:create", None): SIGNED_IN,
    ("events:manage", None): expect(
        403,
        guest=LOGIN,
        partner=200,
        contact_person=200,
        other_contact_person=200,
        project_manager=200,
    ),
    ("events:mine", None): SIGNED_IN,
    ("events:edit", "public"): ORGANISERS,
    ("events:edit", "members_only"): expect(404, guest=LOGIN, project_manager=200),
    ("events:edit", "area"): AREA_ORGANISERS,
    ("events:attendees", "area"): AREA_ORGANISERS,
    ("events:export", "area"): AREA_ORGANISERS,
    ("events:cancel", "area"): AREA_ORGANISERS,
    ("events:cancel", "public"): ORGANISERS,
    ("events:cancel", "past"): expect(404, guest=LOGIN, partner=302, project_manager=302),
    ("events:attendees", "public"): ORGANISERS,
    ("events:attendees", "past"): ORGANISERS,
    ("events:export", "public"): ORGANISERS,
    ("events:feedback", "past"): SIGNED_IN,
    ("events:feedback", "members_only"): SIGNED_IN,
}


@pytest.mark.parametrize(("url_name", "which"), GET_TABLE)
def test_who_may_open_each_page(cast, client_for, scene, url_name, which):
    url = reverse(url_name, args=[scene[which].pk] if which else [])
    check = page_check(client_for, cast.by_role(), url)
    assert_role_table(check, GET_TABLE[url_name, which], label=f"{url_name} {which}")


def test_who_may_register_and_cancel(cast, client_for, scene):
    people = cast.by_role()
    url = reverse("events:register", args=[scene["public"].pk])
    cancel = reverse("events:cancel_registration", args=[scene["public"].pk])
    for role in ROLES:
        client = client_for(people[role])
        assert status_of(client.get(url)) == (LOGIN if role == "guest" else 405)
        assert status_of(client.post(url)) == (LOGIN if role == "guest" else 302), role
        assert status_of(client.post(cancel)) == (LOGIN if role == "guest" else 302), role
        client.logout()
    assert scene["public"].registrations.filter(status="cancelled").count() == len(ROLES) - 1


def test_no_one_registers_for_what_they_cannot_see(cast, client_for, scene):
    for role in ROLES:
        person = cast.by_role()[role]
        client = client_for(person)
        got = status_of(client.post(reverse("events:register", args=[scene["proposal"].pk])))
        visible = role in ("member", "project_manager")
        assert got == (LOGIN if role == "guest" else 302 if visible else 404), role
        client.logout()
    assert not scene["proposal"].registrations.exists()


def test_who_may_decide_a_proposal(cast, client_for, scene):
    table = expect(404, guest=LOGIN, member=403, project_manager=302)

    def check(role):
        proposal = EventFactory(status=Event.Status.PROPOSED, created_by=cast.member)
        url = reverse("events:decide", args=[proposal.pk])
        decide = page_check(
            client_for, cast.by_role(), url, method="post", data={"decision": "approve"}
        )
        return decide(role)

    assert_role_table(check, table, label="decide")


def test_who_may_mark_attendance(cast, client_for, scene):
    registration = services.event_register(actor=cast.member, event=scene["public"])
    Event.objects.filter(pk=scene["public"].pk).update(starts_at=in_days(0) - timedelta(hours=1))
    url = reverse("events:attendees", args=[scene["public"].pk])
    assert_role_table(
        page_check(
            client_for, cast.by_role(), url, method="post", data={"attended": [registration.pk]}
        ),
        [302 if expected == 200 else expected for expected in ORGANISERS],
        label="attendance",
    )


def test_who_may_manage_a_calendar_link(cast, client_for):
    url = reverse("events:feed_manage")
    assert_role_table(
        page_check(client_for, cast.by_role(), url, method="post", data={"action": "enable"}),
        expect(302, guest=LOGIN),
        label="calendar link",
    )


def test_the_rules_themselves(cast, scene):
    public, proposal = scene["public"], scene["proposal"]
    organisers = expect(False, partner=True, project_manager=True)
    assert_role_table(rule_check(permissions.can_manage_event, cast.users(), public), organisers)
    assert permissions.can_see_event(None, public)
    assert not permissions.can_see_event(None, scene["members_only"])
    assert permissions.can_see_event(cast.member, proposal)
    assert not permissions.can_manage_event(cast.member, proposal)
    approved = services.event_proposal_decide(
        actor=cast.project_manager, event=proposal, approve=True
    )
    assert permissions.can_manage_event(cast.project_manager, approved)
    assert not permissions.can_manage_event(cast.member, approved)
    assert_role_table(rule_check(permissions.can_publish_event, cast.users()), organisers)


def test_who_sees_an_online_link(cast):
    from ideahautomo.events.models import Registration

    webinar = EventFactory(kind=Event.Kind.WEBINAR, online_url="https://meet.example.fi/w")
    confirmed = Registration(event=webinar, user=cast.member, status="confirmed")
    waitlisted = Registration(event=webinar, user=cast.member, status="waitlisted")
    cancelled = Registration(event=webinar, user=cast.member, status="cancelled")
    assert permissions.can_see_online_link(cast.member, webinar, confirmed)
    assert not permissions.can_see_online_link(cast.member, webinar, waitlisted)
    assert not permissions.can_see_online_link(cast.member, webinar, cancelled)
    assert not permissions.can_see_online_link(cast.member, webinar, None)
    assert not permissions.can_see_online_link(None, webinar, None)
    assert permissions.can_see_online_link(cast.project_manager, webinar, None)
    drop_in = EventFactory(kind=Event.Kind.DROP_IN, online_url="https://meet.example.fi/d")
    assert permissions.can_see_online_link(None, drop_in, None)


def test_who_may_cancel_an_event(cast, client_for, scene):
    """Only the organisers; the other area's contact person gets 404 as for any event."""
    table = expect(404, guest=LOGIN, contact_person=302, project_manager=302)

    def check(role):
        event = EventFactory(
            municipality=scene["area"].municipality,
            street_address="Kirjastokatu 1",
            approved_by=cast.project_manager,
        )
        url = reverse("events:cancel", args=[event.pk])
        got = page_check(
            client_for, cast.by_role(), url, method="post", data={"reason": "Sairaus"}
        )(role)
        event.refresh_from_db()
        return got, event.is_cancelled

    assert_role_table(check, [(expected, expected == 302) for expected in table], label="cancel")
