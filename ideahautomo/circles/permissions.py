"""Who may see and do what in study circles: one named rule per function."""

from ideahautomo.accounts.models import Role
from ideahautomo.profiles.permissions import can_browse_members

from .models import Circle, CircleInvitation, Membership


def membership_of(user, circle):
    """The user's membership row (any status) or None; cached on the circle per user."""
    if not user.is_authenticated:
        return None
    cache = circle.__dict__.setdefault("_memberships_by_user", {})
    if user.pk not in cache:
        cache[user.pk] = Membership.objects.filter(circle=circle, user=user).first()
    return cache[user.pk]


def invitation_of(user, circle):
    """The user's open invitation to the circle or None; cached on the circle per user."""
    if not user.is_authenticated:
        return None
    cache = circle.__dict__.setdefault("_invitations_by_user", {})
    if user.pk not in cache:
        cache[user.pk] = (
            CircleInvitation.objects.filter(circle=circle, invitee=user)
            .select_related("invited_by")
            .first()
        )
    return cache[user.pk]


def is_active_member(user, circle):
    membership = membership_of(user, circle)
    return membership is not None and membership.status == Membership.Status.ACTIVE


def is_organiser(user, circle):
    membership = membership_of(user, circle)
    return membership is not None and membership.is_organiser


def partner_organisation_id(user):
    """The partner organisation whose staff the user is, or None."""
    if not (user.is_authenticated and user.is_active):
        return None
    assignment = user.roles.get(Role.PARTNER)
    return assignment.organisation_id if assignment else None


def is_organising_partner(user, circle):
    """Staff of the partner organisation that organises the circle."""
    return (
        circle.organiser_organisation_id is not None
        and circle.organiser_organisation_id == partner_organisation_id(user)
    )


def can_organise_for_organisation(user, organisation):
    """Partner staff start and run circles in the name of their own organisation only."""
    return (
        organisation is not None
        and organisation.is_active
        and can_create_circle(user)
        and organisation.pk == partner_organisation_id(user)
    )


def can_view_circle(user, circle):
    """Public circles for all; members' circles for members; private ones only for their
    own members, the people invited to them and the staff of the organisation that
    organises them (other staff included in "others": they never see private circle
    content)."""
    if circle.visibility == Circle.Visibility.PUBLIC:
        return True
    if circle.visibility == Circle.Visibility.MEMBERS:
        return can_browse_members(user)
    return membership_of(user, circle) is not None or (
        can_browse_members(user)
        and (invitation_of(user, circle) is not None or is_organising_partner(user, circle))
    )


def can_see_members(user, circle):
    return can_browse_members(user) and can_view_circle(user, circle)


def can_see_meeting_link(user, circle):
    return is_active_member(user, circle)


def can_create_circle(user):
    return can_browse_members(user)


def can_join(user, circle):
    return (
        can_browse_members(user)
        and can_view_circle(user, circle)
        and membership_of(user, circle) is None
        and (circle.policy != Circle.Policy.INVITE or invitation_of(user, circle) is not None)
    )


def can_manage_circle(user, circle):
    """The circle's organisers, and the staff of the partner organisation organising it."""
    return can_browse_members(user) and (
        is_organiser(user, circle) or is_organising_partner(user, circle)
    )


def can_view_sessions(user, circle):
    """Meetings are part of the circle's content: whoever sees the circle sees them."""
    return can_view_circle(user, circle)


def can_subscribe_to_sessions(user, circle):
    """A personal calendar feed of the meetings is for the circle's active members."""
    return is_active_member(user, circle)


def can_record_attendance(user, session, now):
    """Attendance is marked by an organiser once a meeting has started, unless cancelled."""
    return (
        can_manage_circle(user, session.circle)
        and session.cancelled_at is None
        and session.starts_at <= now
    )


def can_wish_for_circles(user):
    """Members tell which circles they would join; staff-only accounts and guests do not."""
    return can_browse_members(user)


def can_remove_wish(user, wish):
    return user.is_authenticated and user.pk == wish.user_id


def can_see_circle_demand(user):
    """Contact persons (their own area) and the project manager (every area) see the
    unmet demand for circles, as counts only."""
    return (
        user.is_authenticated
        and user.is_active
        and user.has_role(Role.CONTACT_PERSON, Role.PROJECT_MANAGER)
    )


def can_see_demand_of_all_areas(user):
    return can_see_circle_demand(user) and user.has_role(Role.PROJECT_MANAGER)


def can_answer_invitation(user, circle):
    return (
        can_browse_members(user)
        and membership_of(user, circle) is None
        and invitation_of(user, circle) is not None
    )


def can_read_discussion(user, circle):
    """Every circle's discussion is for its active members only."""
    return can_browse_members(user) and is_active_member(user, circle)


def can_post(user, circle):
    return can_read_discussion(user, circle)


def can_edit_post(user, post):
    return (
        user.is_authenticated
        and post.author_id == user.pk
        and can_read_discussion(user, post.circle)
    )


def can_remove_post(user, post):
    """Authors remove their own posts; organisers keep the discussion and remove any."""
    return can_edit_post(user, post) or can_manage_circle(user, post.circle)
