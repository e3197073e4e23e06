"""Ideas in the members' suggestions: open ideas that need what the member knows or wants."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ideahautomo.profiles.matching import (
    cached_ranking,
    ranking_read_back,
    register_needed_skills_source,
    register_source,
)
from ideahautomo.profiles.models import ProfileSkill

from .models import Idea
from .selectors import visible_ideas


@register_source("ideas", gettext_lazy("Ideas"))
def idea_suggestions(viewer, viewer_profile, limit=10):
    """Open ideas needing a skill the member knows (2 points each) or wants to learn
    (1 point each), in the member's municipality (+2) or online (+1); newer first on ties.
    The ranking is cached per member until their profile changes."""
    ranking = cached_ranking(
        "ideas", viewer, viewer_profile, limit, lambda: _rank(viewer, viewer_profile, limit)
    )
    # Read back through the visibility rule: an idea may have been archived since.
    ideas = (
        visible_ideas(viewer=viewer)
        .select_related("municipality", "owner")
        .prefetch_related("skills")
    )
    return ranking_read_back("ideas", ranking, ideas)


def _rank(viewer, viewer_profile, limit):
    links = ProfileSkill.objects.filter(profile_id=viewer_profile.pk).values_list(
        "skill_id", "relation"
    )
    knows = {skill for skill, relation in links if relation == ProfileSkill.Relation.HAS}
    wants = {skill for skill, relation in links if relation == ProfileSkill.Relation.WANTS}
    if not knows and not wants:
        return []
    ideas = (
        visible_ideas(viewer=viewer)
        .filter(status__in=Idea.OPEN_STATUSES, skills__in=knows | wants)
        .exclude(owner=viewer)
        .prefetch_related("skills")
        .distinct()
        .order_by("-last_activity_at")[:100]
    )
    municipality_id = viewer_profile.user.municipality_id
    ranked = []
    for idea in ideas:
        needed = {skill.pk: skill for skill in idea.skills.all()}
        points, parts = 0, []
        known = [needed[pk] for pk in needed.keys() & knows]
        if known:
            points += 2 * len(known)
            parts.append(_("needs %(skills)s, which you know") % {"skills": _names(known)})
        learnable = [needed[pk] for pk in needed.keys() & wants]
        if learnable:
            points += len(learnable)
            parts.append(_("you can learn %(skills)s here") % {"skills": _names(learnable)})
        if municipality_id and idea.municipality_id == municipality_id:
            points += 2
            parts.append(_("in your municipality"))
        elif idea.online:
            points += 1
            parts.append(_("can be done online"))
        reason = "; ".join(parts)
        ranked.append((points, idea.pk, reason[:1].upper() + reason[1:]))
    ranked.sort(key=lambda row: (-row[0], -row[1]))
    return [(pk, points, reason) for points, pk, reason in ranked[:limit]]


def _names(skills):
    return ", ".join(skill.label for skill in sorted(skills, key=lambda s: s.key)[:3])


@register_needed_skills_source
def own_ideas_needed_skills(user_id):
    """The skills the member's own open ideas need (mentors who know them are suggested)."""
    return set(
        Idea.skills.through.objects.filter(
            idea__owner_id=user_id, idea__status__in=Idea.OPEN_STATUSES
        ).values_list("skill_id", flat=True)[:100]
    )
