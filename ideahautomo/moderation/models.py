"""Reports of content, the case each reported item becomes for the moderators, and the
author's one appeal of a decision to hide."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ideahautomo.lib.moderatable import Guideline

DETAILS_MAX_LENGTH = 2000
APPEAL_MAX_LENGTH = 2000
NOTE_MAX_LENGTH = 1000


class Reason(models.TextChoices):
    """Why a member reports something: the same short list as messaging's reports."""

    HARASSMENT = "harassment", _("harassment or threats")
    SPAM = "spam", _("spam or advertising")
    SCAM = "scam", _("scam or fraud")
    INAPPROPRIATE = "inappropriate", _("inappropriate content")
    OTHER = "other", _("something else")


class Case(models.Model):
    """One reported item (a kind and an id) and what the moderators decided about it.

    The snapshot is the item's text when it was first reported; moderators read it,
    never the conversation or circle it came from."""

    class State(models.TextChoices):
        OPEN = "open", _("waiting for a moderator")
        HIDDEN = "hidden", _("hidden")
        WARNED = "warned", _("the author was warned")
        DISMISSED = "dismissed", _("dismissed")
        RESTORED = "restored", _("restored")

    kind = models.CharField(max_length=30)
    object_id = models.PositiveBigIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    snapshot = models.TextField(blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    opened_at = models.DateTimeField(default=timezone.now)
    guideline = models.CharField(
        _("guideline"), max_length=20, choices=Guideline.choices, blank=True
    )
    note = models.TextField(_("note to the author"), max_length=NOTE_MAX_LENGTH, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The moderator who hid the item: an appeal goes to someone else.
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["opened_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="moderation_one_case_each"),
        ]
        indexes = [
            models.Index(
                fields=["opened_at"], condition=Q(state="open"), name="moderation_case_open"
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}: {self.state}"

    @property
    def title(self):
        """The first line of the snapshot, short enough for a notification."""
        first = (self.snapshot or "").strip().splitlines()[:1]
        text = first[0] if first else ""
        return text if len(text) <= 60 else text[:59] + "…"


class Report(models.Model):
    """One person's report of one item, with the item's text as it was then."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=30)
    object_id = models.PositiveBigIntegerField()
    snapshot = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    details = models.TextField(_("details"), max_length=DETAILS_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "kind", "object_id"], name="moderation_one_report_each"
            ),
        ]

    def __str__(self):
        return f"{self.reporter_id} on {self.kind} {self.object_id}"


class Appeal(models.Model):
    """The author's one request for another look at a decision to hide."""

    class Outcome(models.TextChoices):
        RESTORED = "restored", _("restored")
        UPHELD = "upheld", _("kept hidden")

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="appeal")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("why should it be looked at again"), max_length=APPEAL_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(decided_at__isnull=True),
                name="moderation_appeal_open",
            ),
        ]

    def __str__(self):
        return f"appeal of {self.case_id}"
