"""Who may do what in moderation: one named rule per function, used by views and templates.

Members, mentors and partners report what they can see, never their own; moderators see
only what was reported and act only through a case; an appeal goes to a moderator other
than the one who hid the item."""

from ideahautomo.accounts.models import Role
from ideahautomo.messaging.permissions import COMMUNITY_ROLES

from .models import Case


def _signed_in(user):
    return user is not None and user.is_authenticated and user.is_active


def can_report(user):
    """The community's own people report content; staff have the queue."""
    return _signed_in(user) and user.has_role(*COMMUNITY_ROLES)


def can_report_item(user, kind, obj, author):
    """Something the reporter may see and did not write themselves."""
    if not can_report(user) or obj is None:
        return False
    if author is not None and author.pk == user.pk:
        return False
    return bool(kind.can_see(user, obj))


def can_moderate(user):
    return _signed_in(user) and user.has_role(Role.MODERATOR)


def can_view_case(user, case):
    return can_moderate(user)


def can_decide_case(user, case):
    """Hide, warn or dismiss: only an open case (the item was reported and waits)."""
    return can_moderate(user) and case.state == Case.State.OPEN


def can_restore_case(user, case):
    """Show a hidden item again. While the author's appeal waits, only a moderator other
    than the one who hid it decides; without an appeal any moderator may undo a hiding."""
    if not can_moderate(user) or case.state != Case.State.HIDDEN:
        return False
    appeal = _appeal_of(case)
    if appeal is not None and appeal.decided_at is None:
        return user.pk != case.hidden_by_id
    return True


def can_decide_appeal(user, appeal):
    """Restore or keep hidden: a moderator other than the one who hid the item."""
    return (
        can_moderate(user)
        and appeal is not None
        and appeal.decided_at is None
        and appeal.case.state == Case.State.HIDDEN
        and user.pk != appeal.case.hidden_by_id
    )


def can_appeal(user, case):
    """The author of a hidden item asks once for another look."""
    return (
        _signed_in(user)
        and case.state == Case.State.HIDDEN
        and case.author_id == user.pk
        and _appeal_of(case) is None
    )


def can_view_decision(user, case):
    """The author reads why their item was hidden (and their appeal's state)."""
    return _signed_in(user) and case.author_id == user.pk and case.state == Case.State.HIDDEN


def _appeal_of(case):
    try:
        return case.appeal
    except Case.appeal.RelatedObjectDoesNotExist:
        return None
