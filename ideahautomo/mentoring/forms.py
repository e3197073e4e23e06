"""The forms of mentoring: the directory's filters, a request, an answer, goals,
a meeting and feedback."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ideahautomo.accounts.models import Municipality
from ideahautomo.lib.forms import QueryKeysForm
from ideahautomo.profiles.languages import SPOKEN_LANGUAGES
from ideahautomo.profiles.models import MentorTopic

from .models import Feedback


class MentorFilterForm(QueryKeysForm):
    query_keys = {
        "topic": "aihe",
        "skill": "osaaminen",
        "language": "kieli",
        "municipality": "kunta",
        "online": "verkossa",
        "available": "vapaana",
    }

    topic = forms.ChoiceField(
        label=_("Topic"), choices=[("", _("All")), *MentorTopic.choices], required=False
    )
    skill = forms.CharField(label=_("Skill"), required=False, max_length=60)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("All")), *SPOKEN_LANGUAGES], required=False
    )
    municipality = forms.ModelChoiceField(
        label=_("Meets in person in"),
        queryset=Municipality.objects.filter(is_active=True),
        required=False,
        empty_label=_("All"),
    )
    online = forms.BooleanField(label=_("Meets online"), required=False)
    available = forms.BooleanField(label=_("Takes new mentees now"), required=False)


class RequestForm(forms.Form):
    need = forms.CharField(
        label=_("What would you like help with?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: I am planning a café and need help with the business plan."),
    )
    idea_address = forms.CharField(
        label=_("Your idea's address"),
        max_length=300,
        required=False,
        help_text=_(
            "If you want to share an idea, copy its address here, for example /ideat/12/. "
            "The mentor sees it only if they may see the idea."
        ),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Message to the member"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class GoalsForm(forms.Form):
    goals = forms.CharField(
        label=_("Agreed goals"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Markdown: **bold**, *italics*, lists."),
    )
    video_link = forms.CharField(
        label=_("Video meeting link"),
        max_length=300,
        required=False,
        help_text=_("If you meet online: an https address, for example of Jitsi or Teams."),
    )


class MeetingForm(forms.Form):
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("For example 2026-03-29."),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
    )
    notes = forms.CharField(
        label=_("Notes"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the two of you see the notes. Markdown: **bold**, *italics*, lists."),
    )


class FeedbackForm(forms.Form):
    mood = forms.TypedChoiceField(
        label=_("How did the mentoring go?"),
        choices=Feedback.Mood.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the five faces.")},
    )
    text = forms.CharField(
        label=_("Feedback"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The other person sees your feedback."),
    )
