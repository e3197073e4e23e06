"""Mentoring: a member's request to a mentor and, once accepted, the mentoring itself
with its goals, meetings and the feedback both give at the end. Everything here is
private to the two of them."""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Mentoring(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("waiting for an answer")
        DECLINED = "declined", _("declined")
        ACTIVE = "active", _("in progress")
        ENDED = "ended", _("ended")
        WITHDRAWN = "withdrawn", _("taken back")

    OPEN_STATUSES = (Status.REQUESTED, Status.ACTIVE)

    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorings_as_mentee"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorings_as_mentor"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    need = models.TextField(
        _("what would you like help with?"),
        max_length=1000,
        validators=[MaxLengthValidator(1000)],
    )
    # An idea the mentee chose to share (ideas' linkable kind "idea"), shown only while
    # the mentor may see it.
    idea_id = models.PositiveIntegerField(null=True, blank=True)
    answer = models.TextField(
        _("message"), max_length=1000, blank=True, validators=[MaxLengthValidator(1000)]
    )
    goals = models.TextField(
        _("agreed goals"),
        max_length=2000,
        blank=True,
        validators=[MaxLengthValidator(2000)],
        help_text=_("Markdown: **bold**, *italics*, lists."),
    )
    goals_html = models.TextField(blank=True, editable=False)
    video_link = models.URLField(
        _("video meeting link"),
        blank=True,
        max_length=300,
        help_text=_("If you meet online: an https address, for example of Jitsi or Teams."),
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentee", "mentor"],
                condition=Q(status__in=["requested", "active"]),
                name="mentoring_one_open_per_pair",
            ),
            models.CheckConstraint(
                condition=~Q(mentee=models.F("mentor")), name="mentoring_not_oneself"
            ),
        ]
        indexes = [
            models.Index(fields=["mentor", "status"], name="mentoring_mentor_status"),
            models.Index(fields=["mentee", "status"], name="mentoring_mentee_status"),
        ]

    def __str__(self):
        return f"{self.mentee_id} → {self.mentor_id} ({self.status})"

    def get_absolute_url(self):
        return reverse("mentoring:detail", args=[self.pk])

    def is_party(self, user):
        return user is not None and user.pk in (self.mentee_id, self.mentor_id)

    def other_party(self, user):
        return self.mentor if user.pk == self.mentee_id else self.mentee


class Meeting(models.Model):
    """One meeting of a mentoring; the notes are for the two of them only."""

    mentoring = models.ForeignKey(Mentoring, on_delete=models.CASCADE, related_name="meetings")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    date = models.DateField(_("date"))
    notes = models.TextField(
        _("notes"),
        max_length=3000,
        blank=True,
        validators=[MaxLengthValidator(3000)],
        help_text=_("Only the two of you see the notes. Markdown: **bold**, *italics*, lists."),
    )
    notes_html = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.mentoring_id} {self.date}"


class Feedback(models.Model):
    """What one of the two thought of the mentoring when it ended."""

    class Mood(models.IntegerChoices):
        VERY_BAD = 1, _("very bad")
        BAD = 2, _("bad")
        NEUTRAL = 3, _("neither good nor bad")
        GOOD = 4, _("good")
        VERY_GOOD = 5, _("very good")

    mentoring = models.ForeignKey(Mentoring, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    is_mentor = models.BooleanField(default=False)
    mood = models.PositiveSmallIntegerField(
        _("how did the mentoring go?"),
        choices=Mood.choices,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    text = models.TextField(
        _("feedback"), max_length=1000, blank=True, validators=[MaxLengthValidator(1000)]
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["mentoring", "author"], name="mentoring_feedback_once_each"
            )
        ]

    def __str__(self):
        return f"{self.mentoring_id} {self.author_id}: {self.mood}"
