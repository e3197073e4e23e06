"""Who may do what with check-ins and feedback: one named rule per function.

Everyone, guests included, may send feedback; a person's check-ins are only ever read
through selectors that take that person, so no page shows anyone else's rows."""

from ideahautomo.accounts.models import Role


def _signed_in(user):
    return user is not None and user.is_authenticated and user.is_active


def can_check_in(user):
    """Members tell how they are doing; guests and staff-only accounts have nothing to tell."""
    return _signed_in(user) and user.has_role(Role.MEMBER)


def can_give_named_feedback(user):
    """Only a signed-in person can put their name to feedback; guests stay anonymous."""
    return _signed_in(user)
