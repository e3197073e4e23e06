"""Suggestions ("Suositukset"): people, and later ideas and circles, ranked for one member
with a one-line reason each.

Scoring is deterministic and open: every point comes from a rule below and every
rule that fired becomes part of the reason. Candidates are found through indexed
lookups (skills, languages, municipality), never by scanning all members, and at
most CANDIDATES_PER_RULE come from each rule; the result is cached per member
until their profile changes.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from .languages import SPOKEN_LANGUAGE_NAMES
from .models import Profile, ProfileLanguage, ProfileSkill
from .selectors import visible_profiles, with_details

CANDIDATES_PER_RULE = 200
CACHE_SECONDS = 15 * 60
# Languages nearly everyone here shares say little about a match.
COMMON_LANGUAGES = {"fi", "sv", "en"}

POINTS = {
    "they_know_what_you_want": 3,
    "you_know_what_they_want": 2,
    "learn_together": 2,
    "shared_language": 2,
    "same_municipality": 2,
    "both_online": 1,
    "shared_goal": 1,
}

_sources = {}


def register_source(kind, label):
    """Register a function (viewer, viewer_profile, limit) -> list[Suggestion] under kind."""

    def decorator(function):
        _sources[kind] = (label, function)
        return function

    return decorator


@dataclass
class Suggestion:
    kind: str
    target: object
    score: int
    reason: str
    rules: list = field(default_factory=list)


def suggestions_for(viewer, *, limit=10, viewer_profile=None):
    """Every registered kind of suggestion for viewer: [(kind, label, [Suggestion])].

    viewer_profile may be a summary (selectors.profile_summary): sources load the
    details they need themselves, only when their cached result has expired.
    """
    if viewer_profile is None:
        from .selectors import profile_summary

        viewer_profile = profile_summary(viewer)
    return [
        (kind, label, function(viewer, viewer_profile, limit))
        for kind, (label, function) in _sources.items()
    ]


def cached_ranking(kind, viewer, viewer_profile, limit, rank):
    """rank(), the (pk, points, reason) rows a source ranks for the member, cached per
    member and interface language until their profile changes."""
    version = viewer_profile.updated_at.timestamp()
    key = f"suggestions:{kind}:{viewer.pk}:{version}:{limit}:{get_language()}"
    ranking = cache.get(key)
    if ranking is None:
        ranking = rank()
        cache.set(key, ranking, CACHE_SECONDS)
    return ranking


def ranking_read_back(kind, ranking, queryset):
    """The ranking's rows as Suggestions, read back through queryset (the source's rules
    now): a row that left it since the ranking was cached is left out."""
    if not ranking:
        return []
    objects = queryset.in_bulk([pk for pk, _points, _reason in ranking])
    return [
        Suggestion(kind, objects[pk], points, reason)
        for pk, points, reason in ranking
        if pk in objects
    ]


@dataclass
class _Facts:
    has: dict
    wants: dict
    languages: set
    municipality_id: int
    municipality_name: str
    online: bool
    goals: set


def _facts(profile):
    has, wants = {}, {}
    for link in profile.skill_links.all():
        (has if link.relation == ProfileSkill.Relation.HAS else wants)[link.skill_id] = link.skill
    return _Facts(
        has=has,
        wants=wants,
        languages={language.code for language in profile.languages.all()},
        municipality_id=profile.user.municipality_id,
        municipality_name=profile.user.municipality.name if profile.user.municipality else "",
        online=profile.meets_online,
        goals={goal for goal in Profile.GOALS if getattr(profile, goal)},
    )


def score(viewer_profile, candidate_profile):
    """(points, rules that fired, reason) for candidate as seen by viewer."""
    me, them = _facts(viewer_profile), _facts(candidate_profile)
    points, rules, parts = 0, [], []

    taught = [them.has[pk] for pk in me.wants.keys() & them.has.keys()]
    if taught:
        points += POINTS["they_know_what_you_want"] * min(len(taught), 3)
        rules.append("they_know_what_you_want")
        parts.append(_("knows %(skills)s, which you want to learn") % {"skills": _names(taught)})
    learned = [me.has[pk] for pk in me.has.keys() & them.wants.keys()]
    if learned:
        points += POINTS["you_know_what_they_want"] * min(len(learned), 3)
        rules.append("you_know_what_they_want")
        parts.append(_("wants to learn %(skills)s, which you know") % {"skills": _names(learned)})
    together = [me.wants[pk] for pk in me.wants.keys() & them.wants.keys()]
    if together:
        points += POINTS["learn_together"] * min(len(together), 3)
        rules.append("learn_together")
        parts.append(_("you both want to learn %(skills)s") % {"skills": _names(together)})
    shared = sorted((me.languages & them.languages) - COMMON_LANGUAGES)
    if shared:
        points += POINTS["shared_language"]
        rules.append("shared_language")
        names = ", ".join(str(SPOKEN_LANGUAGE_NAMES[code]) for code in shared)
        parts.append(_("you both speak %(languages)s") % {"languages": names})
    if me.municipality_id and me.municipality_id == them.municipality_id:
        points += POINTS["same_municipality"]
        rules.append("same_municipality")
        parts.append(_("you both live in %(place)s") % {"place": me.municipality_name})
    elif me.online and them.online:
        points += POINTS["both_online"]
        rules.append("both_online")
        parts.append(_("you can both meet online"))
    goals = me.goals & them.goals
    if goals:
        points += POINTS["shared_goal"] * len(goals)
        rules.append("shared_goal")
        labels = [str(Profile._meta.get_field(goal).verbose_name) for goal in sorted(goals)]
        parts.append(_("you share the goal: %(goals)s") % {"goals": ", ".join(labels)})
    reason = _capitalise("; ".join(parts)) if parts else ""
    return points, rules, reason


def _names(skills):
    return ", ".join(skill.label for skill in sorted(skills, key=lambda skill: skill.key)[:3])


def _capitalise(text):
    return text[:1].upper() + text[1:]


def _candidate_ids(viewer_profile):
    me = _facts(viewer_profile)
    ids = set()

    def take(queryset, field="profile_id"):
        ids.update(queryset.values_list(field, flat=True)[:CANDIDATES_PER_RULE])

    if me.wants:
        take(ProfileSkill.objects.filter(skill_id__in=me.wants, relation=ProfileSkill.Relation.HAS))
        same_place = ProfileSkill.objects.filter(
            skill_id__in=me.wants, relation=ProfileSkill.Relation.WANTS
        )
        if me.municipality_id:
            same_place = same_place.filter(profile__user__municipality_id=me.municipality_id)
        take(same_place)
    if me.has:
        take(ProfileSkill.objects.filter(skill_id__in=me.has, relation=ProfileSkill.Relation.WANTS))
    rare = me.languages - COMMON_LANGUAGES
    if rare:
        speakers = ProfileLanguage.objects.filter(code__in=rare)
        if me.municipality_id:
            take(speakers.filter(profile__user__municipality_id=me.municipality_id))
        take(speakers)
    if me.municipality_id:
        take(Profile.objects.filter(user__municipality_id=me.municipality_id).order_by("-pk"), "pk")
    ids.discard(viewer_profile.pk)
    return ids


@register_source("people", gettext_lazy("People"))
def people_suggestions(viewer, viewer_profile, limit=10):
    """Members to meet, best first; ties go to the newer member."""
    version = viewer_profile.updated_at.timestamp()
    key = f"suggestions:people:{viewer.pk}:{version}:{limit}:{get_language()}"
    cached = cache.get(key)
    if cached is None:
        from .selectors import profile_of

        viewer_profile = profile_of(viewer)  # with its skills and languages
        candidates = with_details(
            visible_profiles(viewer=viewer).filter(pk__in=_candidate_ids(viewer_profile))
        )
        ranked = []
        for candidate in candidates:
            points, rules, reason = score(viewer_profile, candidate)
            if points > 0:
                ranked.append((points, candidate.pk, rules, reason))
        ranked.sort(key=lambda row: (-row[0], -row[1]))
        cached = [(pk, points, rules, reason) for points, pk, rules, reason in ranked[:limit]]
        cache.set(key, cached, CACHE_SECONDS)
    # Read back through the visibility rules: someone may have hidden or blocked since.
    profiles = with_details(
        visible_profiles(viewer=viewer).filter(pk__in=[row[0] for row in cached])
    ).in_bulk()
    return [
        Suggestion("people", profiles[pk], points, reason, rules)
        for pk, points, rules, reason in cached
        if pk in profiles
    ]


# Filled in by features whose content needs skills (ideas: the member's own ideas).
_needed_skill_sources = []


def register_needed_skills_source(source):
    """source(user_id) -> ids of skills the person's own work needs (an idea's needed
    skills), for suggesting mentors who know them."""
    _needed_skill_sources.append(source)
    return source


def needed_skill_ids(user_id):
    needed = set()
    for source in _needed_skill_sources:
        needed.update(source(user_id))
    return needed
