"""Forms of the story pages; the rules themselves live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ideahautomo.lib.language import CONTENT_LANGUAGES

from .models import Shown

SOURCE_HELP = _(
    "The address of the idea, study circle or service page the story came from, "
    "for example /ideat/12/. Shown only to those who may see that page."
)


class StoryTextForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    body = forms.CharField(
        label=_("Story"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("You can use Markdown: *italics*, **bold**, lists with a hyphen."),
    )
    language = forms.ChoiceField(
        label=_("Language of the text"), choices=CONTENT_LANGUAGES, initial="fi"
    )
    source_address = forms.CharField(
        label=_("Where the story came from"),
        required=False,
        max_length=300,
        help_text=SOURCE_HELP,
    )


class ShownFields(forms.Form):
    shown_as = forms.ChoiceField(
        label=_("How you are shown with the story"),
        choices=Shown.choices,
        initial=Shown.PSEUDONYM,
        widget=forms.RadioSelect,
    )
    pseudonym = forms.CharField(
        label=_("Pseudonym"),
        required=False,
        max_length=60,
        help_text=_("Only if you chose a pseudonym, for example “Tiina, 34”."),
    )


class OwnStoryForm(StoryTextForm, ShownFields):
    consent = forms.BooleanField(
        label=_(
            "I consent to the publishing of this story, shown as I chose above. "
            "I can withdraw my consent at any time."
        ),
        required=False,
    )

    field_order = [
        "title",
        "body",
        "language",
        "shown_as",
        "pseudonym",
        "source_address",
        "consent",
    ]


class DraftStoryForm(StoryTextForm):
    person_email = forms.EmailField(
        label=_("The client's e-mail address"),
        max_length=254,
        help_text=_("The client reads the text and decides whether it may be published."),
    )

    field_order = ["person_email", "title", "body", "language", "source_address"]


class DraftEditForm(StoryTextForm):
    pass


class ConsentForm(ShownFields):
    text_hash = forms.CharField(widget=forms.HiddenInput, max_length=64)
