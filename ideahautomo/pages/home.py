"""What the home page shows each person: what is next for a member, and what waits for
staff. Every part reads a bounded number of rows whatever the size of the data."""

from datetime import timedelta

from django.utils import timezone

from ideahautomo.accounts import permissions as account_permissions
from ideahautomo.accounts import selectors as account_selectors
from ideahautomo.accounts.models import Role
from ideahautomo.circles import session_selectors
from ideahautomo.events import permissions as event_permissions
from ideahautomo.events import selectors as event_selectors
from ideahautomo.ideas import selectors as idea_selectors
from ideahautomo.impact.permissions import can_see_impact
from ideahautomo.moderation import permissions as moderation_permissions
from ideahautomo.moderation import selectors as moderation_selectors
from ideahautomo.points.permissions import can_manage_points
from ideahautomo.profiles import matching
from ideahautomo.profiles import selectors as profile_selectors
from ideahautomo.profiles.permissions import can_browse_members, can_have_profile
from ideahautomo.profiles.steps import completeness

NEXT_MEETINGS = 3
NEXT_EVENTS = 3
IDEA_NEWS_DAYS = 7
IDEAS_WITH_NEWS = 3
SUGGESTIONS = 3
PARTNER_EVENTS = 5
OPEN_INVITATION_STATES = ("queued", "sent", "opened")


def _has_something_to_match(profile):
    """Suggestions come from skills, languages and place; without any there are none to show,
    and the page spares their queries."""
    return (
        profile.has_skills
        or profile.has_wants
        or profile.has_languages
        or profile.user.municipality_id is not None
    )


def member_home(user, *, now):
    """A member's next meetings and events, news on their own ideas, a few suggestions and
    how far their profile set-up has come."""
    part = {
        "meetings": session_selectors.upcoming_sessions_of(user=user, now=now, limit=NEXT_MEETINGS),
        "registrations": event_selectors.next_registrations_of(
            user=user, now=now, limit=NEXT_EVENTS
        ),
        "ideas_with_news": idea_selectors.activity_on_ideas_of(
            user=user, since=now - timedelta(days=IDEA_NEWS_DAYS), limit=IDEAS_WITH_NEWS
        ),
        "suggestions": [],
        "profile_percent": 100,
        "profile_next_step": None,
    }
    if can_have_profile(user):
        profile = profile_selectors.profile_summary(user)
        part["profile_percent"], part["profile_next_step"] = completeness(profile)
        if _has_something_to_match(profile):
            groups = matching.suggestions_for(user, limit=1, viewer_profile=profile)
            part["suggestions"] = [(kind, items[0]) for kind, _label, items in groups if items][
                :SUGGESTIONS
            ]
    return part


def staff_home(user, *, now):
    """What waits for the person's staff roles: invitations and sign-ups for ordering staff,
    proposals for the project manager, reports and suspension appeals for moderators, a
    partner's own events."""
    part = {}
    if account_permissions.can_order_accounts(user):
        counts = account_selectors.invitation_state_counts(viewer=user)
        part["open_invitations"] = sum(counts[state] for state in OPEN_INVITATION_STATES)
        part["sign_ups"] = account_selectors.sign_up_requests_for_staff(viewer=user).count()
        part["figures"] = can_see_impact(user)
        part["points"] = can_manage_points(user)
    if event_permissions.can_decide_event_proposal(user):
        part["event_proposals"] = event_selectors.event_proposal_count()
    if moderation_permissions.can_moderate(user):
        part["open_reports"] = moderation_selectors.open_case_count()
    if account_permissions.can_suspend_users(user):
        part["open_appeals"] = account_selectors.open_appeal_count()
    partner = user.roles.get(Role.PARTNER)
    if partner is not None and partner.organisation_id:
        part["partner_events"] = event_selectors.upcoming_events_of_organisation(
            organisation_id=partner.organisation_id, now=now, limit=PARTNER_EVENTS
        )
    return part


def home_for(user, *, now=None):
    now = now or timezone.now()
    return {
        "member": member_home(user, now=now) if can_browse_members(user) else None,
        "staff": staff_home(user, now=now),
    }
