"""What moderation keeps about a person, for their own data download: the reports they
sent (what they reported, why, and the text as it was then)."""

from ideahautomo.accounts.services import register_data_export

from .models import Report


@register_data_export("reports_sent")
def reports_export(user):
    return list(
        Report.objects.filter(reporter=user)
        .order_by("created_at", "id")
        .values("kind", "object_id", "reason", "details", "snapshot", "created_at")
    )
