"""The guide form (Finnish text and the optional Swedish, English and Ukrainian ones) and
the public list's filters."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ideahautomo.lib.forms import QueryKeysForm
from ideahautomo.lib.language import CONTENT_LANGUAGES

from .models import (
    BODY_MAX_LENGTH,
    FALLBACK_LANGUAGE,
    SLUG_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Guide,
)

TEXT_FIELDS = ("title", "summary", "body")
FILTER_TEXT_MAX_LENGTH = 100


class GuideForm(forms.Form):
    """One page for the whole guide: its details, then one group of fields per language."""

    category = forms.ChoiceField(label=_("Category"), choices=Guide.Category.choices)
    reviewed_on = forms.DateField(
        label=_("Facts checked on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        help_text=_("The day someone last made sure the guide still holds, e.g. 2026-11-03."),
    )
    slug = forms.SlugField(
        label=_("Address"),
        max_length=SLUG_MAX_LENGTH,
        required=False,
        help_text=_(
            "The end of the page's address: small letters a–z, numbers and hyphens. "
            "Left empty, it is made from the Finnish title."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for language, name in CONTENT_LANGUAGES:
            required = language == FALLBACK_LANGUAGE
            self.fields[f"title_{language}"] = forms.CharField(
                label=format_lazy("{} ({})", _("Title"), name),
                max_length=TITLE_MAX_LENGTH,
                required=required,
                error_messages={"required": _("Give the guide a Finnish title.")},
            )
            self.fields[f"summary_{language}"] = forms.CharField(
                label=format_lazy("{} ({})", _("In brief"), name),
                max_length=SUMMARY_MAX_LENGTH,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("One or two sentences shown in the list of guides."),
            )
            self.fields[f"body_{language}"] = forms.CharField(
                label=format_lazy("{} ({})", _("Text"), name),
                max_length=BODY_MAX_LENGTH,
                required=required,
                widget=forms.Textarea(attrs={"rows": 14}),
                help_text=_("Markdown: **bold**, *italics*, lists, ### subheadings, links."),
                error_messages={"required": _("Write the Finnish text of the guide.")},
            )
            for name_ in TEXT_FIELDS:
                # The browser and screen readers know which language is typed in each field.
                self.fields[f"{name_}_{language}"].widget.attrs["lang"] = language

    def language_groups(self):
        """[(code, name, [bound fields])] for one fieldset per language."""
        return [
            (language, name, [self[f"{field}_{language}"] for field in TEXT_FIELDS])
            for language, name in CONTENT_LANGUAGES
        ]

    def clean(self):
        cleaned = super().clean()
        for language, _name in CONTENT_LANGUAGES:
            if language == FALLBACK_LANGUAGE:
                continue
            values = [(cleaned.get(f"{field}_{language}") or "").strip() for field in TEXT_FIELDS]
            if not any(values):
                continue
            title, _summary, body = values
            if not title:
                self.add_error(f"title_{language}", _("Give this language's text a title too."))
            if not body:
                self.add_error(f"body_{language}", _("Write the text too, or empty this language."))
        return cleaned

    def texts(self):
        """The texts as the services take them: {language: {title, summary, body}}."""
        return {
            language: {
                field: self.cleaned_data.get(f"{field}_{language}", "") for field in TEXT_FIELDS
            }
            for language, _name in CONTENT_LANGUAGES
        }

    def service_arguments(self):
        """What guide_create and guide_update take from the form."""
        data = self.cleaned_data
        return {
            "category": data["category"],
            "reviewed_on": data["reviewed_on"],
            "slug": data["slug"],
            "texts": self.texts(),
        }

    @classmethod
    def initial_for(cls, guide):
        initial = {"category": guide.category, "reviewed_on": guide.reviewed_on, "slug": guide.slug}
        for text in guide.texts.all():
            for field in TEXT_FIELDS:
                initial[f"{field}_{text.language}"] = getattr(text, field)
        return initial


class GuideFilterForm(QueryKeysForm):
    query_keys = {"category": "luokka", "text": "haku"}

    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("All")), *Guide.Category.choices], required=False
    )
    text = forms.CharField(
        label=_("Words in the title or summary"), max_length=FILTER_TEXT_MAX_LENGTH, required=False
    )
