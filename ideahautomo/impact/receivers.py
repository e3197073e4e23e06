"""Impact kept in step with accounts: a deleted account takes its answers with it."""

from django.dispatch import receiver

from ideahautomo.accounts.signals import user_deleted

from .models import CheckIn, ServiceFeedback


@receiver(user_deleted, dispatch_uid="impact.user_deleted")
def forget_the_answers_of_a_deleted_account(sender, user, **kwargs):
    """Delete the person's check-ins and the feedback they sent with their name: its
    free text may tell about them. Anonymous feedback was never linked to them."""
    CheckIn.objects.filter(user=user).delete()
    ServiceFeedback.objects.filter(user=user).delete()
