"""What messaging keeps about a person, for their own data download."""

from ideahautomo.accounts.services import register_data_export

from .models import Message


@register_data_export("messages_sent")
def messages_export(user):
    return list(Message.objects.filter(sender=user).values("conversation_id", "body", "created_at"))
