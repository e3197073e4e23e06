"""The period the dashboards show: from one month to another, given in the address."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .figures import add_months, first_of_month

DEFAULT_MONTHS = 12
MAX_MONTHS = 36
MONTH_FORMAT = "%Y-%m"


class MonthField(forms.DateField):
    """A month written as 2026-05; a browser shows a month picker where it has one."""

    input_formats = [MONTH_FORMAT]
    widget = forms.DateInput(format=MONTH_FORMAT, attrs={"type": "month"})
    default_error_messages = {"invalid": _("Write the month as year and month, e.g. 2026-05.")}

    def to_python(self, value):
        day = super().to_python(value)
        return first_of_month(day) if day else day


def default_period(today=None):
    last = first_of_month(today or timezone.localdate())
    return add_months(last, -(DEFAULT_MONTHS - 1)), last


class PeriodForm(forms.Form):
    alku = MonthField(label=_("From month"), help_text=_("For example 2026-01."))
    loppu = MonthField(label=_("To month"), help_text=_("For example 2026-12."))

    def __init__(self, data=None, **kwargs):
        first, last = default_period()
        if not data or not ({"alku", "loppu"} & set(data)):
            data = {"alku": first.strftime(MONTH_FORMAT), "loppu": last.strftime(MONTH_FORMAT)}
        super().__init__(data, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("alku"), cleaned.get("loppu")
        if first is None or last is None:
            return cleaned
        if first > last:
            raise forms.ValidationError(
                _("The first month must not be after the last month."), code="order"
            )
        if last > first_of_month(timezone.localdate()):
            self.add_error("loppu", _("The period cannot end after the current month."))
        elif first < datetime.date(2000, 1, 1):
            self.add_error("alku", _("Choose a month from the year 2000 or later."))
        elif months_between(first, last) > MAX_MONTHS:
            raise forms.ValidationError(
                _("Choose at most %(count)d months at a time.") % {"count": MAX_MONTHS},
                code="too_long",
            )
        return cleaned

    def period(self):
        return self.cleaned_data["alku"], self.cleaned_data["loppu"]


def months_between(first, last):
    """How many months from first to last, both included."""
    return (last.year - first.year) * 12 + last.month - first.month + 1
