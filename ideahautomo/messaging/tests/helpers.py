"""Members who joined long ago (beyond the first-day limit) and ready-made conversations."""

from datetime import timedelta

from django.utils import timezone

from ideahautomo.accounts.tests.factories import UserFactory
from ideahautomo.messaging import services


def old_member(**kwargs):
    kwargs.setdefault("date_joined", timezone.now() - timedelta(days=60))
    return UserFactory(**kwargs)


def conversation(actor, *recipients, body="Hei!", **kwargs):
    return services.conversation_start(
        actor=actor, recipients=list(recipients), body=body, **kwargs
    )
