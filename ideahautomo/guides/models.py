"""Guides (ohjeet): articles written by staff, one text per language, Finnish always."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ideahautomo.lib.language import CONTENT_LANGUAGES

TITLE_MAX_LENGTH = 120
SUMMARY_MAX_LENGTH = 300
BODY_MAX_LENGTH = 20000
SLUG_MAX_LENGTH = 80
# A guide whose facts were last looked over longer ago than this is marked for checking.
REVIEW_AFTER = timedelta(days=365)
FALLBACK_LANGUAGE = "fi"


class Guide(models.Model):
    """One guide: its category, state and the day its facts were last checked."""

    class Category(models.TextChoices):
        BENEFITS = "benefits", _("Benefits and money")
        ENTREPRENEURSHIP = "entrepreneurship", _("Entrepreneurship")
        JOB_SEARCH = "job_search", _("CV and job search")
        STUDIES = "studies", _("Studies and degrees")
        DIGITAL = "digital", _("Digital services")
        WELLBEING = "wellbeing", _("Well-being")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    slug = models.SlugField(_("address"), max_length=SLUG_MAX_LENGTH, unique=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    reviewed_on = models.DateField(_("reviewed on"), default=timezone.localdate)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["category", "slug"]
        verbose_name = _("guide")
        verbose_name_plural = _("guides")
        indexes = [
            models.Index(fields=["status", "category", "slug"], name="guides_public_list"),
            models.Index(fields=["reviewed_on"], name="guides_reviewed_on"),
        ]

    def __str__(self):
        return self.slug

    def get_absolute_url(self):
        return reverse("guides:detail", args=[self.slug])

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def needs_review(self):
        return self.reviewed_on < timezone.localdate() - REVIEW_AFTER

    def texts_by_language(self):
        """The texts, by language code; reads the prefetched texts when there are any."""
        return {text.language: text for text in self.texts.all()}

    def text_for(self, language):
        """(text, is_fallback): the text in language, else the Finnish one."""
        texts = self.texts_by_language()
        if language in texts:
            return texts[language], False
        return texts.get(FALLBACK_LANGUAGE), language != FALLBACK_LANGUAGE


class GuideText(models.Model):
    """A guide's title, summary and body in one language."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=5, choices=CONTENT_LANGUAGES)
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    summary = models.CharField(_("summary"), max_length=SUMMARY_MAX_LENGTH, blank=True)
    body = models.TextField(
        _("text"), max_length=BODY_MAX_LENGTH, validators=[MaxLengthValidator(BODY_MAX_LENGTH)]
    )
    body_html = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["guide", "language"]
        verbose_name = _("guide text")
        verbose_name_plural = _("guide texts")
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "language"], name="guides_one_text_per_language"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"
