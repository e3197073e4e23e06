"""Ideas kept in step with accounts: a deleted account leaves its interests, follows,
teams and requests, and its ideas go on with their team or are archived."""

from django.db import transaction
from django.db.models import Count, F
from django.dispatch import receiver
from django.utils import timezone

from ideahautomo.accounts.signals import user_deleted

from .models import Idea, IdeaFollow, IdeaInterest, JoinRequest, TeamMember
from .notices import Kind, emit


def ideas_leave_all(*, user):
    """Inside the caller's transaction. What the person wrote (ideas, comments, news)
    stays, from "Deleted user"; an idea with a team passes to its longest-standing
    member, who is told; one without a team is archived."""
    with transaction.atomic():
        interests = IdeaInterest.objects.filter(user=user)
        counts = interests.values("idea_id").annotate(count=Count("pk")).order_by()
        for row in counts:
            Idea.objects.filter(pk=row["idea_id"]).update(
                interest_count=F("interest_count") - row["count"]
            )
        interests.delete()
        IdeaFollow.objects.filter(user=user).delete()
        TeamMember.objects.filter(user=user).delete()
        JoinRequest.objects.filter(user=user).delete()
        for idea in Idea.objects.filter(owner=user, archived_at__isnull=True).order_by("pk"):
            _owner_replace(idea, user)


def _owner_replace(idea, leaving):
    heir = TeamMember.objects.filter(idea=idea).order_by("joined_at", "pk").first()
    if heir is None:
        Idea.objects.filter(pk=idea.pk).update(archived_at=timezone.now())
        JoinRequest.objects.filter(idea=idea, state=JoinRequest.State.PENDING).update(
            state=JoinRequest.State.DECLINED, decided_at=timezone.now()
        )
        return
    Idea.objects.filter(pk=idea.pk).update(owner_id=heir.user_id)
    heir.delete()
    IdeaFollow.objects.get_or_create(idea=idea, user_id=heir.user_id)
    emit(Kind.OWNERSHIP, idea=idea, actor=leaving, recipients=[heir.user_id])


@receiver(user_deleted, dispatch_uid="ideas.user_deleted")
def forget_a_deleted_account(sender, user, **kwargs):
    ideas_leave_all(user=user)
