"""What study circles keep about a person, for their own data download."""

from ideahautomo.accounts.services import register_data_export

from .models import CircleInvitation, CirclePost, Membership


@register_data_export("circles")
def circles_export(user):
    return {
        "memberships": list(
            Membership.objects.filter(user=user).values(
                "circle__name", "status", "is_organiser", "created_at"
            )
        ),
        "discussion_posts": list(
            CirclePost.objects.filter(author=user).values(
                "circle__name", "body", "link", "link_title", "created_at", "edited_at"
            )
        ),
        "invitations": list(
            CircleInvitation.objects.filter(invitee=user).values("circle__name", "created_at")
        ),
    }
