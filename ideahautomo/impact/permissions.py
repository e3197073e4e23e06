"""Who may do what with check-ins and feedback: one named rule per function."""

from ideahautomo.accounts.models import Role


def _signed_in(user):
    return user is not None and user.is_authenticated and user.is_active


def can_check_in(user):
    """Members tell how they are doing; guests and staff-only accounts have nothing to tell."""
    return _signed_in(user) and user.has_role(Role.MEMBER)


def can_see_check_in(user, check_in):
    """A person's check-ins are theirs alone: staff see only aggregates, never rows."""
    return _signed_in(user) and check_in.user_id == user.pk


def can_give_feedback(user):
    """Everyone, guests included, may tell what they think of the service."""
    return True


def can_give_named_feedback(user):
    """Only a signed-in person can put their name to feedback; guests stay anonymous."""
    return _signed_in(user)
