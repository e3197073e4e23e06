"""The report form, a moderator's decision and the author's appeal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ideahautomo.lib.moderatable import Guideline

from .models import APPEAL_MAX_LENGTH, DETAILS_MAX_LENGTH, NOTE_MAX_LENGTH, Reason


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=Reason.choices, widget=forms.RadioSelect)
    details = forms.CharField(
        label=_("What is wrong with it?"),
        required=False,
        max_length=DETAILS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The moderators read this; the author does not learn who reported."),
    )


class DecisionForm(forms.Form):
    guideline = forms.ChoiceField(
        label=_("Community guideline"),
        choices=[("", _("Choose a guideline")), *Guideline.choices],
        required=False,
        help_text=_("Needed to hide or to warn: the author is told which guideline."),
    )
    note = forms.CharField(
        label=_("Note to the author"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to the author with the decision. Optional."),
    )


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("Why should a moderator look at it again?"),
        max_length=APPEAL_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Another moderator reads this. You can ask only once."),
    )
