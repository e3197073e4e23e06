"""The one place where ideas announce what happened, for notifications to pick up.

Every service that changes something others care about calls emit(); the signal is
sent after the transaction commits, to the people concerned (never the actor).
"""

from django.db import models, transaction
from django.dispatch import Signal

# Sent with kind, idea_id, actor_id, recipient_ids and data (a dict of strings).
idea_event = Signal()


class Kind(models.TextChoices):
    COMMENT = "idea_comment"
    JOIN_REQUEST = "idea_join_request"
    JOIN_ACCEPTED = "idea_join_accepted"
    JOIN_DECLINED = "idea_join_declined"
    STATUS = "idea_status"
    UPDATE = "idea_update"
    OWNERSHIP = "idea_ownership"


def emit(kind, *, idea, actor, recipients, **data):
    recipient_ids = sorted({user_id for user_id in recipients if user_id != actor.pk})
    if not recipient_ids:
        return
    transaction.on_commit(
        lambda: idea_event.send(
            sender=type(idea),
            kind=kind,
            idea_id=idea.pk,
            actor_id=actor.pk,
            recipient_ids=recipient_ids,
            data=data,
        )
    )
