"""A deleted account's reports lose its name (accounts.signals.user_deleted)."""

from django.dispatch import receiver

from ideahautomo.accounts.signals import user_deleted

from . import services


@receiver(user_deleted, dispatch_uid="moderation.user_deleted")
def forget_a_deleted_account(sender, user, **kwargs):
    services.user_moderation_forget(user=user)
