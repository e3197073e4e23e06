"""Who may do what with events: one named rule per function, used by views, templates and
selectors alike."""

from django.utils import timezone

from ideahautomo.accounts.models import Role

from .models import Event, Registration


def _signed_in(user):
    return user is not None and user.is_authenticated and user.is_active


def _partner_organisation_id(user):
    assignment = user.roles.get(Role.PARTNER)
    return assignment.organisation_id if assignment else None


def can_publish_event(user):
    """The project manager and partner staff publish events without approval."""
    return _signed_in(user) and user.has_role(Role.PROJECT_MANAGER, Role.PARTNER)


def can_propose_event(user):
    """Everyone signed in may propose an event; the project manager approves proposals."""
    return _signed_in(user)


def can_decide_event_proposal(user, event=None):
    return (
        _signed_in(user)
        and user.has_role(Role.PROJECT_MANAGER)
        and (event is None or event.status == Event.Status.PROPOSED)
    )


def _contact_area_id(user):
    assignment = user.roles.get(Role.CONTACT_PERSON)
    return assignment.area_id if assignment else None


def can_manage_event(user, event):
    """Organisers: the project manager, the partner staff of the organising organisation,
    and, once it is published, the one who published or approved it, a contact person who
    proposed it and the contact persons of the area of its municipality (who keep the
    participant list of a cancelled event).

    Reads event.municipality (select it with the event) for the area."""
    if not _signed_in(user):
        return False
    if user.has_role(Role.PROJECT_MANAGER):
        return True
    if event.organisation_id and event.organisation_id == _partner_organisation_id(user):
        return True
    if event.status not in (Event.Status.PUBLISHED, Event.Status.CANCELLED):
        return False
    if event.approved_by_id == user.pk:
        return True
    area_id = _contact_area_id(user)
    if event.created_by_id == user.pk and (event.approved_by_id is None or area_id is not None):
        return True
    return (
        area_id is not None
        and event.municipality_id is not None
        and event.municipality.employment_area_id == area_id
    )


def can_cancel_event(user, event, now=None):
    """Organisers cancel a published event that has not started; the people registered
    are told."""
    return (
        can_manage_event(user, event)
        and event.status == Event.Status.PUBLISHED
        and not event.has_started(now or timezone.now())
    )


def can_see_online_link(user, event, registration):
    """Online links go to those with a confirmed place (and to everyone for drop-in hours),
    so that strangers do not wander into a video meeting; organisers see them too."""
    confirmed = registration is not None and registration.status == Registration.Status.CONFIRMED
    return event.is_drop_in or confirmed or can_manage_event(user, event)


def can_see_recording(user, event, registration, now=None):
    """A webinar's recording is shown once the event has ended: to those who had a
    confirmed place and to its organisers, or to everyone who sees the event when the
    organisers made it public."""
    if not event.recording_url or not event.has_ended(now or timezone.now()):
        return False
    if event.recording_public:
        return can_see_event(user, event)
    confirmed = registration is not None and registration.status == Registration.Status.CONFIRMED
    return (confirmed and _signed_in(user)) or can_manage_event(user, event)


def can_manage_any_event(user):
    """Whether the organiser's list of events is for the person: those who publish, and
    contact persons, who run their area's events once approved."""
    return can_publish_event(user) or (_signed_in(user) and user.has_role(Role.CONTACT_PERSON))


def can_see_event(user, event):
    """Published public events for everyone, members-only ones for signed-in people;
    proposals for their proposer and the organisers."""
    if event.status in (Event.Status.PUBLISHED, Event.Status.CANCELLED):
        # A cancelled event stays readable at its address, marked cancelled.
        return event.is_public or _signed_in(user)
    if not _signed_in(user):
        return False
    return event.created_by_id == user.pk or can_manage_event(user, event)


def can_register_for_event(user, event, now=None):
    return (
        _signed_in(user)
        and can_see_event(user, event)
        and event.registration_open(now or timezone.now())
    )


def can_see_attendees(user, event):
    return can_manage_event(user, event)


def can_give_feedback(user, registration, now=None):
    return (
        _signed_in(user)
        and registration.user_id == user.pk
        and registration.attended is True
        and registration.feedback_given_at is None
        and registration.event.feedback_open(now or timezone.now())
    )


def can_subscribe_calendar(user):
    return _signed_in(user)
