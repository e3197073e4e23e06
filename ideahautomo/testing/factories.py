"""Factories of every app, in one place: people and areas (accounts), profiles' skills,
ideas, study circles, events, announcements, guides, service points, the service map
and stories. Each makes its object through the app's own service where one exists, so
that what a test starts from is what the site would have made."""

from ideahautomo.accounts.models import Municipality
from ideahautomo.accounts.tests.factories import (
    PASSWORD,
    EmploymentAreaFactory,
    InvitationFactory,
    PartnerOrganisationFactory,
    UserFactory,
    authenticator_for,
    invitation_sent,
    municipality,
    user_with_role,
)
from ideahautomo.announcements.tests.factories import members_create
from ideahautomo.events.tests.factories import EventFactory, in_days
from ideahautomo.guides.tests.factories import guide_for, many_guides
from ideahautomo.points.tests.factories import point_in
from ideahautomo.services.tests.factories import service_for
from ideahautomo.stories.tests.factories import (
    consented_story,
    drafted_story,
    own_story,
    published_story,
)

__all__ = [
    "PASSWORD",
    "EmploymentAreaFactory",
    "EventFactory",
    "InvitationFactory",
    "PartnerOrganisationFactory",
    "UserFactory",
    "authenticator_for",
    "circle_for",
    "circle_wish",
    "comment_for",
    "consented_story",
    "drafted_story",
    "guide_for",
    "idea_for",
    "in_days",
    "invitation_sent",
    "many_guides",
    "members_create",
    "municipality",
    "own_story",
    "point_in",
    "published_story",
    "report_for",
    "service_for",
    "user_with_role",
]


def idea_for(owner, **fields):
    """A members' idea in Helsinki published by owner through ideas.services."""
    from ideahautomo.ideas import services
    from ideahautomo.ideas.models import Idea

    values = {
        "title": "Yhteinen kahvila",
        "description": "Etsin **leipureita**.",
        "category": Idea.Category.ENTREPRENEURSHIP,
        "municipality": Municipality.objects.get(code="091"),
        "online": False,
        "visibility": Idea.Visibility.MEMBERS,
        "skill_names": ["leipominen", "Markkinointi"],
    }
    values.update(fields)
    return services.idea_create(actor=owner, **values)


def comment_for(author, idea=None, *, body="Hyvä idea, olen mukana!"):
    """A comment by author on idea (a new idea of another member if None) through
    ideas.services."""
    from ideahautomo.ideas import services

    if idea is None:
        idea = idea_for(UserFactory())
    return services.comment_create(actor=author, idea=idea, body=body)


def report_for(reporter, kind, obj, *, reason="harassment", details=""):
    """reporter's report of obj (of the registered kind named kind) through
    moderation.services."""
    from ideahautomo.lib.moderatable import moderatable_kind
    from ideahautomo.moderation import services

    return services.report_create(
        actor=reporter, kind=moderatable_kind(kind), obj=obj, reason=reason, details=details
    )


def circle_for(organiser=None, **fields):
    """An open online study circle for members, of three places, started by organiser
    (a new member if None) through circles.services."""
    from ideahautomo.circles import services
    from ideahautomo.circles.models import Circle

    values = {
        "name": "Suomea arjessa",
        "topic": "Suomen kieli",
        "description": "Harjoitellaan **arjen** suomea.",
        "language": "fi",
        "level": "A1",
        "format": Circle.Format.ONLINE,
        "municipality": None,
        "capacity": 3,
        "policy": Circle.Policy.OPEN,
        "visibility": Circle.Visibility.MEMBERS,
    }
    values.update(fields)
    return services.circle_create(actor=organiser or UserFactory(), **values)


def circle_wish(user=None, **overrides):
    """A wish for a Finnish circle in Ukrainian at level A1, in Vantaa, through
    circles.services (by a new member unless user is given)."""
    from ideahautomo.circles import services
    from ideahautomo.profiles.models import Skill

    values = {
        "skill": Skill.objects.get(key="suomen kieli"),
        "language": "uk",
        "level": "A1",
        "municipality": municipality("092"),
        "online_ok": False,
    }
    values.update(overrides)
    return services.wish_create(actor=user or UserFactory(), **values)
