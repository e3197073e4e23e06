"""Forms of organisation pages and their filters."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ideahautomo.accounts.models import Municipality, PartnerOrganisation, Region
from ideahautomo.lib.forms import QueryKeysForm
from ideahautomo.lib.hours import DateExceptionForm, WeeklyHoursForm
from ideahautomo.profiles.languages import SPOKEN_LANGUAGES

from .models import Audience, Channel, Need, OpeningException, OpeningHours, Service
from .selectors import (
    OPEN_NOW,
    OPEN_TODAY,
    OrganisationFilters,
    ServiceFilters,
    active_municipalities,
)

HTTPS_ONLY = _("Give the address of a secure site, starting with https://.")


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("An address starting with https://"),
        error_messages={"invalid": HTTPS_ONLY},
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )

    class Meta:
        model = PartnerOrganisation
        fields = [
            "name",
            "kind",
            "description",
            "municipality",
            "municipalities_served",
            "contact_email",
            "contact_phone",
            "website",
        ]
        labels = {
            "name": _("Name"),
            "kind": _("Type"),
            "description": _("What the organisation does"),
            "municipality": _("Home municipality"),
            "municipalities_served": _("Other municipalities served"),
            "contact_email": _("Contact e-mail address"),
            "contact_phone": _("Contact phone number"),
        }
        help_texts = {
            "description": _(
                "Who you are and how you help, in plain words. You can use Markdown: "
                "**bold**, lists with a dash, links."
            ),
            "municipalities_served": _(
                "Hold Ctrl (or Cmd) to choose several. The home municipality is always served."
            ),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "municipalities_served": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active = Municipality.objects.filter(is_active=True)
        self.fields["municipality"].queryset = active
        self.fields["municipalities_served"].queryset = active

    @staticmethod
    def clean_website_value(url):
        url = url.strip()
        if url and not url.lower().startswith("https://"):
            raise ValidationError(HTTPS_ONLY, code="https")
        return url

    def clean_website(self):
        return self.clean_website_value(self.cleaned_data["website"])

    def clean_contact_phone(self):
        phone = self.cleaned_data["contact_phone"].strip()
        if phone and not all(char.isdigit() or char in "+ -()" for char in phone):
            raise ValidationError(
                _("A phone number has only digits, spaces and the signs + - ( )."),
                code="phone",
            )
        return phone

    def service_fields(self):
        """The cleaned data as the keyword arguments of the organisation services."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class LogoForm(forms.Form):
    logo = forms.FileField(
        label=_("Logo"),
        help_text=_(
            "PNG, JPEG or WebP, at most 2 MB. It is made smaller and its hidden data is removed."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )


class MunicipalityFilterField(forms.TypedChoiceField):
    """A municipality chosen among the cached active ones, without a query per request."""

    def __init__(self, **kwargs):
        super().__init__(required=False, empty_value=None, **kwargs)
        self.municipalities = {}

    def load(self, empty_label):
        self.municipalities = {str(m.pk): m for m in active_municipalities()}
        self.choices = [("", empty_label)] + [
            (key, m.name) for key, m in self.municipalities.items()
        ]
        self.coerce = self.municipalities.get


class OrganisationFilterForm(QueryKeysForm):
    """The list filters, read from Finnish query parameters."""

    query_keys = {"kind": "tyyppi", "municipality": "kunta"}

    kind = forms.ChoiceField(required=False)
    municipality = MunicipalityFilterField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", ""), *PartnerOrganisation.Kind.choices]
        self.fields["municipality"].load(_("Any municipality"))

    def filters(self):
        self.is_valid()  # a bad value is left out; the valid ones still filter
        data = self.cleaned_data
        return OrganisationFilters(
            kind=data.get("kind") or "", municipality=data.get("municipality") or None
        )


def https_url_field(label, help_text):
    return forms.URLField(
        label=label,
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=help_text,
        error_messages={"invalid": HTTPS_ONLY},
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )


class ServiceForm(forms.ModelForm):
    needs = forms.MultipleChoiceField(
        label=_("What the service helps with"),
        choices=Need.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one thing the service helps with.")},
    )
    audiences = forms.MultipleChoiceField(
        label=_("For whom"),
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Audience.EVERYONE],
        error_messages={"required": _("Choose for whom the service is.")},
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages the service is given in"),
        choices=SPOKEN_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        initial=["fi"],
        error_messages={"required": _("Choose at least one language the service is given in.")},
    )
    channels = forms.MultipleChoiceField(
        label=_("How to use the service"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one way to use the service.")},
    )
    booking_url = https_url_field(
        _("Booking or contact link"), _("An address starting with https://")
    )

    class Meta:
        model = Service
        fields = [
            "title",
            "summary",
            "description",
            "needs",
            "audiences",
            "languages",
            "channels",
            "is_drop_in",
            "street_address",
            "municipality",
            "municipalities_served",
            "region",
            "serves_whole_finland",
            "latitude",
            "longitude",
            "contact_email",
            "contact_phone",
            "booking_url",
            "is_free",
            "cost_note",
            "is_active",
        ]
        labels = {
            "title": _("Name of the service"),
            "summary": _("In one sentence: how do you help?"),
            "description": _("More about the service"),
            "is_drop_in": _("Drop in, no appointment needed"),
            "street_address": _("Street address"),
            "municipality": _("Municipality where the service is"),
            "municipalities_served": _("Other municipalities served"),
            "region": _("Serves the whole region"),
            "serves_whole_finland": _("Serves the whole of Finland"),
            "latitude": _("Latitude for the map"),
            "longitude": _("Longitude for the map"),
            "contact_email": _("Contact e-mail address"),
            "contact_phone": _("Contact phone number"),
            "is_free": _("Free of charge"),
            "cost_note": _("About the cost"),
            "is_active": _("Shown on the service map"),
        }
        help_texts = {
            "description": _("You can use Markdown: **bold**, lists with a dash, links."),
            "municipalities_served": _("Hold Ctrl (or Cmd) to choose several."),
            "latitude": _("Optional, for example 60.16985. Both or neither."),
            "longitude": _("Optional, for example 24.93837."),
            "cost_note": _("For example: the first visit is free, then 10 euros."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "municipalities_served": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active = Municipality.objects.filter(is_active=True)
        self.fields["municipality"].queryset = active
        self.fields["municipalities_served"].queryset = active
        self.fields["region"].queryset = Region.objects.all()
        self.fields["audiences"].required = False
        if self.instance.pk:
            self.initial.update(
                needs=self.instance.tags_of("need"),
                audiences=self.instance.tags_of("audience"),
                languages=self.instance.tags_of("language"),
                channels=self.instance.tags_of("channel"),
            )

    clean_contact_phone = OrganisationForm.clean_contact_phone

    def clean_booking_url(self):
        return OrganisationForm.clean_website_value(self.cleaned_data["booking_url"])

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            self.add_error(
                "longitude",
                ValidationError(
                    _("Give both the latitude and the longitude, or neither."), code="pair"
                ),
            )
        return cleaned

    def _post_clean(self):
        # The model is checked by the service, with the tags it is saved with.
        pass

    def service_fields(self):
        """The cleaned data as the keyword arguments of the service functions."""
        return {
            name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data
        }


class OpeningHoursForm(WeeklyHoursForm):
    class Meta(WeeklyHoursForm.Meta):
        model = OpeningHours


class OpeningExceptionForm(DateExceptionForm):
    class Meta(DateExceptionForm.Meta):
        model = OpeningException


class ServiceFilterForm(QueryKeysForm):
    """The service map's filters, read from Finnish query parameters."""

    query_keys = {
        "need": "tarve",
        "municipality": "kunta",
        "language": "kieli",
        "open": "auki",
        "drop_in": "ilman_ajanvarausta",
        "query": "haku",
    }

    need = forms.ChoiceField(label=_("Help with"), required=False)
    municipality = MunicipalityFilterField(label=_("Serves my municipality"))
    language = forms.ChoiceField(label=_("Language"), required=False)
    open = forms.ChoiceField(label=_("Open"), required=False)
    drop_in = forms.BooleanField(label=_("Drop in, no appointment"), required=False)
    query = forms.CharField(label=_("Search words"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].choices = [("", _("Anything")), *Need.choices]
        self.fields["municipality"].load(_("Any municipality"))
        self.fields["language"].choices = [("", _("Any language")), *SPOKEN_LANGUAGES]
        self.fields["open"].choices = [
            ("", _("Any time")),
            (OPEN_NOW, _("Open now")),
            (OPEN_TODAY, _("Open today")),
        ]

    def filters(self):
        self.is_valid()  # a bad value is left out; the valid ones still filter
        data = self.cleaned_data
        return ServiceFilters(
            need=data.get("need") or "",
            municipality=data.get("municipality") or None,
            language=data.get("language") or "",
            drop_in=bool(data.get("drop_in")),
            open=data.get("open") or "",
            query=(data.get("query") or "").strip(),
        )


class ReferralForm(forms.Form):
    client_email = forms.EmailField(
        label=_("The client's e-mail address"),
        max_length=254,
        help_text=_("The address the client uses to sign in to Ideahautomo."),
    )
    note = forms.CharField(
        label=_("A note to the client (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example why this service could help. The client sees it with the link."),
    )
