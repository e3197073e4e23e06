"""The check-in and feedback forms: mood meters of real radio buttons, no JavaScript."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import HELPED_FIELDS, MOODS, CheckIn, Situation


def _mood_field(label):
    return forms.TypedChoiceField(
        label=label,
        choices=MOODS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one of the five faces."),
            "invalid_choice": _("Choose one of the five faces."),
        },
    )


class CheckInForm(forms.Form):
    situation = forms.ChoiceField(
        label=_("What is your situation now?"),
        choices=Situation.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose your situation."),
            "invalid_choice": _("Choose your situation."),
        },
    )
    mood = _mood_field(_("How are you feeling?"))
    helped = forms.MultipleChoiceField(
        label=_("What has helped you? (optional)"),
        choices=[
            (name, CheckIn._meta.get_field(field).verbose_name)
            for name, field in HELPED_FIELDS.items()
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Choose only from the list.")},
    )

    @classmethod
    def initial_from(cls, check_in):
        """The form filled with an earlier answer of the same month."""
        if check_in is None or check_in.skipped:
            return {}
        return {
            "situation": check_in.situation,
            "mood": check_in.mood,
            "helped": [name for name, field in HELPED_FIELDS.items() if getattr(check_in, field)],
        }


class FeedbackForm(forms.Form):
    mood = _mood_field(_("How do you like Ideahautomo?"))
    text = forms.CharField(
        label=_("Tell us more"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("At most 2000 characters. Please do not write anyone's personal details."),
    )
    anonymous = forms.BooleanField(
        label=_("Send anonymously"),
        required=False,
        initial=True,
        help_text=_(
            "Anonymous feedback is stored without your name or employment area. "
            "Otherwise it is linked to your account and included in your own data download."
        ),
    )
    # Checked by the service, which drops anything but a plain path on this site.
    page = forms.CharField(required=False, widget=forms.HiddenInput)
    # A trap for robots: hidden from people, so anything typed here comes from a robot.
    website = forms.CharField(required=False)

    def __init__(self, *args, named_allowed, **kwargs):
        super().__init__(*args, **kwargs)
        if not named_allowed:
            del self.fields["anonymous"]
