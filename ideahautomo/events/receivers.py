"""Events kept in step with accounts: a deleted account frees its places."""

import contextlib

from django.core.exceptions import ValidationError
from django.dispatch import receiver

from ideahautomo.accounts.signals import user_deleted

from . import services
from .models import Registration


@receiver(user_deleted, dispatch_uid="events.user_deleted")
def free_the_places_of_a_deleted_account(sender, user, **kwargs):
    """Cancel upcoming registrations (the waitlist moves up) and forget the answers
    about diet and accessibility, which are health-related personal data."""
    active = Registration.objects.filter(
        user=user,
        status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED],
    )
    for registration in active:
        # An event that has started keeps the place as history, not as a free seat.
        with contextlib.suppress(ValidationError):
            services.registration_cancel(actor=user, registration=registration)
    Registration.objects.filter(user=user).update(dietary_needs="", accessibility_needs="")
