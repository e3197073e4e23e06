"""What impact keeps about a person, for their own data download."""

from ideahautomo.accounts.services import register_data_export

from .models import HELPED_FIELDS, CheckIn, ServiceFeedback


@register_data_export("check_ins")
def check_ins_export(user):
    return [
        {
            "month": check_in.month.strftime("%Y-%m"),
            "skipped": check_in.skipped,
            "situation": check_in.situation or None,
            "mood": check_in.mood,
            "helped": [name for name, field in HELPED_FIELDS.items() if getattr(check_in, field)],
            "employment_area": check_in.area.name if check_in.area else None,
            "answered": check_in.updated_at.isoformat(),
        }
        for check_in in CheckIn.objects.filter(user=user).select_related("area").order_by("month")
    ]


@register_data_export("service_feedback")
def feedback_export(user):
    """Feedback sent with the person's name; anonymous feedback is not linked to anyone."""
    return [
        {
            "sent": feedback["created_at"].isoformat(),
            "mood": feedback["mood"],
            "text": feedback["text"],
            "page": feedback["page"],
        }
        for feedback in ServiceFeedback.objects.filter(user=user)
        .order_by("created_at")
        .values("created_at", "mood", "text", "page")
    ]
