"""Who may do what with ideas: one named rule per function."""

from ideahautomo.profiles.permissions import can_browse_members, is_mentor

from .models import Idea


def is_member(user):
    return can_browse_members(user)


def can_view_idea(user, idea):
    if idea.visibility == Idea.Visibility.PUBLIC:
        return True
    return is_member(user)


def can_see_people(user, idea):
    """Names of the owner, team and commenters are for members only, never for guests."""
    return is_member(user)


def can_create_idea(user):
    return is_member(user)


def is_owner(user, idea):
    return user.is_authenticated and user.pk == idea.owner_id


def is_team_member(user, idea, team_ids=None):
    if not user.is_authenticated:
        return False
    if team_ids is None:
        team_ids = set(idea.team.values_list("user_id", flat=True))
    return user.pk == idea.owner_id or user.pk in team_ids


def can_edit_idea(user, idea):
    return is_owner(user, idea) and is_member(user)


def can_comment(user, idea):
    return is_member(user) and can_view_idea(user, idea) and idea.archived_at is None


def can_show_interest(user, idea):
    return is_member(user) and can_view_idea(user, idea) and not is_owner(user, idea)


def can_request_to_join(user, idea, team_ids=None):
    return (
        is_member(user)
        and can_view_idea(user, idea)
        and idea.is_open_for_team
        and not is_team_member(user, idea, team_ids)
    )


def can_post_update(user, idea, team_ids=None):
    return is_member(user) and is_team_member(user, idea, team_ids) and idea.archived_at is None


def can_edit_comment(user, comment):
    return user.is_authenticated and comment.author_id == user.pk and comment.deleted_at is None


def can_ask_for_review(user, idea):
    """The owner asks mentors for feedback on an idea still going (not archived)."""
    return can_edit_idea(user, idea) and idea.archived_at is None


def can_see_review_queue(user):
    """Mentors see ideas waiting for a review in their areas."""
    return is_mentor(user)


def can_review_idea(user, idea):
    """A mentor reviews an idea whose owner asked for it; never their own idea."""
    return (
        is_mentor(user)
        and can_view_idea(user, idea)
        and idea.review_requested_at is not None
        and idea.archived_at is None
        and not is_owner(user, idea)
    )
