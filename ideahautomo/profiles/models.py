"""Members' profiles: what they know, speak and want, and who may see it."""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
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


class MentorTopic(models.TextChoices):
    """The fixed mentoring topics besides the skills vocabulary."""

    BUSINESS = "business", _("starting a business")
    JOB_SEARCH = "job_search", _("job search")
    CAREER_CHANGE = "career_change", _("career change")
    SECTOR = "sector", _("a sector")


# Which profile goal each topic answers, for suggestions.
TOPIC_GOALS = {
    MentorTopic.BUSINESS: "goal_business",
    MentorTopic.JOB_SEARCH: "goal_work",
    MentorTopic.CAREER_CHANGE: "goal_work",
}


class MentorProfile(models.Model):
    """What a mentor offers: areas (skills and fixed topics), how and where they meet,
    how many mentees at once and whether they take new ones now. The languages are the
    mentor's profile languages."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="mentor_profile",
    )
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="mentor_profiles", verbose_name=_("skills")
    )
    topic_business = models.BooleanField(MentorTopic.BUSINESS.label, default=False)
    topic_job_search = models.BooleanField(MentorTopic.JOB_SEARCH.label, default=False)
    topic_career_change = models.BooleanField(MentorTopic.CAREER_CHANGE.label, default=False)
    topic_sector = models.BooleanField(MentorTopic.SECTOR.label, default=False)
    sector = models.CharField(
        _("sector"),
        max_length=100,
        blank=True,
        help_text=_("For example: restaurants, construction, IT, cleaning."),
    )
    meets_online = models.BooleanField(_("online"), default=True)
    meets_in_person = models.BooleanField(_("in person"), default=False)
    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("municipality where I meet in person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    capacity = models.PositiveSmallIntegerField(
        _("mentees at once"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    is_available = models.BooleanField(_("I take new mentees now"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    TOPICS = {
        MentorTopic.BUSINESS: "topic_business",
        MentorTopic.JOB_SEARCH: "topic_job_search",
        MentorTopic.CAREER_CHANGE: "topic_career_change",
        MentorTopic.SECTOR: "topic_sector",
    }

    class Meta:
        verbose_name = _("mentor profile")
        verbose_name_plural = _("mentor profiles")
        indexes = [models.Index(fields=["is_available"], name="profiles_mentor_available")]

    def __str__(self):
        return str(self.user)

    def topics(self):
        """The labels of the fixed topics, the sector named."""
        labels = []
        for topic, field_name in self.TOPICS.items():
            if getattr(self, field_name):
                if topic == MentorTopic.SECTOR and self.sector:
                    labels.append(f"{topic.label}: {self.sector}")
                else:
                    labels.append(str(topic.label))
        return labels
