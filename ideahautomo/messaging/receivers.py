"""Connect the features that announce events to notifications, blocks to profiles, and
a deleted account to forgetting its notifications, blocks and reports."""

from django.db import transaction
from django.dispatch import receiver

from ideahautomo.accounts.models import User
from ideahautomo.accounts.signals import user_deleted
from ideahautomo.ideas.events import idea_event
from ideahautomo.ideas.models import Idea
from ideahautomo.profiles.selectors import register_block_source

from . import services
from .models import Block, NotificationKind

# Blocked people never see each other in the directory or in suggestions: both
# directions, as subqueries of the lists.
register_block_source(
    lambda user_id: Block.objects.filter(blocker_id=user_id).values_list("blocked_id", flat=True)
)
register_block_source(
    lambda user_id: Block.objects.filter(blocked_id=user_id).values_list("blocker_id", flat=True)
)


@receiver(idea_event, dispatch_uid="messaging.idea_event")
def idea_event_to_notifications(sender, kind, idea_id, actor_id, recipient_ids, data, **kwargs):
    """Each idea event becomes one notification per recipient (sent after the idea's commit)."""
    idea = Idea.objects.filter(pk=idea_id).first()
    if idea is None:
        return
    actor = User.objects.filter(pk=actor_id).first()
    params = {"title": idea.title}
    if "status" in data:
        params["status"] = str(Idea.Status(data["status"]).label)
    with transaction.atomic():
        for recipient in User.objects.filter(pk__in=recipient_ids, is_active=True):
            services.notify(
                recipient=recipient,
                kind=NotificationKind(kind),
                actor=actor,
                target=idea,
                text_params=params,
                url=idea.get_absolute_url(),
            )


@receiver(user_deleted, dispatch_uid="messaging.user_deleted")
def forget_a_deleted_account(sender, user, **kwargs):
    services.user_messaging_forget(user=user)
