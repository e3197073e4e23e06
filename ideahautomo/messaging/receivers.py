"""Connect blocks to profiles, and a deleted account to forgetting its notifications,
blocks and reports. Features reach messaging by calling `services.notify`."""

from django.dispatch import receiver

from ideahautomo.accounts.signals import user_deleted
from ideahautomo.profiles.selectors import register_block_source

from . import services
from .models import Block

# Blocked people never see each other in the directory or in suggestions: both
# directions, as subqueries of the lists.
register_block_source(
    lambda user_id: Block.objects.filter(blocker_id=user_id).values_list("blocked_id", flat=True)
)
register_block_source(
    lambda user_id: Block.objects.filter(blocked_id=user_id).values_list("blocker_id", flat=True)
)


@receiver(user_deleted, dispatch_uid="messaging.user_deleted")
def forget_a_deleted_account(sender, user, **kwargs):
    services.user_messaging_forget(user=user)
