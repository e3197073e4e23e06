"""Collaboration ideas: what a member wants to learn, earn or start with others, and its team."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ideahautomo.accounts.models import Municipality
from ideahautomo.lib.moderatable import Hideable
from ideahautomo.profiles.models import Skill


class Idea(Hideable):
    moderation_author_field = "owner"

    class Category(models.TextChoices):
        LEARNING = "learning", _("learning")
        EARNING = "earning", _("earning")
        ENTREPRENEURSHIP = "entrepreneurship", _("entrepreneurship")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        IDEA = "idea", _("idea")
        FORMING = "forming", _("team forming")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        PAUSED = "paused", _("paused")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("public: guests can read it too, without anyone's name")
        MEMBERS = "members", _("members only")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="owned_ideas"
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(
        _("description"),
        max_length=5000,
        validators=[MaxLengthValidator(5000)],
        help_text=_("What is the idea, and what kind of people do you need? Markdown works."),
    )
    description_html = models.TextField(editable=False, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    online = models.BooleanField(_("can be done online"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IDEA
    )
    visibility = models.CharField(
        _("who can read it"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="ideas", verbose_name=_("needed skills")
    )
    interest_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    archived_at = models.DateTimeField(null=True, blank=True)
    # Set while the owner asks mentors for feedback; mentors see the idea in their queue.
    review_requested_at = models.DateTimeField(null=True, blank=True, db_index=True)

    OPEN_STATUSES = (Status.IDEA, Status.FORMING)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        indexes = [
            models.Index(fields=["visibility", "-created_at"], name="ideas_visible_new"),
            models.Index(fields=["-interest_count"], name="ideas_interest"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ideas:detail", args=[self.pk, slugify(self.title)[:50] or "idea"])

    @property
    def is_open_for_team(self):
        return self.status in self.OPEN_STATUSES and self.archived_at is None


class IdeaInterest(models.Model):
    """ "Kiinnostaa": a member finds the idea interesting."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="interests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="ideas_interest_once")]

    def __str__(self):
        return f"{self.user_id} → {self.idea_id}"


class IdeaFollow(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="ideas_follow_once")]

    def __str__(self):
        return f"{self.user_id} follows {self.idea_id}"


class TeamMember(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_teams"
    )
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["joined_at"]
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="ideas_team_once")]

    def __str__(self):
        return f"{self.user_id} in {self.idea_id}"


class JoinRequest(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("waiting")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.TextField(
        _("message to the owner"),
        max_length=1000,
        blank=True,
        validators=[MaxLengthValidator(1000)],
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "user"],
                condition=Q(state="pending"),
                name="ideas_one_pending_request",
            )
        ]

    def __str__(self):
        return f"{self.user_id} → {self.idea_id} ({self.state})"


class IdeaComment(Hideable):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    body = models.TextField(_("comment"), max_length=3000, validators=[MaxLengthValidator(3000)])
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["idea", "created_at"], name="ideas_comment_order")]

    def __str__(self):
        return f"{self.author_id} on {self.idea_id}"


class IdeaUpdate(models.Model):
    """A status change or a team's news, shown on the idea and sent to its followers."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=20, choices=Idea.Status.choices, blank=True)
    body = models.TextField(_("update"), max_length=2000, validators=[MaxLengthValidator(2000)])
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.idea_id}: {self.body[:30]}"


class IdeaReview(models.Model):
    """A mentor's structured feedback on an idea its owner asked mentors to review."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="reviews")
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_reviews"
    )
    strengths = models.TextField(
        _("strengths"), max_length=1500, validators=[MaxLengthValidator(1500)]
    )
    risks = models.TextField(_("risks"), max_length=1500, validators=[MaxLengthValidator(1500)])
    next_step = models.TextField(
        _("next step"), max_length=1500, validators=[MaxLengthValidator(1500)]
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["idea", "mentor"], name="ideas_review_once_per_mentor")
        ]

    def __str__(self):
        return f"{self.idea_id} {self.mentor_id}"
