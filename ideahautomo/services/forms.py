"""Forms of organisation pages and their filters."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ideahautomo.accounts.models import Municipality, PartnerOrganisation

from .selectors import OrganisationFilters

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

    def clean_website(self):
        website = self.cleaned_data["website"].strip()
        if website and not website.lower().startswith("https://"):
            raise ValidationError(HTTPS_ONLY, code="https")
        return website

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


class OrganisationFilterForm(forms.Form):
    """The list filters, read from Finnish query parameters."""

    tyyppi = forms.ChoiceField(required=False)
    kunta = forms.ModelChoiceField(
        queryset=Municipality.objects.filter(is_active=True), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tyyppi"].choices = [("", ""), *PartnerOrganisation.Kind.choices]

    def filters(self):
        self.is_valid()  # a bad value is left out; the valid ones still filter
        data = self.cleaned_data
        return OrganisationFilters(
            kind=data.get("tyyppi") or "", municipality=data.get("kunta") or None
        )
