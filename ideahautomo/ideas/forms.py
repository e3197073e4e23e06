"""Forms for publishing and moving ideas forward."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ideahautomo.accounts.models import Municipality
from ideahautomo.lib.forms import QueryKeysForm
from ideahautomo.profiles.forms import SkillChoiceField
from ideahautomo.profiles.models import Skill

from .models import Idea, IdeaReview


class IdeaForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What is the idea, and what kind of people do you need? Markdown works."),
    )
    category = forms.ChoiceField(label=_("Category"), choices=Idea.Category.choices)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.filter(is_active=True),
        required=False,
    )
    online = forms.BooleanField(label=_("Can be done online"), required=False)
    visibility = forms.ChoiceField(
        label=_("Who can read it"),
        choices=Idea.Visibility.choices,
        widget=forms.RadioSelect,
        initial=Idea.Visibility.MEMBERS,
    )
    skills = SkillChoiceField(
        label=_("Needed skills"),
        queryset=Skill.objects.filter(is_curated=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    other_skills = forms.CharField(
        label=_("Other needed skills"),
        required=False,
        max_length=1000,
        help_text=_("Separate with commas."),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Idea.Status.choices)
    note = forms.CharField(
        label=_("A short note for the followers"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class UpdateForm(forms.Form):
    body = forms.CharField(
        label=_("News from the team"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Tell the owner briefly what you could bring"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HandOverForm(forms.Form):
    new_owner = forms.TypedChoiceField(label=_("New owner"), coerce=int)

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.team = {user.pk: user for user in team}
        self.fields["new_owner"].choices = [
            (pk, user.display_name) for pk, user in self.team.items()
        ]

    def clean_new_owner(self):
        return self.team[self.cleaned_data["new_owner"]]


class IdeaFilterForm(QueryKeysForm):
    query_keys = {
        "category": "luokka",
        "municipality": "kunta",
        "online": "verkossa",
        "skill": "osaaminen",
        "status": "tila",
        "sort": "jarjestys",
    }

    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("All")), *Idea.Category.choices], required=False
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.filter(is_active=True),
        required=False,
        empty_label=_("All"),
    )
    online = forms.BooleanField(label=_("Online"), required=False)
    skill = forms.CharField(label=_("Needed skill"), max_length=60, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *Idea.Status.choices], required=False
    )
    sort = forms.ChoiceField(
        label=_("Order"),
        choices=[
            ("uusimmat", _("newest")),
            ("kiinnostavimmat", _("most interest")),
            ("aktiivisimmat", _("recently active")),
        ],
        required=False,
    )


class ReviewForm(forms.ModelForm):
    """A mentor's review: what is strong, what is risky, and the next step to take."""

    class Meta:
        model = IdeaReview
        fields = ["strengths", "risks", "next_step"]
        widgets = {
            "strengths": forms.Textarea(attrs={"rows": 3}),
            "risks": forms.Textarea(attrs={"rows": 3}),
            "next_step": forms.Textarea(attrs={"rows": 3}),
        }
