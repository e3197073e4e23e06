"""Forms of study circles."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ideahautomo.accounts.models import Municipality
from ideahautomo.events.forms import LocalDateTimeField
from ideahautomo.profiles.languages import SPOKEN_LANGUAGES

from .models import AGENDA_MAX_LENGTH, Circle
from .session_services import MAX_OCCURRENCES, MIN_OCCURRENCES, Repeat


class CircleForm(forms.ModelForm):
    online_link = forms.URLField(
        label=_("Online meeting link"),
        required=False,
        assume_scheme="https",
        help_text=_("Leave empty and a private video room is made for the circle (Jitsi Meet)."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.filter(is_active=True),
        required=False,
    )

    class Meta:
        model = Circle
        fields = [
            "name",
            "topic",
            "description",
            "language",
            "level",
            "format",
            "municipality",
            "meeting_place",
            "online_link",
            "capacity",
            "policy",
            "visibility",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "format": forms.RadioSelect,
            "policy": forms.RadioSelect,
            "visibility": forms.RadioSelect,
        }
        help_texts = {"capacity": _("Leave empty for no limit.")}


class CircleFilterForm(forms.Form):
    aihe = forms.CharField(label=_("Topic"), max_length=60, required=False)
    kieli = forms.ChoiceField(
        label=_("Language"), choices=[("", _("All")), *SPOKEN_LANGUAGES], required=False
    )
    muoto = forms.ChoiceField(
        label=_("Format"), choices=[("", _("All")), *Circle.Format.choices], required=False
    )
    kunta = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.filter(is_active=True),
        required=False,
        empty_label=_("All"),
    )
    tilaa = forms.BooleanField(label=_("Only circles with free places"), required=False)


class SessionForm(forms.Form):
    """One meeting: its time, place, link and agenda (Finnish local time)."""

    starts_at = LocalDateTimeField(label=_("Starts"))
    ends_at = LocalDateTimeField(label=_("Ends"))
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the circle's usual meeting place."),
    )
    online_link = forms.URLField(
        label=_("Online meeting link"),
        required=False,
        assume_scheme="https",
        help_text=_("Leave empty to use the circle's own video room, if it meets online."),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        max_length=AGENDA_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What you will do at the meeting. You can use Markdown."),
    )


class SessionScheduleForm(SessionForm):
    repeat = forms.ChoiceField(
        label=_("Repeats"),
        choices=[
            (Repeat.ONCE, _("only once")),
            (Repeat.WEEKLY, _("every week")),
            (Repeat.BIWEEKLY, _("every other week")),
        ],
        initial=Repeat.ONCE,
        widget=forms.RadioSelect,
    )
    occurrences = forms.IntegerField(
        label=_("Number of meetings"),
        min_value=MIN_OCCURRENCES,
        max_value=MAX_OCCURRENCES,
        required=False,
        help_text=_("For repeating meetings: from 2 to 26."),
    )

    def clean(self):
        data = super().clean()
        if data.get("repeat", Repeat.ONCE) != Repeat.ONCE and not data.get("occurrences"):
            self.add_error("occurrences", _("Give how many meetings the series has."))
        return data


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Who was at the meeting"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [
            (str(membership.user_id), membership.user.display_name) for membership, _p in members
        ]
        if not self.is_bound:
            self.initial["present"] = [
                str(membership.user_id) for membership, present in members if present
            ]
