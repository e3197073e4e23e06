"""What mentoring keeps about a person, for their own data download: their mentorings
as mentee and mentor, with the meetings and the feedback they gave."""

from django.db.models import Q

from ideahautomo.accounts.services import register_data_export

from .models import Feedback, Meeting, Mentoring


@register_data_export("mentoring")
def mentoring_export(user):
    mine = Q(mentee=user) | Q(mentor=user)
    return {
        "mentorings": list(
            Mentoring.objects.filter(mine).values(
                "mentee__display_name",
                "mentor__display_name",
                "status",
                "need",
                "answer",
                "goals",
                "video_link",
                "created_at",
                "ended_at",
            )
        ),
        "meetings": list(
            Meeting.objects.filter(Q(mentoring__mentee=user) | Q(mentoring__mentor=user)).values(
                "mentoring_id", "date", "notes"
            )
        ),
        "feedback_given": list(
            Feedback.objects.filter(author=user).values("mentoring_id", "mood", "text")
        ),
    }
