"""The one place where ideas tell people what happened, through their notifications.

Every service that changes something others care about calls emit(); after the
transaction commits, each person concerned (never the actor) gets one notification
through `messaging.notify`, so their e-mail choices and unsubscribe links apply.
"""

from django.db import models, transaction

from ideahautomo.accounts.models import User
from ideahautomo.messaging.models import NotificationKind
from ideahautomo.messaging.services import notify


class Kind(models.TextChoices):
    COMMENT = "idea_comment"
    JOIN_REQUEST = "idea_join_request"
    JOIN_ACCEPTED = "idea_join_accepted"
    JOIN_DECLINED = "idea_join_declined"
    STATUS = "idea_status"
    UPDATE = "idea_update"
    OWNERSHIP = "idea_ownership"
    REVIEW = "idea_review"


def emit(kind, *, idea, actor, recipients, **data):
    recipient_ids = sorted({user_id for user_id in recipients if user_id != actor.pk})
    if not recipient_ids:
        return
    transaction.on_commit(
        lambda: deliver(
            kind=kind, idea_id=idea.pk, actor_id=actor.pk, recipient_ids=recipient_ids, data=data
        )
    )


def deliver(*, kind, idea_id, actor_id, recipient_ids, data):
    """One notification per recipient still active; runs after the idea's commit."""
    from .models import Idea

    idea = Idea.objects.filter(pk=idea_id).first()
    if idea is None:
        return
    actor = User.objects.filter(pk=actor_id).first()
    params = {"title": idea.title}
    if "status" in data:
        params["status"] = str(Idea.Status(data["status"]).label)
    with transaction.atomic():
        for recipient in User.objects.filter(pk__in=recipient_ids, is_active=True):
            notify(
                recipient=recipient,
                kind=NotificationKind(kind),
                actor=actor,
                target=idea,
                text_params=params,
                url=idea.get_absolute_url(),
            )
