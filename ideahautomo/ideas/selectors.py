"""Reads the idea pages need, with their joins and the visibility rule applied."""

from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from ideahautomo.profiles.models import ProfileSkill
from ideahautomo.profiles.selectors import matching_skill_ids, visible_profiles

from .models import Idea, IdeaComment, IdeaFollow, IdeaInterest, JoinRequest, TeamMember
from .permissions import can_view_idea, is_member

SORTS = {
    "uusimmat": "-created_at",
    "kiinnostavimmat": "-interest_count",
    "aktiivisimmat": "-last_activity_at",
}


@dataclass
class IdeaFilters:
    category: str = ""
    municipality: object = None
    online: bool = False
    skill: str = ""
    status: str = ""
    sort: str = "uusimmat"


def visible_ideas(*, viewer):
    """Public ideas for everyone; members-only ones for members; archived ones for nobody."""
    ideas = Idea.objects.filter(archived_at__isnull=True)
    if viewer.is_authenticated:
        ideas = ideas.filter(Q(hidden_at__isnull=True) | Q(owner=viewer))
    else:
        ideas = ideas.filter(hidden_at__isnull=True)
    if not is_member(viewer):
        ideas = ideas.filter(visibility=Idea.Visibility.PUBLIC)
    return ideas


def ideas_for_list(*, viewer, filters):
    ideas = visible_ideas(viewer=viewer)
    if filters.category in Idea.Category.values:
        ideas = ideas.filter(category=filters.category)
    if filters.status in Idea.Status.values:
        ideas = ideas.filter(status=filters.status)
    if filters.municipality is not None and filters.online:
        ideas = ideas.filter(Q(municipality=filters.municipality) | Q(online=True))
    elif filters.municipality is not None:
        ideas = ideas.filter(municipality=filters.municipality)
    elif filters.online:
        ideas = ideas.filter(online=True)
    if filters.skill:
        ideas = ideas.filter(skills__in=matching_skill_ids(filters.skill, prefix=False)).distinct()
    ordering = SORTS.get(filters.sort, SORTS["uusimmat"])
    return (
        ideas.select_related("municipality", "owner")
        .prefetch_related("skills")
        .order_by(ordering, "-pk")
    )


def idea_for_viewer(*, viewer, pk):
    """One idea with everything its page shows, including the viewer's own relation to it
    (interested, following, asked to join) as annotations; 404 when the viewer may not read it."""
    ideas = (
        Idea.objects.select_related("owner", "municipality")
        .prefetch_related(
            "skills",
            Prefetch("team", queryset=TeamMember.objects.select_related("user")),
        )
        .annotate(comment_count=Count("comments", filter=Q(comments__deleted_at__isnull=True)))
    )
    if viewer.is_authenticated:
        mine = {"idea": OuterRef("pk"), "user": viewer}
        ideas = ideas.annotate(
            viewer_interested=Exists(IdeaInterest.objects.filter(**mine)),
            viewer_following=Exists(IdeaFollow.objects.filter(**mine)),
            viewer_request_pending=Exists(
                JoinRequest.objects.filter(**mine, state=JoinRequest.State.PENDING)
            ),
        )
    idea = ideas.filter(pk=pk).first()
    if idea is None or not can_view_idea(viewer, idea):
        raise Http404
    if idea.archived_at is not None and viewer.pk != idea.owner_id:
        raise Http404
    return idea


def idea_with_skills(*, viewer, pk):
    """The idea with only its needed skills, for pages about its surroundings."""
    idea = Idea.objects.prefetch_related("skills").filter(pk=pk, archived_at__isnull=True).first()
    if idea is None or not can_view_idea(viewer, idea):
        raise Http404
    return idea


def comments_of(idea, limit=300):
    """Top-level comments, each with .thread_replies, oldest first, in one query."""
    comments = list(
        IdeaComment.objects.filter(idea=idea)
        .select_related("author")
        .order_by("created_at")[:limit]
    )
    top = []
    by_id = {}
    for comment in comments:
        comment.thread_replies = []
        by_id[comment.pk] = comment
        if comment.parent_id is None:
            top.append(comment)
        elif comment.parent_id in by_id:
            by_id[comment.parent_id].thread_replies.append(comment)
    return top


def pending_requests(idea):
    return list(
        JoinRequest.objects.filter(idea=idea, state=JoinRequest.State.PENDING).select_related(
            "user"
        )
    )


def people_with_needed_skills(*, viewer, idea, limit=6):
    """Members who know a skill the idea needs and who let the viewer see them."""
    skill_ids = [skill.pk for skill in idea.skills.all()]
    if not skill_ids or not is_member(viewer):
        return []
    team = TeamMember.objects.filter(idea=idea).values("user_id")
    knowers = ProfileSkill.objects.filter(
        skill_id__in=skill_ids, relation=ProfileSkill.Relation.HAS
    ).values("profile_id")
    return list(
        visible_profiles(viewer=viewer)
        .filter(pk__in=knowers)
        .exclude(pk__in=team)
        .exclude(pk=idea.owner_id)
        .select_related("user", "user__municipality")
        .prefetch_related(
            Prefetch(
                "skill_links",
                queryset=ProfileSkill.objects.filter(skill_id__in=skill_ids).select_related(
                    "skill"
                ),
            )
        )
        .order_by("-pk")[:limit]
    )


def similar_ideas(*, viewer, idea, limit=4):
    skill_ids = [skill.pk for skill in idea.skills.all()]
    if not skill_ids:
        return []
    return list(
        visible_ideas(viewer=viewer)
        .filter(skills__in=skill_ids)
        .exclude(pk=idea.pk)
        .distinct()
        .order_by("-last_activity_at")[:limit]
    )


def _count_per_idea(queryset):
    return Coalesce(
        Subquery(
            queryset.order_by().values("idea").annotate(count=Count("pk")).values("count"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def activity_on_ideas_of(*, user, since, limit=5):
    """The person's own ideas with news for them: others' comments since `since` and join
    requests waiting for their answer, the most recently active first. One query."""
    comments = IdeaComment.objects.filter(
        idea=OuterRef("pk"), created_at__gte=since, deleted_at__isnull=True
    ).exclude(author=user)
    requests = JoinRequest.objects.filter(idea=OuterRef("pk"), state=JoinRequest.State.PENDING)
    return list(
        Idea.objects.filter(owner=user, archived_at__isnull=True)
        .annotate(
            new_comments=_count_per_idea(comments), waiting_requests=_count_per_idea(requests)
        )
        .filter(Q(new_comments__gt=0) | Q(waiting_requests__gt=0))
        .order_by("-last_activity_at", "-pk")[:limit]
    )


def linkable_ideas(viewer, ids):
    """{id: (title, address)} of the ideas among ids that the viewer may see; other
    content (such as a story) links to an idea through lib.linkable."""
    ideas = visible_ideas(viewer=viewer).filter(pk__in=ids).only("pk", "title")
    return {idea.pk: (idea.title, idea.get_absolute_url()) for idea in ideas}


def reviews_of(idea):
    """The mentors' reviews shown on the idea, oldest first, with their mentors."""
    return list(idea.reviews.select_related("mentor"))


def ideas_waiting_for_review(*, viewer, mentor_profile):
    """Ideas whose owners ask for mentors' feedback, in the mentor's areas (a needed skill
    the mentor mentors in, or a business idea for a mentor of starting a business), that
    the mentor has not reviewed yet; those waiting longest first."""
    ideas = (
        visible_ideas(viewer=viewer)
        .filter(review_requested_at__isnull=False)
        .exclude(owner=viewer)
        .exclude(reviews__mentor=viewer)
    )
    if mentor_profile is None:
        return ideas.none()
    areas = Q(skills__in=mentor_profile.skills.all())
    if mentor_profile.topic_business:
        areas |= Q(category=Idea.Category.ENTREPRENEURSHIP)
    matching = Idea.objects.filter(areas).values("pk")
    return (
        ideas.filter(pk__in=matching)
        .select_related("municipality")
        .prefetch_related("skills")
        .order_by("review_requested_at")
    )
