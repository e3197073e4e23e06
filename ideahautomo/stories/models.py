"""Success stories and the consent of the person each story is about."""

import hashlib
from html import unescape

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ideahautomo.lib.language import CONTENT_LANGUAGES
from ideahautomo.lib.moderatable import Hideable


class Shown(models.TextChoices):
    """How the person a story is about is shown to readers."""

    NAME = "name", _("with my name")
    PSEUDONYM = "pseudonym", _("with a pseudonym")
    ANONYMOUS = "anonymous", _("anonymously")


def text_hash(title, body):
    """The fingerprint of the exact text a consent covers."""
    return hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest()


class Story(Hideable):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        WAITING = "waiting", _("waiting for consent")
        CONSENTED = "consented", _("consented, waiting for publishing")
        PUBLISHED = "published", _("published")
        DECLINED = "declined", _("consent declined")
        WITHDRAWN = "withdrawn", _("consent withdrawn")

    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("story"), max_length=10000)
    body_html = models.TextField(editable=False)
    language = models.CharField(
        _("language of the text"),
        max_length=5,
        choices=CONTENT_LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="stories",
        verbose_name=_("the person the story is about"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="stories_written",
        verbose_name=_("written by"),
    )
    shown_as = models.CharField(
        _("how the person is shown"), max_length=10, choices=Shown.choices, default=Shown.ANONYMOUS
    )
    pseudonym = models.CharField(_("pseudonym"), max_length=60, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    source_kind = models.CharField(max_length=20, blank=True)
    source_id = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="published", published_at__isnull=False)
                | (~Q(status="published") & Q(published_at__isnull=True)),
                name="stories_published_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(shown_as=Shown.PSEUDONYM) | ~Q(pseudonym=""),
                name="stories_pseudonym_has_text",
            ),
            models.CheckConstraint(
                condition=Q(source_kind="", source_id__isnull=True)
                | (~Q(source_kind="") & Q(source_id__isnull=False)),
                name="stories_source_kind_and_id",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="stories_published"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("stories:detail", args=[self.pk])

    @property
    def text_hash(self):
        return text_hash(self.title, self.body)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def excerpt(self):
        """The story's text as plain words, without its Markdown marks."""
        return " ".join(unescape(strip_tags(self.body_html)).split())

    @property
    def shown_name(self):
        """The person as they consented to be shown, and never more."""
        if self.shown_as == Shown.NAME:
            return self.person.display_name
        if self.shown_as == Shown.PSEUDONYM:
            return self.pseudonym
        return gettext("anonymous")


class StoryConsent(models.Model):
    """One consent, kept for good: who gave it, when, to which exact text and how they
    are shown. A withdrawal or a change of the text ends it; nothing is deleted."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="consents")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="story_consents"
    )
    given_at = models.DateTimeField(default=timezone.now)
    title = models.CharField(max_length=150)
    body = models.TextField()
    text_hash = models.CharField(max_length=64)
    shown_as = models.CharField(max_length=10, choices=Shown.choices)
    pseudonym = models.CharField(max_length=60, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    text_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["story"],
                condition=Q(withdrawn_at__isnull=True, text_changed_at__isnull=True),
                name="stories_one_valid_consent",
            ),
            models.CheckConstraint(
                condition=~Q(shown_as=Shown.PSEUDONYM) | ~Q(pseudonym=""),
                name="stories_consent_pseudonym_has_text",
            ),
        ]

    def __str__(self):
        return f"{self.person_id} → {self.story_id} {self.given_at:%Y-%m-%d}"

    @property
    def is_valid(self):
        return self.withdrawn_at is None and self.text_changed_at is None
