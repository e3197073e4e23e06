"""Weekly opening hours with dated exceptions, in Finnish local time: what the service
map's services and the drop-in service points both keep. The models here are abstract;
each app's own model adds the foreign key to what is open (related names `hours` and
`exceptions`), its constraints and indexes. The checks of a new row and the page's
forms and actions are shared here too; each app's services and views pass their own."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .forms import call_service

HELSINKI = ZoneInfo("Europe/Helsinki")


def helsinki_now(moment=None):
    """moment (now by default) in Finnish local time."""
    return (moment or timezone.now()).astimezone(HELSINKI)


def local_datetime(day, at):
    """A Finnish wall-clock date and time as an aware moment (for tests and display)."""
    return datetime.combine(day, at, tzinfo=HELSINKI)


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class WeeklyHours(models.Model):
    """One stretch of a weekday when the place is open, in Finnish local time."""

    Weekday = Weekday

    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        abstract = True
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H.%M}–{self.closes:%H.%M}"


class DateException(models.Model):
    """A date when the weekly hours do not hold: closed (a holiday) or other hours."""

    date = models.DateField(_("date"))
    is_closed = models.BooleanField(_("closed all day"), default=True)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=120, blank=True)

    class Meta:
        abstract = True
        ordering = ["date"]
        verbose_name = _("exception to opening hours")
        verbose_name_plural = _("exceptions to opening hours")

    def __str__(self):
        return f"{self.date}: {'closed' if self.is_closed else f'{self.opens}–{self.closes}'}"


def hours_on(place, day):
    """The (opens, closes) stretches of place on a local date, exceptions first.

    Reads the place's prefetched hours and exceptions when the selector fetched them.
    """
    for exception in place.exceptions.all():
        if exception.date == day:
            return [] if exception.is_closed else [(exception.opens, exception.closes)]
    return [(row.opens, row.closes) for row in place.hours.all() if row.weekday == day.weekday()]


def is_open_at(place, moment=None):
    """Whether the place is open at moment (now), read in Finnish local time."""
    local = helsinki_now(moment)
    now = local.time().replace(tzinfo=None)
    return any(opens <= now < closes for opens, closes in hours_on(place, local.date()))


EXCEPTION_EXISTS = _("This date already has an exception. Remove it first to change it.")


def stretch_check(*, opens, closes):
    """A new stretch of weekly hours must end after it starts."""
    if opens is None or closes is None or closes <= opens:
        raise ValidationError(
            {"closes": _("The closing time must be later than the opening time.")}
        )


def overlap_check(rows, *, weekday, opens, closes):
    """A new stretch may overlap none of rows (the place's weekly hours, read inside the
    caller's lock) on the same weekday."""
    row = rows.filter(weekday=weekday, opens__lt=closes, closes__gt=opens).first()
    if row is not None:
        raise ValidationError(
            {
                "opens": _("It overlaps with the hours %(hours)s on the same day.")
                % {"hours": f"{row.opens:%H.%M}–{row.closes:%H.%M}"}
            }
        )


def exception_hours(*, date, is_closed, opens, closes):
    """The (opens, closes) a date's exception keeps, (None, None) for a closed day; a past
    date, or open hours that do not end after they start, are refused."""
    if date is None or date < helsinki_now().date():
        raise ValidationError({"date": _("The date has passed. Give today or a later date.")})
    if is_closed:
        return None, None
    if opens is None or closes is None or closes <= opens:
        raise ValidationError(
            {
                "closes": _(
                    "Give the hours of the day, the closing time later than the opening time, "
                    "or mark the day closed."
                )
            }
        )
    return opens, closes


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class WeeklyHoursForm(forms.ModelForm):
    """One stretch of weekly hours; a subclass names its model in `Meta(WeeklyHoursForm.Meta)`.
    The app's service checks the row as a whole."""

    class Meta:
        fields = ["weekday", "opens", "closes"]
        labels = {"weekday": _("Day"), "opens": _("Opens"), "closes": _("Closes")}
        widgets = {"opens": TimeInput, "closes": TimeInput}

    def _post_clean(self):
        pass


class DateExceptionForm(forms.ModelForm):
    """One date's exception; a subclass names its model in `Meta(DateExceptionForm.Meta)`."""

    class Meta:
        fields = ["date", "is_closed", "opens", "closes", "note"]
        labels = {
            "date": _("Date"),
            "is_closed": _("Closed all day"),
            "opens": _("Opens"),
            "closes": _("Closes"),
            "note": _("Note, for example a holiday"),
        }
        help_texts = {"opens": _("Only if not closed: the hours of that day.")}
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "opens": TimeInput,
            "closes": TimeInput,
        }

    def _post_clean(self):
        pass


def hours_forms(request, hours_form_class, exception_form_class):
    """The two forms of a page of hours; only the one the POST's action names is bound."""
    action = request.POST.get("action", "")
    hours_form = hours_form_class(request.POST if action == "add_hours" else None)
    exception_form = exception_form_class(
        request.POST if action == "add_exception" else None, prefix="poikkeus"
    )
    return hours_form, exception_form


def hours_action(request, hours_form, exception_form, *, add, remove, **place):
    """Carries out the action the POST names with the app's services: add, those that add
    a row of weekly hours and an exception; remove, those that remove one; each is called
    with place (the actor and what is open). A service's ValidationError goes on the form.
    Returns what the service returned: None (or False) when nothing was saved."""
    action = request.POST.get("action", "")
    posted_id = request.POST.get("id", "")
    row_id = int(posted_id) if posted_id.isdigit() else 0
    add_hours, add_exception = add
    remove_hours, remove_exception = remove
    if action == "add_hours" and hours_form.is_valid():
        return call_service(hours_form, add_hours, **place, **hours_form.cleaned_data)
    if action == "add_exception" and exception_form.is_valid():
        return call_service(exception_form, add_exception, **place, **exception_form.cleaned_data)
    if action == "remove_hours":
        return remove_hours(**place, hours_id=row_id)
    if action == "remove_exception":
        return remove_exception(**place, exception_id=row_id)
    return None
