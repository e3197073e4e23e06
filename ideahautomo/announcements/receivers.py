"""A deleted account is forgotten by announcements too."""

from django.dispatch import receiver

from ideahautomo.accounts.signals import user_deleted

from . import services


@receiver(user_deleted, dispatch_uid="announcements.user_deleted")
def forget_a_deleted_account(sender, user, **kwargs):
    services.user_announcements_forget(user=user)
