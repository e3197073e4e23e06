"""The forms of a profile, one per step of setting it up."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ideahautomo.accounts.models import Municipality
from ideahautomo.lib.forms import QueryKeysForm

from .languages import SPOKEN_LANGUAGES, Level
from .models import MentorProfile, Profile, Skill


class GoalsForm(forms.Form):
    goals = forms.MultipleChoiceField(
        label=_("What do you want from Ideahautomo?"),
        choices=[(goal, Profile._meta.get_field(goal).verbose_name) for goal in Profile.GOALS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality where you live"),
        queryset=Municipality.objects.filter(is_active=True),
        required=False,
        help_text=_(
            "Helps you find people and circles near you. Shown to those who see your profile."
        ),
    )
    meets_online = forms.BooleanField(label=_("I can also meet online"), required=False)


class LanguageForm(forms.Form):
    code = forms.ChoiceField(
        label=_("Language"), choices=[("", "–"), *SPOKEN_LANGUAGES], required=False
    )
    level = forms.ChoiceField(label=_("Level"), choices=[("", "–"), *Level.choices], required=False)

    def clean(self):
        code, level = self.cleaned_data.get("code"), self.cleaned_data.get("level")
        if code and not level:
            self.add_error("level", _("Choose your level in this language."))
        if level and not code:
            self.add_error("code", _("Choose the language."))
        return self.cleaned_data


class BaseLanguageFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        codes = [form.cleaned_data["code"] for form in self.forms if form.cleaned_data.get("code")]
        if len(codes) != len(set(codes)):
            raise ValidationError(_("Each language can be given only once."))

    def entries(self):
        return [
            (form.cleaned_data["code"], form.cleaned_data["level"])
            for form in self.forms
            if form.cleaned_data.get("code")
        ]


LanguageFormSet = forms.formset_factory(
    LanguageForm, formset=BaseLanguageFormSet, extra=2, max_num=10, validate_max=True
)


class SkillChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, skill):
        return skill.label


class SkillsForm(forms.Form):
    curated = SkillChoiceField(
        label=_("Choose from the list"),
        queryset=Skill.objects.filter(is_curated=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    other = forms.CharField(
        label=_("Other skills"),
        required=False,
        max_length=1000,
        help_text=_("Separate with commas, for example: bookkeeping, carpentry, Python."),
    )

    def __init__(self, *args, legend=None, **kwargs):
        super().__init__(*args, **kwargs)
        if legend:
            self.fields["curated"].label = legend


class AboutForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["introduction", "can_help_with", "looking_for", "real_name"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 5}),
            "can_help_with": forms.Textarea(attrs={"rows": 2}),
            "looking_for": forms.Textarea(attrs={"rows": 2}),
        }


class VisibilityForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["visibility"]
        widgets = {"visibility": forms.RadioSelect}


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("Photo"),
        help_text=_(
            "JPEG, PNG or WebP, at most 5 MB. It is made smaller and its hidden data, "
            "such as location, is removed."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )


class DirectoryForm(QueryKeysForm):
    query_keys = {
        "query": "q",
        "municipality": "kunta",
        "language": "kieli",
        "level": "taso",
        "skill": "osaaminen",
        "goal": "tavoite",
    }

    query = forms.CharField(label=_("Name or skill"), required=False, max_length=60)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.filter(is_active=True),
        required=False,
        empty_label=_("All"),
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("All")), *SPOKEN_LANGUAGES], required=False
    )
    level = forms.ChoiceField(
        label=_("At least level"), choices=[("", _("Any")), *Level.choices], required=False
    )
    skill = forms.CharField(label=_("Skill"), required=False, max_length=60)
    goal = forms.ChoiceField(
        label=_("Goal"),
        choices=[("", _("All"))]
        + [(goal, Profile._meta.get_field(goal).verbose_name) for goal in Profile.GOALS],
        required=False,
    )


class MentorProfileForm(forms.ModelForm):
    """A mentor's offer: the fixed topics and skills of the vocabulary, how and where
    they meet, how many mentees at once and whether they take new ones now."""

    curated = SkillChoiceField(
        label=_("Skills I mentor in"),
        queryset=Skill.objects.filter(is_curated=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    other = forms.CharField(
        label=_("Other skills"),
        required=False,
        max_length=1000,
        help_text=_("Separate with commas, for example: bookkeeping, carpentry, Python."),
    )

    class Meta:
        model = MentorProfile
        fields = [
            "topic_business",
            "topic_job_search",
            "topic_career_change",
            "topic_sector",
            "sector",
            "meets_online",
            "meets_in_person",
            "municipality",
            "capacity",
            "is_available",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(is_active=True)
