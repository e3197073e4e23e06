"""Reads of impact: for the dashboards, the stored monthly figures and the anonymous
comments; for a member, only ever their own check-ins."""

from collections import defaultdict

from django.db.models import Count, Max, Sum
from django.utils import timezone

from .figures import add_months, start_of
from .models import HELPED_FIELDS, CheckIn, MonthlyFigure, ServiceFeedback

COMMENTS_SHOWN = 20


def figure_totals(*, area, first, last):
    """{(metric, key): {month: value}} over the months first..last, for one area or all (None).

    One query, whatever the data: the figures are summed by the database.
    """
    figures = MonthlyFigure.objects.filter(month__gte=first, month__lte=last)
    if area is not None:
        figures = figures.filter(area=area)
    totals = defaultdict(dict)
    for metric, key, month, value in (
        figures.values("metric", "key", "month")
        .annotate(total=Sum("value"))
        .order_by()
        .values_list("metric", "key", "month", "total")
    ):
        totals[(metric, key)][month] = value
    return totals


def feedback_comments(*, area, first, last):
    """The latest written service feedback of the period: only the text and the month."""
    feedback = ServiceFeedback.objects.filter(
        created_at__gte=start_of(first), created_at__lt=start_of(add_months(last, 1))
    ).exclude(text="")
    if area is not None:
        feedback = feedback.filter(area=area)
    return list(feedback.order_by("-created_at").values("text", "mood")[:COMMENTS_SHOWN])


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
