"""Who may do what in messaging: one named rule per function, used by views and templates.

Staff roles never read conversations: only participants open one. Contact persons and
the project manager talk only along the staff line (`is_staff_line`): a contact person
with the clients of their own area, and staff with each other.
"""

from ideahautomo.accounts.models import Role

from . import selectors
from .selectors import STAFF_LINE_ROLES

# The community's own people, who may write to each other.
COMMUNITY_ROLES = (Role.MEMBER, Role.MENTOR, Role.PARTNER)


def _signed_in(user):
    return user is not None and user.is_authenticated and user.is_active


def can_use_messaging(user):
    return _signed_in(user) and user.has_role(*COMMUNITY_ROLES, *STAFF_LINE_ROLES)


def can_block_and_report(user):
    """The community's people block and report each other; staff have their own means."""
    return _signed_in(user) and user.has_role(*COMMUNITY_ROLES)


def can_be_messaged(user):
    """A person others can start a conversation with (whether a given person may is
    `can_message`)."""
    return (
        user is not None and user.is_active and user.has_role(*COMMUNITY_ROLES, *STAFF_LINE_ROLES)
    )


def _serves(staff, member):
    """Whether staff is a contact person of the area member is a client of."""
    assignment = staff.roles.get(Role.CONTACT_PERSON)
    return (
        assignment is not None
        and assignment.area_id is not None
        and member.has_role(Role.MEMBER)
        and member.area_id == assignment.area_id
    )


def is_staff_line(first, second):
    """A contact person and a client of their own area, or two of the staff (contact
    persons and the project manager)."""
    if first.has_role(*STAFF_LINE_ROLES) and second.has_role(*STAFF_LINE_ROLES):
        return True
    return _serves(first, second) or _serves(second, first)


def can_message(sender, recipient):
    """Whether sender may write to recipient: two people of the community, or two on the
    staff line. Blocks and the first-day limits are the services' checks."""
    if not can_use_messaging(sender) or not can_be_messaged(recipient):
        return False
    if sender.pk == recipient.pk:
        return False
    if sender.has_role(*COMMUNITY_ROLES) and recipient.has_role(*COMMUNITY_ROLES):
        return True
    return is_staff_line(sender, recipient)


def can_see_person(viewer, person):
    """Whether the viewer may learn who an account is (its name) from its id.

    Only a member, mentor or partner whose profile the viewer may see: active, its
    visibility lets the viewer see it and neither has blocked the other; or someone
    who shares a conversation with the viewer, whose name that conversation shows
    anyway. Staff-only accounts, closed ones, hidden profiles and blocked people are
    answered exactly as an unknown id is.

    Reads person.seen_by_viewer when selectors.people_for_viewer gave it (one query
    for a whole group); otherwise asks the database.
    """
    if not can_use_messaging(viewer) or person is None:
        return False
    seen = getattr(person, "seen_by_viewer", None)
    if seen is None:
        people = selectors.people_for_viewer(viewer=viewer, ids=[person.pk])
        return people.filter(seen_by_viewer=True).exists()
    return bool(seen)


def can_report_person(reporter, person):
    """A person the reporter may see (can_see_person) and has met here: they share a
    conversation, a study circle or an idea team. Reads person.met_by_viewer when
    selectors.people_for_viewer gave it."""
    if not can_see_person(reporter, person) or person.pk == reporter.pk:
        return False
    met = getattr(person, "met_by_viewer", None)
    if met is None:
        people = selectors.people_for_viewer(viewer=reporter, ids=[person.pk])
        return people.filter(met_by_viewer=True).exists()
    return bool(met)


def can_view_conversation(user, conversation):
    """Only the conversation's own participants who have not left it; no role opens it.

    Reads conversation.active (the participants prefetched by the selector) when present.
    """
    if not can_use_messaging(user) or conversation is None:
        return False
    active = getattr(conversation, "active", None)
    if active is None:
        return conversation.participants.filter(user=user, left_at__isnull=True).exists()
    return any(participant.user_id == user.pk for participant in active)


def can_receive_notifications(user):
    return _signed_in(user)
