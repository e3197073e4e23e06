"""Forms of study circles."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ideahautomo.accounts.models import Municipality
from ideahautomo.profiles.languages import SPOKEN_LANGUAGES

from .models import Circle


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


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("You can use Markdown: **bold**, *italics*, lists and links."),
    )
    link = forms.URLField(
        label=_("Link to shared material (optional)"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("For example a worksheet or a video. The link must start with https://."),
    )
    link_title = forms.CharField(
        label=_("Name of the material (optional)"), max_length=120, required=False
    )


class InviteSearchForm(forms.Form):
    nimi = forms.CharField(
        label=_("Name of the person to invite"),
        min_length=2,
        max_length=60,
        help_text=_("Write at least two letters of the name shown on their profile."),
    )
