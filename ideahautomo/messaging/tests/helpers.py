"""Members who joined long ago (beyond the first-day limit) and ready-made conversations."""

from datetime import timedelta

from django.test import TestCase
from django.utils import timezone

from ideahautomo.accounts.tests.factories import UserFactory
from ideahautomo.messaging import services


def old_member(**kwargs):
    kwargs.setdefault("date_joined", timezone.now() - timedelta(days=60))
    return UserFactory(**kwargs)


def committed():
    """Run what the code queued for after commit (tests run inside a transaction)."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def conversation(actor, *recipients, body="Hei!", **kwargs):
    with committed():
        return services.conversation_start(
            actor=actor, recipients=list(recipients), body=body, **kwargs
        )


def send(actor, chat, body):
    with committed():
        return services.message_send(actor=actor, conversation=chat, body=body)
