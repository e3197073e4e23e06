"""Circles in the members' suggestions: open circles with room, about what the member
wants to learn or in a language they speak, meeting where they live or online."""

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ideahautomo.profiles.languages import SPOKEN_LANGUAGE_NAMES
from ideahautomo.profiles.matching import cached_ranking, ranking_read_back, register_source
from ideahautomo.profiles.models import ProfileLanguage, ProfileSkill

from .models import Circle, CircleLanguage, CircleWish, Membership
from .selectors import CircleFilters, circles_for_list, meets_in, meets_online

CANDIDATES = 100
POINTS = {"wanted_skill": 3, "same_municipality": 2, "online": 1, "language": 1}


def joinable_circles(viewer):
    """Listed circles with free places that the viewer may join and is not in yet."""
    return (
        circles_for_list(viewer=viewer, filters=CircleFilters(free_places=True))
        .exclude(policy=Circle.Policy.INVITE)
        .exclude(Exists(Membership.objects.filter(circle=OuterRef("pk"), user=viewer)))
    )


@register_source("circles", gettext_lazy("Circles"))
def circle_suggestions(viewer, viewer_profile, limit=10):
    """Circles about a skill the member wants to learn (3 points) or held in a language
    they speak, as the main or another language (1), meeting in their municipality (+2)
    or online (+1); newer first on ties. The ranking is cached per member until their
    profile changes."""
    ranking = cached_ranking(
        "circles", viewer, viewer_profile, limit, lambda: _rank(viewer, viewer_profile, limit)
    )
    # Read back through the rules: a circle may have filled up or gone private since.
    return ranking_read_back("circles", ranking, joinable_circles(viewer))


def _rank(viewer, viewer_profile, limit):
    """One query: what the member wants and speaks is read by subqueries of it."""
    wanted = ProfileSkill.objects.filter(
        profile_id=viewer_profile.pk,
        relation=ProfileSkill.Relation.WANTS,
        skill_id=OuterRef("skill_id"),
    )
    wished = CircleWish.objects.filter(user=viewer, skill_id=OuterRef("skill_id"))
    languages = ProfileLanguage.objects.filter(profile_id=viewer_profile.pk)
    spoken = languages.filter(code=OuterRef("language"))
    also_spoken = (
        CircleLanguage.objects.filter(
            circle_id=OuterRef("pk"), language__in=languages.values("code")
        )
        .order_by("language")
        .values("language")[:1]
    )
    municipality_id = viewer_profile.user.municipality_id
    place = meets_online()
    if municipality_id:
        place |= meets_in(municipality_id)
    circles = (
        joinable_circles(viewer)
        .select_related("skill")
        .filter(place)
        .annotate(
            wanted=Exists(wanted) | Exists(wished),
            spoken=Exists(spoken),
            also_spoken=Subquery(also_spoken),
        )
        .filter(Q(wanted=True) | Q(spoken=True) | Q(also_spoken__isnull=False))
        .order_by("-created_at", "-pk")[:CANDIDATES]
    )
    ranked = []
    for circle in circles:
        points, parts = 0, []
        if circle.wanted:
            points += POINTS["wanted_skill"]
            parts.append(
                _("about %(skill)s, which you want to learn") % {"skill": circle.skill.label}
            )
        if circle.spoken:
            points += POINTS["language"]
            parts.append(
                _("in %(language)s, which you speak")
                % {"language": SPOKEN_LANGUAGE_NAMES[circle.language]}
            )
        elif circle.also_spoken:
            points += POINTS["language"]
            parts.append(
                _("also in %(language)s, which you speak")
                % {"language": SPOKEN_LANGUAGE_NAMES[circle.also_spoken]}
            )
        if municipality_id and circle.meets_in_person and circle.municipality_id == municipality_id:
            points += POINTS["same_municipality"]
            parts.append(_("meets in your municipality"))
        elif circle.meets_online:
            points += POINTS["online"]
            parts.append(_("meets online"))
        reason = "; ".join(parts)
        ranked.append((points, circle.pk, reason[:1].upper() + reason[1:]))
    ranked.sort(key=lambda row: (-row[0], -row[1]))
    return [(pk, points, reason) for points, pk, reason in ranked[:limit]]
