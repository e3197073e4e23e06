"""Staff run events: contact persons of the event's area once approved, a cancellation that
tells everyone registered, changes of time or place told, and an excursion's host company."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from ideahautomo.accounts.models import AuditEvent, Role
from ideahautomo.accounts.tests.factories import (
    PartnerOrganisationFactory,
    UserFactory,
    municipality,
    user_with_role,
)
from ideahautomo.events import permissions, selectors, services
from ideahautomo.events.models import Event, Registration
from ideahautomo.messaging.models import Notification, NotificationKind

from .factories import EventFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(cast):
    helsinki = municipality("091")
    helsinki.employment_area = cast.area
    helsinki.save()
    return helsinki


@pytest.fixture
def area_event(cast, town):
    """A member's proposal in the contact person's area, approved by the project manager."""
    return EventFactory(
        municipality=town,
        street_address="Kirjastokatu 1",
        capacity=1,
        title="Työnhakupaja",
        created_by=UserFactory(),
        approved_by=cast.project_manager,
    )


def test_the_contact_persons_of_the_area_run_its_approved_events(cast, area_event):
    assert permissions.can_manage_event(cast.contact_person, area_event)
    assert not permissions.can_manage_event(cast.other_contact_person, area_event)
    managed, _proposals = selectors.events_managed_by(viewer=cast.contact_person)
    assert list(managed) == [area_event]
    managed, _proposals = selectors.events_managed_by(viewer=cast.other_contact_person)
    assert list(managed) == []
    services.event_update(actor=cast.contact_person, event=area_event, capacity=5)
    with pytest.raises(PermissionDenied):
        services.event_update(actor=cast.other_contact_person, event=area_event, capacity=9)
    area_event.refresh_from_db()
    assert area_event.capacity == 5


def test_a_contact_persons_own_proposal_is_theirs_to_run_once_approved(cast):
    proposal = services.event_create(
        actor=cast.other_contact_person,
        kind=Event.Kind.WORKSHOP,
        title="CV-klinikka",
        description="Tuo CV:si",
        starts_at=in_days(5, 12),
        ends_at=in_days(5, 14),
        online_url="https://meet.example.fi/cv",
    )
    assert proposal.status == Event.Status.PROPOSED
    assert not permissions.can_manage_event(cast.other_contact_person, proposal)
    services.event_proposal_decide(actor=cast.project_manager, event=proposal, approve=True)
    proposal.refresh_from_db()
    assert permissions.can_manage_event(cast.other_contact_person, proposal)
    assert not permissions.can_manage_event(cast.contact_person, proposal)


def test_cancelling_tells_everyone_registered_or_waiting_and_closes_the_event(
    cast, area_event, django_capture_on_commit_callbacks
):
    placed, waiting, gone = UserFactory(), UserFactory(), UserFactory()
    services.event_register(actor=placed, event=area_event)
    services.event_register(actor=waiting, event=area_event)
    left = services.event_register(actor=gone, event=area_event)
    services.registration_cancel(actor=gone, registration=left)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(
            actor=cast.contact_person, event=area_event, reason="Vetäjä sairastui."
        )
    area_event.refresh_from_db()
    assert area_event.is_cancelled and area_event.cancelled_at
    told = Notification.objects.filter(kind=NotificationKind.EVENT_CANCELLED)
    assert set(told.values_list("recipient_id", flat=True)) == {placed.pk, waiting.pk}
    assert "Vetäjä sairastui." in told.first().text
    assert sorted(m.to[0] for m in mail.outbox) == sorted([placed.email, waiting.email])
    assert AuditEvent.objects.filter(action="event.cancelled", actor=cast.contact_person).exists()
    assert not area_event.registration_open()
    with pytest.raises(ValidationError):
        services.event_register(actor=UserFactory(), event=area_event)
    assert list(selectors.calendar_events_of(user=placed)) == []


@pytest.mark.parametrize("reason", ["", "   ", "x" * 501])
def test_a_cancellation_needs_a_reason_of_sensible_length(cast, area_event, reason):
    with pytest.raises(ValidationError) as excinfo:
        services.event_cancel(actor=cast.contact_person, event=area_event, reason=reason)
    assert "reason" in excinfo.value.error_dict
    area_event.refresh_from_db()
    assert area_event.status == Event.Status.PUBLISHED


def test_a_started_or_cancelled_event_is_not_cancelled_again(cast, area_event):
    services.event_cancel(actor=cast.contact_person, event=area_event, reason="Peruttu")
    with pytest.raises(ValidationError):
        services.event_cancel(actor=cast.contact_person, event=area_event, reason="Taas")
    started = EventFactory(
        starts_at=in_days(0) - timedelta(hours=1), created_by=cast.project_manager
    )
    with pytest.raises(ValidationError):
        services.event_cancel(actor=cast.project_manager, event=started, reason="Myöhässä")
    with pytest.raises(PermissionDenied):
        services.event_cancel(
            actor=cast.other_contact_person, event=EventFactory(), reason="Ei minun"
        )


def test_a_new_time_or_place_is_told_but_a_new_description_is_not(cast, area_event):
    person = UserFactory()
    services.event_register(actor=person, event=area_event)
    services.event_update(actor=cast.contact_person, event=area_event, description="Uusi kuvaus")
    assert not Notification.objects.filter(kind=NotificationKind.EVENT_CHANGE).exists()
    services.event_update(
        actor=cast.contact_person,
        event=area_event,
        starts_at=area_event.starts_at + timedelta(hours=1),
        ends_at=area_event.ends_at + timedelta(hours=1),
    )
    services.event_update(actor=cast.contact_person, event=area_event, venue_name="Sali 2")
    changes = Notification.objects.filter(kind=NotificationKind.EVENT_CHANGE, recipient=person)
    assert changes.count() == 2
    registration = Registration.objects.get(user=person)
    assert registration.status == Registration.Status.CONFIRMED


def test_only_an_excursion_names_a_host_company(cast):
    company = PartnerOrganisationFactory(name="Kainuun Puu Oy")
    with pytest.raises(ValidationError) as excinfo:
        EventFactory.build(kind=Event.Kind.WORKSHOP, host_organisation=company).full_clean(
            exclude=["reminder_at", "created_by"]
        )
    assert "host_organisation" in excinfo.value.error_dict
    excursion = services.event_create(
        actor=cast.project_manager,
        kind=Event.Kind.EXCURSION,
        title="Vierailu sahalle",
        description="Tutustumme sahan töihin.",
        starts_at=in_days(9, 9),
        ends_at=in_days(9, 12),
        venue_name="Saha",
        host_organisation=company,
    )
    assert excursion.host_organisation == company
    assert cast.partner.roles[Role.PARTNER].organisation != company
    partner_staff = user_with_role(Role.PARTNER, organisation=company)
    # Hosting is not organising: the host's staff do not run the event.
    assert not permissions.can_manage_event(partner_staff, excursion)
