from django import forms
from django.utils.translation import gettext_lazy as _

from ideahautomo.accounts.models import EmploymentArea, Municipality
from ideahautomo.lib.hours import DateExceptionForm, WeeklyHoursForm
from ideahautomo.lib.language import CONTENT_LANGUAGES

from .models import PointException, PointHours, Purpose, ServicePoint


class PointForm(forms.ModelForm):
    class Meta:
        model = ServicePoint
        fields = ["name", "street_address", "municipality", "area", "is_active"]
        labels = {
            "name": _("Name"),
            "street_address": _("Street address"),
            "municipality": _("Municipality"),
            "area": _("Employment area"),
            "is_active": _("In use"),
        }
        help_texts = {
            "area": _("If left empty, the area of the municipality."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(is_active=True).order_by(
            "name_fi"
        )
        self.fields["area"].queryset = EmploymentArea.objects.all()
        self.fields["area"].required = False

    def _post_clean(self):
        # The service checks the point as a whole (its area comes from the municipality).
        pass


class PointHoursForm(WeeklyHoursForm):
    class Meta(WeeklyHoursForm.Meta):
        model = PointHours


class PointExceptionForm(DateExceptionForm):
    class Meta(DateExceptionForm.Meta):
        model = PointException


class CountForm(forms.Form):
    """One visitor: the button pressed says first visit or returning."""

    visit = forms.ChoiceField(
        choices=[("first", _("First visit")), ("returning", _("Returning visitor"))],
        required=False,
    )
    purpose = forms.ChoiceField(
        label=_("Purpose of the visit"),
        choices=[("", _("Not asked")), *Purpose.choices],
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("Not asked")), *CONTENT_LANGUAGES],
        required=False,
    )

    def clean(self):
        data = super().clean()
        if not data.get("visit"):
            # The buttons are the choice; without one nothing tells what to count.
            raise forms.ValidationError(_("Press First visit or Returning visitor."))
        return data
