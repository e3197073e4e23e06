"""An idea's owner and team count as connected, for profiles shown "only to people in the
same study circles and ideas" (and for whom one may report)."""

from django.db.models import Q

from ideahautomo.profiles.connections import register_connection_source

from .models import Idea, TeamMember


def _ideas_of(user_id):
    return Idea.objects.filter(Q(owner_id=user_id) | Q(team__user_id=user_id)).values("pk")


@register_connection_source
def same_idea_team(user_id):
    return TeamMember.objects.filter(idea_id__in=_ideas_of(user_id)).values_list(
        "user_id", flat=True
    )


@register_connection_source
def same_idea_owner(user_id):
    return Idea.objects.filter(pk__in=_ideas_of(user_id)).values_list("owner_id", flat=True)
