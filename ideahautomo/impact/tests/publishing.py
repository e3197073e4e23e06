"""Published months for tests, as the nightly refresh would have published them."""

from django.utils import timezone

from ideahautomo.impact import figures
from ideahautomo.impact.models import MonthlyFigure, PublishedMonth

THIS_MONTH = figures.first_of_month(timezone.localdate())
LAST_PUBLISHED = figures.last_closed_month(timezone.localdate())


def publish(month, counts=(), *, event_feedback=()):
    """Publish month with counts [(area or None, metric, key, value)]: each metric's table
    is protected whole, as `figures.refresh_figures` does when a month has ended."""
    rows = figures.publish_month(
        month,
        [(area.pk if area else None, metric, key, value) for area, metric, key, value in counts],
        list(event_feedback),
    )
    MonthlyFigure.objects.bulk_create(rows)
    PublishedMonth.objects.get_or_create(month=month)
    return rows


def months_back(count, *, last=LAST_PUBLISHED):
    """The month count months before last."""
    return figures.add_months(last, -count)
