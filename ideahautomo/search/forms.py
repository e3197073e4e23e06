"""The search form: the words and the filters of the results page."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from ideahautomo.accounts.models import Municipality
from ideahautomo.lib.forms import QueryKeysForm
from ideahautomo.lib.language import CONTENT_LANGUAGES

from . import registry
from .text import MAX_QUERY_LENGTH, query_words


class SearchForm(QueryKeysForm):
    query_keys = {"kind": "tyyppi", "municipality": "kunta", "language": "kieli"}

    q = forms.CharField(
        label=_("Search words"),
        required=False,
        strip=True,
        # No max_length on the input itself: a longer text gets the message below.
        validators=[
            MaxLengthValidator(
                MAX_QUERY_LENGTH,
                message=_("Use at most %(limit_value)d characters: a few words are enough."),
            )
        ],
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(label=_("What"), required=False)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.filter(is_active=True),
        required=False,
        empty_label=_("All"),
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("All")), *CONTENT_LANGUAGES], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            ("", _("All")),
            *[(kind.name, kind.label) for kind in registry.kinds()],
        ]

    def clean_q(self):
        text = self.cleaned_data["q"]
        if text and not query_words(text):
            raise forms.ValidationError(
                _("Write at least one word of letters or numbers: signs alone are not searched."),
                code="no_words",
            )
        return text
