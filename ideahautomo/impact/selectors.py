"""Reads of check-ins: only ever a person's own rows."""

from django.utils import timezone

from .models import HELPED_FIELDS, CheckIn


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
