"""Reads of the mentoring pages: the mentor directory with free places, one person's
mentorings and one mentoring with its meetings, for its two parties only."""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from ideahautomo.lib.linkable import links_for
from ideahautomo.profiles.models import MentorProfile, ProfileLanguage
from ideahautomo.profiles.selectors import matching_skill_ids, visible_mentor_profiles

from .models import Mentoring
from .permissions import can_see_mentoring


@dataclass
class MentorFilters:
    topic: str = ""
    skill: str = ""
    language: str = ""
    municipality: object = None
    online: bool = False
    available: bool = False


def with_active_count(mentor_profiles):
    """Each mentor profile with active_count: mentorings in progress (one subquery)."""
    active = (
        Mentoring.objects.filter(mentor_id=OuterRef("user_id"), status=Mentoring.Status.ACTIVE)
        .order_by()
        .values("mentor_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return mentor_profiles.annotate(
        active_count=Coalesce(Subquery(active, output_field=IntegerField()), 0)
    )


def mentor_directory(*, viewer, filters):
    """Mentors the viewer may find, those taking mentees first, newest first."""
    mentors = visible_mentor_profiles(viewer=viewer)
    if filters.topic in MentorProfile.TOPICS:
        mentors = mentors.filter(**{MentorProfile.TOPICS[filters.topic]: True})
    if filters.skill:
        mentors = mentors.filter(
            skills__in=matching_skill_ids(filters.skill, prefix=True)
        ).distinct()
    if filters.language:
        mentors = mentors.filter(
            pk__in=ProfileLanguage.objects.filter(code=filters.language).values("profile_id")
        )
    if filters.municipality is not None and filters.online:
        mentors = mentors.filter(
            Q(meets_in_person=True, municipality=filters.municipality) | Q(meets_online=True)
        )
    elif filters.municipality is not None:
        mentors = mentors.filter(meets_in_person=True, municipality=filters.municipality)
    elif filters.online:
        mentors = mentors.filter(meets_online=True)
    if filters.available:
        mentors = mentors.filter(is_available=True)
    return with_active_count(mentors).order_by("-is_available", "-user_id")


def mentor_for_request(*, viewer, mentor_id):
    """The mentor profile a member asks, if the member may find it; 404 otherwise."""
    mentor_profile = with_active_count(
        visible_mentor_profiles(viewer=viewer).filter(pk=mentor_id)
    ).first()
    if mentor_profile is None:
        raise Http404
    return mentor_profile


def mentorings_of(user):
    """The person's mentorings as a mentee and as a mentor, newest first."""
    mentorings = list(
        Mentoring.objects.filter(Q(mentee=user) | Q(mentor=user))
        .select_related("mentee", "mentor")
        .order_by("-created_at")[:200]
    )
    return {
        "as_mentee": [mentoring for mentoring in mentorings if mentoring.mentee_id == user.pk],
        "as_mentor": [mentoring for mentoring in mentorings if mentoring.mentor_id == user.pk],
    }


def mentoring_for_party(*, viewer, pk):
    """The mentoring with its meetings and feedback, for its two parties; 404 for
    everyone else, staff included, so that even its existence stays private."""
    mentoring = (
        Mentoring.objects.filter(pk=pk)
        .select_related("mentee", "mentor")
        .prefetch_related("meetings", "feedback")
        .first()
    )
    if mentoring is None or not can_see_mentoring(viewer, mentoring):
        raise Http404
    return mentoring


def shared_idea_link(*, viewer, mentoring):
    """The idea the mentee shared, if the viewer may see it (lib.linkable), or None."""
    if mentoring.idea_id is None:
        return None
    return links_for(viewer, [("idea", mentoring.idea_id)]).get(("idea", mentoring.idea_id))
