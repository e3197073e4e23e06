"""What ideas keep about a person, for their own data download."""

from ideahautomo.accounts.services import register_data_export

from .models import Idea, IdeaComment, JoinRequest


@register_data_export("ideas")
def ideas_export(user):
    return {
        "owned": list(
            Idea.objects.filter(owner=user).values("title", "description", "status", "created_at")
        ),
        "comments": list(
            IdeaComment.objects.filter(author=user, deleted_at__isnull=True).values(
                "idea__title", "body", "created_at"
            )
        ),
        "join_requests": list(
            JoinRequest.objects.filter(user=user).values(
                "idea__title", "message", "state", "created_at"
            )
        ),
    }
