"""Who may do what in messaging: one named rule per function, used by views and templates.

Staff roles never read conversations: only participants open one.
"""

from ideahautomo.accounts.models import Role

# The community's own people; staff roles alone do not take part in conversations.
COMMUNITY_ROLES = (Role.MEMBER, Role.MENTOR, Role.PARTNER)


def _signed_in(user):
    return user is not None and user.is_authenticated and user.is_active


def can_use_messaging(user):
    return _signed_in(user) and user.has_role(*COMMUNITY_ROLES)


def can_be_messaged(user):
    """A person others can start a conversation with."""
    return user is not None and user.is_active and user.has_role(*COMMUNITY_ROLES)


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


def can_list_reports(user):
    """Moderators handle reports; the project manager may follow them."""
    return _signed_in(user) and user.has_role(Role.MODERATOR, Role.PROJECT_MANAGER)


def can_handle_report(user, report):
    return can_list_reports(user)
