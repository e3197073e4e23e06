"""Mentors suggested to a member on their mentoring page: mentors with a free place whose
areas meet what the member wants to learn, their goals and their own ideas' needed skills
(profiles.matching's needed-skills sources), near them or online, each with its reason.
Ranked once and cached per member until their profile changes, as profiles.matching does."""

from django.core.cache import cache
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ideahautomo.profiles.matching import (
    CACHE_SECONDS,
    COMMON_LANGUAGES,
    Suggestion,
    needed_skill_ids,
)
from ideahautomo.profiles.models import MentorProfile, MentorTopic, ProfileLanguage, ProfileSkill
from ideahautomo.profiles.selectors import visible_mentor_profiles

from .permissions import can_ask_for_mentoring
from .selectors import with_active_count

CANDIDATES = 200
POINTS = {
    "wanted_skill": 3,
    "idea_skill": 2,
    "goal_topic": 2,
    "same_municipality": 2,
    "online": 1,
    "shared_language": 2,
}
# The goal of a profile each fixed topic answers.
TOPIC_FOR_GOAL = {
    "goal_business": MentorTopic.BUSINESS,
    "goal_work": MentorTopic.JOB_SEARCH,
}


def _names(skills):
    return ", ".join(skill.label for skill in sorted(skills, key=lambda skill: skill.key)[:3])


def score(*, mentor, wants, needed, goals, municipality_id, online, languages):
    """(points, reason) of one mentor for a member."""
    areas = {skill.pk: skill for skill in mentor.skills.all()}
    points, parts = 0, []
    wanted = [areas[pk] for pk in areas.keys() & wants]
    if wanted:
        points += POINTS["wanted_skill"] * min(len(wanted), 3)
        parts.append(
            _("mentors in %(skills)s, which you want to learn") % {"skills": _names(wanted)}
        )
    for_idea = [areas[pk] for pk in (areas.keys() & needed) - set(wants)]
    if for_idea:
        points += POINTS["idea_skill"] * min(len(for_idea), 3)
        parts.append(_("knows %(skills)s, which your idea needs") % {"skills": _names(for_idea)})
    topics = [
        TOPIC_FOR_GOAL[goal]
        for goal in sorted(goals)
        if goal in TOPIC_FOR_GOAL and getattr(mentor, MentorProfile.TOPICS[TOPIC_FOR_GOAL[goal]])
    ]
    if topics:
        points += POINTS["goal_topic"] * len(topics)
        labels = ", ".join(str(topic.label) for topic in topics)
        parts.append(_("mentors in %(topics)s, your goal") % {"topics": labels})
    if not points:
        return 0, ""
    if mentor.meets_in_person and municipality_id and mentor.municipality_id == municipality_id:
        points += POINTS["same_municipality"]
        parts.append(_("meets in person in %(place)s") % {"place": mentor.municipality.name})
    elif mentor.meets_online and online:
        points += POINTS["online"]
        parts.append(_("meets online"))
    spoken = {language.code for language in mentor.user.profile.languages.all()}
    shared = sorted((spoken & languages) - COMMON_LANGUAGES)
    if shared:
        points += POINTS["shared_language"]
        parts.append(_("speaks your language"))
    reason = "; ".join(parts)
    return points, reason[:1].upper() + reason[1:]


def _rank(viewer, viewer_profile, limit):
    links = ProfileSkill.objects.filter(profile_id=viewer_profile.pk).values_list(
        "skill_id", "relation"
    )
    wants = {skill for skill, relation in links if relation == ProfileSkill.Relation.WANTS}
    needed = needed_skill_ids(viewer.pk)
    goals = {goal for goal in TOPIC_FOR_GOAL if getattr(viewer_profile, goal)}
    if not (wants or needed or goals):
        return []
    wanted_areas = Q(skills__in=wants | needed) if wants | needed else Q(pk__in=[])
    for goal in goals:
        wanted_areas |= Q(**{MentorProfile.TOPICS[TOPIC_FOR_GOAL[goal]]: True})
    candidates = (
        with_active_count(visible_mentor_profiles(viewer=viewer).filter(is_available=True))
        .filter(pk__in=MentorProfile.objects.filter(wanted_areas).values("pk")[:CANDIDATES])
        .order_by("-user_id")
    )
    languages = set(
        ProfileLanguage.objects.filter(profile_id=viewer_profile.pk).values_list("code", flat=True)
    )
    ranked = []
    for mentor in candidates:
        if mentor.active_count >= mentor.capacity:
            continue
        points, reason = score(
            mentor=mentor,
            wants=wants,
            needed=needed,
            goals=goals,
            municipality_id=viewer_profile.user.municipality_id,
            online=viewer_profile.meets_online,
            languages=languages,
        )
        if points:
            ranked.append((points, mentor.pk, reason, mentor))
    ranked.sort(key=lambda row: (-row[0], -row[1]))
    return [
        Suggestion("mentors", mentor, points, reason)
        for points, _pk, reason, mentor in ranked[:limit]
    ]


def mentor_suggestions(viewer, viewer_profile, limit=10):
    """Mentors for a member who may ask for mentoring, best first."""
    if not can_ask_for_mentoring(viewer):
        return []
    version = viewer_profile.updated_at.timestamp()
    key = f"suggestions:mentors:{viewer.pk}:{version}:{limit}:{get_language()}"
    cached = cache.get(key)
    if cached is None:
        fresh = _rank(viewer, viewer_profile, limit)
        cache.set(key, [(s.target.pk, s.score, s.reason) for s in fresh], CACHE_SECONDS)
        return fresh
    if not cached:
        return []
    # Read back: a mentor may have become unavailable or hidden since.
    mentors = with_active_count(
        visible_mentor_profiles(viewer=viewer).filter(is_available=True)
    ).in_bulk([pk for pk, _points, _reason in cached])
    return [
        Suggestion("mentors", mentors[pk], points, reason)
        for pk, points, reason in cached
        if pk in mentors
    ]
