"""Members' profiles: what they know, speak and want, and who may see it."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ideahautomo.lib.moderatable import Hideable

from .languages import SPOKEN_LANGUAGE_NAMES, SPOKEN_LANGUAGES, Level


def skill_key(text):
    """The one spelling a skill is stored under: "Python", " python " and "PYTHON" are one."""
    return " ".join(text.casefold().split())


class Skill(models.Model):
    """A skill, competence or topic. Curated ones carry a name in each language; members
    may add their own, which keep the name as first written."""

    key = models.CharField(max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=60)
    name_fi = models.CharField(max_length=60, blank=True)
    name_sv = models.CharField(max_length=60, blank=True)
    name_en = models.CharField(max_length=60, blank=True)
    name_uk = models.CharField(max_length=60, blank=True)
    is_curated = models.BooleanField(default=False)

    class Meta:
        ordering = ["key"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")

    def __str__(self):
        return self.label

    @property
    def label(self):
        language = (translation.get_language() or "fi")[:2]
        return getattr(self, f"name_{language}", "") or self.name_fi or self.name


class Profile(Hideable):
    moderation_author_field = "user"

    class Visibility(models.TextChoices):
        MEMBERS = "members", _("all members")
        CONNECTIONS = "connections", _("only people in the same study circles and ideas")
        HIDDEN = "hidden", _("nobody: hidden from the directory and suggestions")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="profile"
    )
    visibility = models.CharField(
        _("who sees my profile"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    real_name = models.CharField(
        _("real name"),
        max_length=100,
        blank=True,
        help_text=_("Shown only to those who see your profile. You may use a nickname instead."),
    )
    introduction = models.TextField(
        _("introduction"),
        max_length=2000,
        validators=[MaxLengthValidator(2000)],
        blank=True,
        help_text=_("A few words about yourself. Markdown: **bold**, *italics*, lists, links."),
    )
    introduction_html = models.TextField(blank=True, editable=False)
    can_help_with = models.TextField(
        _("I can help with"), max_length=500, blank=True, validators=[MaxLengthValidator(500)]
    )
    looking_for = models.TextField(
        _("I am looking for"), max_length=500, blank=True, validators=[MaxLengthValidator(500)]
    )
    goal_learn = models.BooleanField(_("learn something new"), default=False)
    goal_work = models.BooleanField(_("find work"), default=False)
    goal_business = models.BooleanField(_("start a business"), default=False)
    goal_help = models.BooleanField(_("help others"), default=False)
    meets_online = models.BooleanField(_("I can also meet online"), default=True)
    photo = models.ImageField(upload_to="profiles/", blank=True)
    onboarded_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    GOALS = ("goal_learn", "goal_work", "goal_business", "goal_help")

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.user)

    def get_absolute_url(self):
        return reverse("profiles:detail", args=[self.user_id])

    def goals(self):
        return [
            self._meta.get_field(goal).verbose_name for goal in self.GOALS if getattr(self, goal)
        ]


class ProfileSkill(models.Model):
    class Relation(models.TextChoices):
        HAS = "has", _("knows")
        WANTS = "wants", _("wants to learn")

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="skill_links")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="profile_links")
    relation = models.CharField(max_length=5, choices=Relation.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "skill", "relation"], name="profiles_skill_once"
            )
        ]
        indexes = [models.Index(fields=["skill", "relation"], name="profiles_skill_relation")]

    def __str__(self):
        return f"{self.profile_id} {self.relation} {self.skill_id}"


class ProfileLanguage(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(_("language"), max_length=3, choices=SPOKEN_LANGUAGES)
    level = models.CharField(_("level"), max_length=6, choices=Level.choices)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "code"], name="profiles_language_once")
        ]
        indexes = [models.Index(fields=["code", "level"], name="profiles_language_level")]

    def __str__(self):
        return f"{self.code} {self.level}"

    @property
    def name(self):
        return SPOKEN_LANGUAGE_NAMES[self.code]


class SearchTerm(models.Model):
    """One word of a member's shown name, for prefix search at Finland scale."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="search_terms")
    term = models.CharField(max_length=60, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "term"], name="profiles_search_term_once")
        ]

    def __str__(self):
        return self.term
