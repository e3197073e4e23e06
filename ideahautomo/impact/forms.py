"""Forms of impact: the period the dashboards show (from one month to another, given in
the address), and the check-in and feedback forms (mood meters of real radio buttons,
no JavaScript)."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ideahautomo.lib.forms import QueryKeysForm

from .figures import PUBLISH_AFTER_DAYS, add_months, first_of_month
from .models import HELPED_FIELDS, KIOSK_HELPED_FIELDS, MOODS, CheckIn, KioskAnswer, Situation

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


def default_period(published_until):
    """The twelve months up to the last published one (or up to last month)."""
    last = published_until or add_months(first_of_month(timezone.localdate()), -1)
    return add_months(last, -(DEFAULT_MONTHS - 1)), last


def publication_rule():
    return _("Each month's figures are published on day %(day)d of the following month.") % {
        "day": PUBLISH_AFTER_DAYS + 1
    }


class PeriodForm(QueryKeysForm):
    query_keys = {"start": "alku", "end": "loppu"}

    start = MonthField(label=_("From month"), help_text=_("For example 2026-01."))
    end = MonthField(label=_("To month"), help_text=_("For example 2026-12."))

    def __init__(self, data=None, *, published_until, **kwargs):
        self.published_until = published_until
        first, last = default_period(published_until)
        if not data or not ({"alku", "loppu"} & set(data)):
            data = {"alku": first.strftime(MONTH_FORMAT), "loppu": last.strftime(MONTH_FORMAT)}
        super().__init__(data, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("start"), cleaned.get("end")
        if first is None or last is None:
            return cleaned
        if first > last:
            raise forms.ValidationError(
                _("The first month must not be after the last month."), code="order"
            )
        if self.published_until is None:
            raise forms.ValidationError(
                _("No figures have been published yet.") + " " + publication_rule(),
                code="unpublished",
            )
        if last > self.published_until:
            self.add_error(
                "end",
                _("Figures have been published up to %(month)s.")
                % {"month": self.published_until.strftime(MONTH_FORMAT)}
                + " "
                + publication_rule(),
            )
        elif first < datetime.date(2000, 1, 1):
            self.add_error("start", _("Choose a month from the year 2000 or later."))
        elif months_between(first, last) > MAX_MONTHS:
            raise forms.ValidationError(
                _("Choose at most %(count)d months at a time.") % {"count": MAX_MONTHS},
                code="too_long",
            )
        return cleaned

    def period(self):
        return self.cleaned_data["start"], self.cleaned_data["end"]


def months_between(first, last):
    """How many months from first to last, both included."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


def _mood_field(label):
    return forms.TypedChoiceField(
        label=label,
        choices=MOODS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one of the five faces."),
            "invalid_choice": _("Choose one of the five faces."),
        },
    )


def _helped_field(label, model, fields):
    """Optional checkboxes of what helped: fields maps each choice to the model's yes-or-no
    field, whose name the box shows."""
    return forms.MultipleChoiceField(
        label=label,
        choices=[
            (name, model._meta.get_field(field).verbose_name) for name, field in fields.items()
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Choose only from the list.")},
    )


class CheckInForm(forms.Form):
    situation = forms.ChoiceField(
        label=_("What is your situation now?"),
        choices=Situation.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose your situation."),
            "invalid_choice": _("Choose your situation."),
        },
    )
    mood = _mood_field(_("How are you feeling?"))
    helped = _helped_field(_("What has helped you? (optional)"), CheckIn, HELPED_FIELDS)

    @classmethod
    def initial_from(cls, check_in):
        """The form filled with an earlier answer of the same month."""
        if check_in is None or check_in.skipped:
            return {}
        return {
            "situation": check_in.situation,
            "mood": check_in.mood,
            "helped": [name for name, field in HELPED_FIELDS.items() if getattr(check_in, field)],
        }


class FeedbackForm(forms.Form):
    mood = _mood_field(_("How do you like Ideahautomo?"))
    text = forms.CharField(
        label=_("Tell us more"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("At most 2000 characters. Please do not write anyone's personal details."),
    )
    anonymous = forms.BooleanField(
        label=_("Send anonymously"),
        required=False,
        initial=True,
        help_text=_(
            "Anonymous feedback is stored without your name or employment area. "
            "Otherwise it is linked to your account and included in your own data download."
        ),
    )
    # Checked by the service, which drops anything but a plain path on this site.
    page = forms.CharField(required=False, widget=forms.HiddenInput)
    # A trap for robots: hidden from people, so anything typed here comes from a robot.
    website = forms.CharField(required=False)

    def __init__(self, *args, named_allowed, **kwargs):
        super().__init__(*args, **kwargs)
        if not named_allowed:
            del self.fields["anonymous"]


class KioskForm(forms.Form):
    """The kiosk: what helped (optional checkboxes), then one of five face buttons, each
    of which sends the form with its mood."""

    helped = _helped_field(_("What helped you today? (optional)"), KioskAnswer, KIOSK_HELPED_FIELDS)
    mood = forms.TypedChoiceField(
        choices=MOODS,
        coerce=int,
        error_messages={
            "required": _("Choose one of the five faces."),
            "invalid_choice": _("Choose one of the five faces."),
        },
    )
