"""The announcement form: the text and who it goes to."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ideahautomo.accounts.models import EmploymentArea, Municipality
from ideahautomo.lib.language import CONTENT_LANGUAGES

from .models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH
from .permissions import can_announce_to_everyone


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    body = forms.CharField(
        label=_("Text"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown: **bold**, *italics*, lists, links."),
    )
    area = forms.ModelChoiceField(
        label=_("Employment area"),
        queryset=EmploymentArea.objects.none(),
        required=False,
        empty_label=_("All areas"),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("All municipalities"),
        help_text=_("The municipality the member has given in their profile."),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("All languages")), *CONTENT_LANGUAGES],
        required=False,
        help_text=_("The language the member uses the service in."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        municipalities = Municipality.objects.filter(is_active=True)
        if can_announce_to_everyone(user):
            self.fields["area"].queryset = EmploymentArea.objects.all()
        else:
            del self.fields["area"]
            municipalities = municipalities.filter(employment_area=user.contact_area)
        self.fields["municipality"].queryset = municipalities

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Give the announcement a title."), code="required")
        return title

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write the text of the announcement."), code="required")
        return body

    def chosen_area(self):
        if "area" in self.fields:
            return self.cleaned_data["area"]
        return self.user.contact_area

    def audience(self):
        """The audience choices as keyword arguments of the services."""
        return {
            "area": self.chosen_area(),
            "municipality": self.cleaned_data["municipality"],
            "language": self.cleaned_data["language"],
        }
