"""Forms of study circles."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ideahautomo.accounts.models import Municipality
from ideahautomo.profiles.languages import SPOKEN_LANGUAGES, Level
from ideahautomo.profiles.models import Skill

from .models import Circle


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

    class Meta:
        model = Circle
        fields = [
            "name",
            "topic",
            "skill",
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
    taso = forms.ChoiceField(
        label=_("Level"), choices=[("", _("All")), *Level.choices], required=False
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


class CircleInterestForm(forms.Form):
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
