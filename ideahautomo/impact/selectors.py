"""Reads of impact: for the dashboards, the stored monthly figures and the anonymous
comments; for a member, only ever their own check-ins."""

from django.db.models import Count, DateField, Max
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .figures import add_months, start_of
from .models import HELPED_FIELDS, CheckIn, MonthlyFigure, PublishedMonth, ServiceFeedback

COMMENTS_SHOWN = 20


def published_until():
    """The last published month, or None before the first publication."""
    return PublishedMonth.objects.order_by("-month").values_list("month", flat=True).first()


def published_figures(*, area, first, last):
    """{(metric, key, month): (value, hidden)} of one area (None: all areas together) over
    the months first..last, which must be published ones. One query, whatever the data."""
    figures = MonthlyFigure.objects.filter(month__gte=first, month__lte=last, point__isnull=True)
    figures = figures.filter(all_areas=True) if area is None else figures.filter(area=area)
    return {
        (metric, key, month): (value, hidden)
        for metric, key, month, value, hidden in figures.values_list(
            "metric", "key", "month", "value", "hidden"
        )
    }


def feedback_comments(*, area, months):
    """The latest written service feedback of the given months: only the text."""
    if not months:
        return []
    feedback = (
        ServiceFeedback.objects.filter(
            created_at__gte=start_of(min(months)),
            created_at__lt=start_of(add_months(max(months), 1)),
        )
        .annotate(month=TruncMonth("created_at", output_field=DateField()))
        .filter(month__in=months)
        .exclude(text="")
    )
    if area is not None:
        feedback = feedback.filter(area=area)
    return list(feedback.order_by("-created_at").values_list("text", flat=True)[:COMMENTS_SHOWN])


def figures_version():
    """Changes whenever `refresh_figures` has run: it always writes its rows anew."""
    latest = MonthlyFigure.objects.aggregate(last=Max("pk"), rows=Count("pk"))
    return f"{latest['last'] or 0}-{latest['rows']}"


def month_of(day=None):
    """The first day of the (Finnish local) month of day, today by default."""
    day = day or timezone.localdate()
    return day.replace(day=1)


def check_in_for_month(*, user, month):
    return CheckIn.objects.filter(user=user, month=month).first()


def check_in_is_due(*, user, month=None):
    """True when user has neither answered nor skipped this month (one query)."""
    return not CheckIn.objects.filter(user=user, month=month or month_of()).exists()


def helped_labels(check_in):
    """What the member said had helped, as the labels of the form."""
    return [
        CheckIn._meta.get_field(field).verbose_name
        for field in HELPED_FIELDS.values()
        if getattr(check_in, field)
    ]


def check_ins_of(*, user):
    """A person's own check-ins, newest month first."""
    return CheckIn.objects.filter(user=user).order_by("-month")
