"""Who may find mentors, ask for mentoring and take part in one: one named rule per
function. A mentoring is the two people's own: nobody else, staff included, sees it."""

from ideahautomo.accounts.models import Role
from ideahautomo.profiles.permissions import can_browse_members, is_mentor

from .models import Mentoring


def can_find_mentors(user):
    """Members, mentors and partners see the mentor directory, as they see each other."""
    return can_browse_members(user)


def can_ask_for_mentoring(user):
    """Members ask for mentoring; the mentor, partner and staff roles alone do not."""
    return user.is_authenticated and user.is_active and user.has_role(Role.MEMBER)


def can_request_mentor(user, mentor):
    """A member may ask an active mentor other than themselves."""
    return (
        can_ask_for_mentoring(user)
        and mentor is not None
        and is_mentor(mentor)
        and mentor.pk != user.pk
    )


def can_see_mentoring(user, mentoring):
    """Only the mentee and the mentor, whatever other roles anyone holds."""
    return user.is_authenticated and user.is_active and mentoring.is_party(user)


def can_answer_request(user, mentoring):
    return (
        can_see_mentoring(user, mentoring)
        and user.pk == mentoring.mentor_id
        and mentoring.status == Mentoring.Status.REQUESTED
    )


def can_work_on_mentoring(user, mentoring):
    """Goals and meetings are written by either of the two while the mentoring goes on."""
    return can_see_mentoring(user, mentoring) and mentoring.status == Mentoring.Status.ACTIVE


def can_end_mentoring(user, mentoring):
    """Either of the two may end a mentoring in progress at any time."""
    return can_see_mentoring(user, mentoring) and mentoring.status == Mentoring.Status.ACTIVE


def can_withdraw_request(user, mentoring):
    """The mentee may take back a request not yet answered."""
    return (
        can_see_mentoring(user, mentoring)
        and user.pk == mentoring.mentee_id
        and mentoring.status == Mentoring.Status.REQUESTED
    )


def can_give_feedback(user, mentoring):
    return can_see_mentoring(user, mentoring) and mentoring.status == Mentoring.Status.ENDED
