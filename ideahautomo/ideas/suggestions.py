"""Ideas in the members' suggestions: ideas that need what the member knows or wants."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ideahautomo.profiles.matching import Suggestion, register_source
from ideahautomo.profiles.models import ProfileSkill

from .selectors import visible_ideas


@register_source("ideas", gettext_lazy("Ideas"))
def idea_suggestions(viewer, viewer_profile, limit=10):
    """Open ideas needing a skill the member knows (2 points each) or wants to learn
    (1 point each), in the member's municipality (+2) or online (+1)."""
    knows = {
        link.skill_id
        for link in viewer_profile.skill_links.all()
        if link.relation == ProfileSkill.Relation.HAS
    }
    wants = {
        link.skill_id
        for link in viewer_profile.skill_links.all()
        if link.relation == ProfileSkill.Relation.WANTS
    }
    if not knows and not wants:
        return []
    ideas = (
        visible_ideas(viewer=viewer)
        .filter(status__in=["idea", "forming"], skills__in=knows | wants)
        .exclude(owner=viewer)
        .select_related("municipality", "owner")
        .prefetch_related("skills")
        .distinct()
        .order_by("-last_activity_at")[:100]
    )
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
        municipality_id = viewer_profile.user.municipality_id
        if municipality_id and idea.municipality_id == municipality_id:
            points += 2
            parts.append(_("in your municipality"))
        elif idea.online:
            points += 1
            parts.append(_("can be done online"))
        reason = "; ".join(parts)
        ranked.append((points, idea.pk, idea, reason[:1].upper() + reason[1:]))
    ranked.sort(key=lambda row: (-row[0], -row[1]))
    return [
        Suggestion("ideas", idea, points, reason) for points, _pk, idea, reason in ranked[:limit]
    ]


def _names(skills):
    return ", ".join(skill.label for skill in sorted(skills, key=lambda s: s.key)[:3])
