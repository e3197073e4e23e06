"""Reads the profile pages need, with their joins and the visibility rules applied."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404

from ideahautomo.accounts.models import RoleAssignment

from .connections import connection_sources
from .languages import LEVEL_ORDER
from .models import Profile, ProfileLanguage, ProfileSkill, SearchTerm, Skill, skill_key
from .permissions import COMMUNITY_ROLES, can_browse_members, can_see_profile

# Filled in by features that let members block each other (see messaging).
_blocked_sources = []


def register_block_source(source):
    """source(user_id) -> ids of users with a block between them and user_id. A source
    may return a queryset of ids, which lists then use as a subquery (no extra query)."""
    _blocked_sources.append(source)
    return source


def block_sources():
    """The registered block sources, for reads that use them as subqueries."""
    return list(_blocked_sources)


def blocked_user_ids(user_id):
    blocked = set()
    for source in _blocked_sources:
        blocked.update(source(user_id))
    return blocked


def with_details(profiles):
    return profiles.select_related("user", "user__municipality").prefetch_related(
        Prefetch(
            "skill_links",
            queryset=ProfileSkill.objects.select_related("skill").order_by("skill__key"),
        ),
        "languages",
    )


def empty_profile(user):
    """The profile of someone who has none stored yet, shown as empty; the first write
    stores it (services.profile_get_or_create). No query: its lists are empty."""
    profile = Profile(user=user, updated_at=user.date_joined)
    profile._prefetched_objects_cache = {
        "skill_links": ProfileSkill.objects.none(),
        "languages": ProfileLanguage.objects.none(),
    }
    return profile


def profile_of(user):
    """A member's own profile with everything shown on it (empty if none is stored)."""
    profile = with_details(Profile.objects.filter(pk=user.pk)).first()
    return profile if profile is not None else empty_profile(user)


def profile_summary(user):
    """A member's own profile without its lists, with flags telling which lists are empty."""

    def skills(relation):
        return ProfileSkill.objects.filter(profile=OuterRef("pk"), relation=relation)

    summary = (
        Profile.objects.filter(pk=user.pk)
        .select_related("user", "user__municipality")
        .annotate(
            has_languages=Exists(ProfileLanguage.objects.filter(profile=OuterRef("pk"))),
            has_skills=Exists(skills(ProfileSkill.Relation.HAS)),
            has_wants=Exists(skills(ProfileSkill.Relation.WANTS)),
        )
        .first()
    )
    if summary is None:
        summary = empty_profile(user)
        summary.has_languages = summary.has_skills = summary.has_wants = False
    return summary


def profile_for_viewer(*, viewer, user_id):
    """The profile if the viewer may see it; 404 otherwise, so that hidden people stay hidden."""
    profile = (
        with_details(Profile.objects.filter(pk=user_id))
        .select_related("user__mentor_profile__municipality")
        .prefetch_related("user__mentor_profile__skills")  # a query only for mentors
        .first()
    )
    if profile is None or not can_see_profile(viewer, profile):
        raise Http404
    if profile.user_id != viewer.pk and profile.user_id in blocked_user_ids(viewer.pk):
        raise Http404
    return profile


def visible_profiles(*, viewer):
    """Profiles the viewer may find: active members who chose "all members", or
    "same circles and ideas" when they share one; never hidden or blocked ones."""
    if not can_browse_members(viewer):
        return Profile.objects.none()
    shown = Q(visibility=Profile.Visibility.MEMBERS)
    for source in connection_sources():
        # Sources give querysets of ids, used here as subqueries (no extra query).
        shown |= Q(visibility=Profile.Visibility.CONNECTIONS, pk__in=source(viewer.pk))
    members = RoleAssignment.objects.filter(user=OuterRef("pk"), role__in=COMMUNITY_ROLES)
    profiles = (
        Profile.objects.filter(shown, user__is_active=True)
        .filter(Exists(members))
        .exclude(pk=viewer.pk)
    )
    for source in _blocked_sources:
        profiles = profiles.exclude(pk__in=source(viewer.pk))
    return profiles


# Above this many speakers (an index-only count), a language filter checks the newest
# members one by one; below it, the speakers' rows lead the search.
COMMON_LANGUAGE_ROWS = 10_000


@dataclass
class DirectoryFilters:
    query: str = ""
    municipality: object = None
    language: str = ""
    level: str = ""
    skill: str = ""
    goal: str = ""


def directory(*, viewer, filters):
    """The people directory: newest first, every filter an indexed lookup."""
    profiles = visible_profiles(viewer=viewer)
    if filters.municipality is not None:
        profiles = profiles.filter(user__municipality=filters.municipality)
    if filters.language:
        languages = ProfileLanguage.objects.filter(code=filters.language)
        if filters.level:
            rank = LEVEL_ORDER[filters.level]
            languages = languages.filter(
                level__in=[level for level, order in LEVEL_ORDER.items() if order >= rank]
            )
        if languages.count() > COMMON_LANGUAGE_ROWS:
            # Many match: walk the newest members and check each, stopping at a page.
            profiles = profiles.filter(Exists(languages.filter(profile=OuterRef("pk"))))
        else:
            # Few match: start from the language rows' index.
            profiles = profiles.filter(pk__in=languages.values("profile_id"))
    if filters.skill:
        profiles = profiles.filter(
            pk__in=ProfileSkill.objects.filter(
                relation=ProfileSkill.Relation.HAS,
                skill_id__in=matching_skill_ids(filters.skill, prefix=False),
            ).values("profile_id")
        )
    if filters.goal in Profile.GOALS:
        profiles = profiles.filter(**{filters.goal: True})
    query = skill_key(filters.query)
    if query:
        profiles = profiles.filter(_text_match(query))
    return with_details(profiles.order_by("-pk"))


def matching_skill_ids(text, *, prefix):
    """Skills named text (or starting with it) in any interface language, at most 50."""
    key = skill_key(text)
    lookup = "istartswith" if prefix else "iexact"
    names = Q(**{f"key__{'startswith' if prefix else 'exact'}": key})
    for field_name in ("name_fi", "name_sv", "name_en", "name_uk"):
        names |= Q(**{f"{field_name}__{lookup}": text.strip()})
    return list(Skill.objects.filter(names).values_list("pk", flat=True)[:50])


def _text_match(query):
    """A word of the name starting with the query, or a skill starting with it.

    Driven from the indexed term and skill rows, not checked row by row."""
    names = SearchTerm.objects.filter(term__gte=query, term__lt=query + "\uffff")
    skills = ProfileSkill.objects.filter(
        relation=ProfileSkill.Relation.HAS,
        skill_id__in=matching_skill_ids(query, prefix=True),
    )
    return Q(pk__in=names.values("profile_id")) | Q(pk__in=skills.values("profile_id"))


def mentor_profile_of(user):
    """The mentor profile of user with its skills, or None."""
    from .models import MentorProfile

    return (
        MentorProfile.objects.filter(pk=user.pk)
        .select_related("municipality")
        .prefetch_related("skills")
        .first()
    )


def visible_mentor_profiles(*, viewer):
    """Mentor profiles of active mentors whose profile the viewer may find."""
    from ideahautomo.accounts.models import Role

    from .models import MentorProfile

    if not can_browse_members(viewer):
        return MentorProfile.objects.none()
    mentors = RoleAssignment.objects.filter(user=OuterRef("user_id"), role=Role.MENTOR)
    profiles = visible_profiles(viewer=viewer)
    return (
        MentorProfile.objects.filter(Exists(mentors), user__is_active=True)
        .filter(pk__in=profiles.values("pk"))
        .select_related("user", "user__profile", "municipality")
        .prefetch_related("skills", "user__profile__languages")
    )


def mentor_offer_of(profile):
    """The mentor profile loaded with a profile (profile_for_viewer), shown while its
    person holds the mentor role; else None. No query."""
    from .models import MentorProfile
    from .permissions import is_mentor

    try:
        mentor_profile = profile.user.mentor_profile
    except MentorProfile.DoesNotExist:
        return None
    return mentor_profile if is_mentor(profile.user) else None
