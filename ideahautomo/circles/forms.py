"""Forms of study circles."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ideahautomo.accounts.models import Municipality, PartnerOrganisation
from ideahautomo.lib.forms import LocalDateTimeField, QueryKeysForm, add_service_errors
from ideahautomo.profiles.languages import SPOKEN_LANGUAGES, Level
from ideahautomo.profiles.models import Skill

from . import permissions, services
from .models import AGENDA_MAX_LENGTH, MAX_OTHER_LANGUAGES, Circle
from .session_services import MAX_OCCURRENCES, MIN_OCCURRENCES, Repeat


class SkillField(forms.ModelChoiceField):
    """One skill of the curated vocabulary, named in the reader's language."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Skill.objects.filter(is_curated=True), **kwargs)

    def label_from_instance(self, skill):
        return skill.label


class CircleForm(forms.ModelForm):
    skill = SkillField(
        label=_("What the circle learns"),
        required=False,
        help_text=_("Helps people who want to learn this to find the circle."),
    )
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
    other_languages = forms.MultipleChoiceField(
        label=_("Other languages used"),
        choices=SPOKEN_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Circle
        fields = [
            "kind",
            "name",
            "topic",
            "skill",
            "description",
            "language",
            "other_languages",
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
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6}),
            "format": forms.RadioSelect,
            "policy": forms.RadioSelect,
            "visibility": forms.RadioSelect,
        }
        help_texts = {"capacity": _("Leave empty for no limit.")}
        labels = {"language": _("Main language used"), "kind": _("Kind")}

    def __init__(self, *args, user=None, circle=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other_languages"].help_text = gettext(
            "Languages the circle also uses, for example for explanations. Choose at most %(max)d."
        ) % {"max": MAX_OTHER_LANGUAGES}
        # A form sent without a kind (an older page, say) starts a study circle.
        self.fields["kind"].required = False
        self._organisation_field(user, circle)

    def clean_kind(self):
        return self.cleaned_data.get("kind") or Circle.Kind.STUDY_CIRCLE

    def _organisation_field(self, user, circle):
        """Partner staff may name their own organisation as the organiser; nobody else
        sees the choice (and a circle already organised by another organisation keeps it)."""
        own = permissions.partner_organisation_id(user) if user is not None else None
        current = circle.organiser_organisation_id if circle is not None else None
        if own is None or (current is not None and current != own):
            return
        self.fields["organiser_organisation"] = forms.ModelChoiceField(
            label=_("Organising organisation"),
            queryset=PartnerOrganisation.objects.filter(pk=own, is_active=True),
            required=False,
            empty_label=_("None: I organise it myself"),
            help_text=_(
                "Your organisation’s staff can then run the circle too, and it is shown "
                "on your organisation’s page."
            ),
        )
        if circle is not None:
            self.initial.setdefault("organiser_organisation", current)

    def clean(self):
        data = super().clean()
        if data.get("format"):
            try:
                services.kind_format_check(data.get("kind"), data["format"])
            except ValidationError as error:
                add_service_errors(self, error)
        if "other_languages" in data:
            try:
                data["other_languages"] = services.other_languages_clean(
                    data["other_languages"], main=data.get("language")
                )
            except ValidationError as error:
                add_service_errors(self, error)
        return data


class CircleFilterForm(QueryKeysForm):
    query_keys = {
        "kind": "laji",
        "topic": "aihe",
        "language": "kieli",
        "level": "taso",
        "format": "muoto",
        "municipality": "kunta",
        "free_places": "tilaa",
    }

    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All")), *Circle.Kind.choices], required=False
    )
    topic = forms.CharField(label=_("Topic"), max_length=60, required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("All")), *SPOKEN_LANGUAGES], required=False
    )
    level = forms.ChoiceField(
        label=_("Level"), choices=[("", _("All")), *Level.choices], required=False
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=[("", _("All")), *Circle.Format.choices], required=False
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.filter(is_active=True),
        required=False,
        empty_label=_("All"),
    )
    free_places = forms.BooleanField(label=_("Only circles with free places"), required=False)


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


# The create form can be filled in from a link: ?taito=3&kieli=fi&taso=A1&muoto=online.
PREFILL_PARAMETERS = {
    "taito": "skill",
    "kieli": "language",
    "taso": "level",
    "muoto": "format",
    "kunta": "municipality",
}


def circle_form_initial(query):
    """Starting values for the create form from a link's parameters; unknown ones are
    ignored and the form itself validates what is sent."""
    return {
        field: query[name][:20] for name, field in PREFILL_PARAMETERS.items() if query.get(name)
    }


class CircleWishForm(forms.Form):
    skill = SkillField(label=_("What do you want to learn?"), empty_label="–")
    language = forms.ChoiceField(
        label=_("Language used in the circle"), choices=[("", "–"), *SPOKEN_LANGUAGES]
    )
    level = forms.ChoiceField(
        label=_("Level"),
        choices=[("", _("Any level")), *Level.choices],
        required=False,
        help_text=_("Your level in what you want to learn, if it has levels."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality where you could meet in person"),
        queryset=Municipality.objects.filter(is_active=True),
        required=False,
        empty_label="–",
    )
    online_ok = forms.BooleanField(label=_("Meeting online is fine for me"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("municipality") and not data.get("online_ok"):
            self.add_error(
                "municipality",
                _("Choose a municipality, or tell that online is fine for you."),
            )
        return data


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("You can use Markdown: **bold**, *italics*, lists and links."),
    )
    link = forms.URLField(
        label=_("Link to shared material"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("For example a worksheet or a video. The link must start with https://."),
    )
    link_title = forms.CharField(label=_("Name of the material"), max_length=120, required=False)


class InviteSearchForm(QueryKeysForm):
    query_keys = {"name": "nimi"}

    name = forms.CharField(
        label=_("Name of the person to invite"),
        min_length=2,
        max_length=60,
        help_text=_("Write at least two letters of the name shown on their profile."),
    )
