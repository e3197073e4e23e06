"""Events kept in step with accounts: a deleted account frees its places and leaves no
registration, feed or proposal behind."""

import contextlib

from django.core.exceptions import ValidationError
from django.db.models import F
from django.dispatch import receiver

from ideahautomo.accounts.signals import user_deleted

from . import services
from .models import CalendarFeed, Event, Registration


@receiver(user_deleted, dispatch_uid="events.user_deleted")
def free_the_places_of_a_deleted_account(sender, user, **kwargs):
    """Cancel upcoming registrations (the waitlist moves up), then forget every
    registration of the person, their answers about diet and accessibility (health-related
    personal data) with them, and their calendar feed and unpublished proposals. Anonymous
    feedback was never linked to them and stays."""
    active = Registration.objects.filter(
        user=user,
        status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED],
    )
    for registration in active:
        # An event that has started frees no seat: its count just loses the person.
        with contextlib.suppress(ValidationError):
            services.registration_cancel(actor=user, registration=registration)
    held = Registration.objects.filter(user=user, status=Registration.Status.CONFIRMED)
    Event.objects.filter(pk__in=held.values("event_id"), registered_count__gt=0).update(
        registered_count=F("registered_count") - 1
    )
    Registration.objects.filter(user=user).delete()
    CalendarFeed.objects.filter(user=user).delete()
    Event.objects.filter(
        created_by=user, status__in=[Event.Status.PROPOSED, Event.Status.DECLINED]
    ).delete()
