"""Conversations between members, blocks, and notifications with their e-mail outbox."""

from collections import defaultdict

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ideahautomo.lib.moderatable import Hideable

MESSAGE_MAX_LENGTH = 5000
CONVERSATION_MAX_PARTICIPANTS = 10


class Conversation(models.Model):
    """A private conversation of two or more (up to ten) people."""

    subject = models.CharField(_("subject"), max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    is_group = models.BooleanField(default=False)
    # "smaller-id:larger-id" for a one-to-one conversation, so that a pair has only one.
    direct_key = models.CharField(max_length=41, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self):
        return self.subject or f"#{self.pk}"

    @staticmethod
    def direct_key_for(first, second):
        low, high = sorted((first.pk, second.pk))
        return f"{low}:{high}"


class Participant(models.Model):
    """One person in one conversation, with how far they have read it."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversation_memberships"
    )
    joined_at = models.DateTimeField(default=timezone.now)
    last_read_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "user"], name="messaging_one_participant_each"
            ),
        ]
        indexes = [
            models.Index(
                fields=["user", "conversation"],
                condition=Q(left_at__isnull=True),
                name="messaging_participant_active",
            ),
        ]

    def __str__(self):
        return f"{self.user_id} in {self.conversation_id}"


class Message(Hideable):
    """Plain text written by one participant; shown escaped, with web addresses as links."""

    moderation_author_field = "sender"

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["conversation", "id"], name="messaging_message_order")]

    def __str__(self):
        return f"{self.sender_id}: {self.body[:40]}"


class Block(models.Model):
    """The blocker no longer hears from the blocked person, and neither sees the other."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_received"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="messaging_one_block_each"),
            models.CheckConstraint(
                condition=~Q(blocker=F("blocked")), name="messaging_no_self_block"
            ),
        ]

    def __str__(self):
        return f"{self.blocker_id} blocks {self.blocked_id}"


class NotificationKind(models.TextChoices):
    """Every kind of event another feature may notify a person of (see services.notify)."""

    MESSAGE_REPLY = "message_reply", _("new messages in your conversations")
    IDEA_COMMENT = "idea_comment", _("comments on your ideas")
    COMMENT_REPLY = "comment_reply", _("replies to your comments")
    IDEA_JOIN_REQUEST = "idea_join_request", _("requests to join your ideas")
    IDEA_JOIN_ACCEPTED = "idea_join_accepted", _("your requests to join an idea accepted")
    IDEA_JOIN_DECLINED = "idea_join_declined", _("your requests to join an idea declined")
    IDEA_UPDATE = "idea_update", _("news of ideas you follow")
    IDEA_OWNERSHIP = "idea_ownership", _("ideas handed over to you")
    IDEA_STATUS = "idea_status", _("changes in the status of ideas you follow")
    CIRCLE_CHANGE = "circle_change", _("changes in your circles")
    CIRCLE_WAITLIST_PROMOTED = (
        "circle_waitlist_promoted",
        _("a place in a circle from the waitlist"),
    )
    CIRCLE_INVITATION = "circle_invitation", _("invitations to circles")
    CIRCLE_SESSION = "circle_session", _("new and changed meetings of your circles")
    CIRCLE_POST = "circle_post", _("new posts in the discussions of your circles")
    CIRCLE_DEMAND = "circle_demand", _("enough people want to learn what you want to learn")
    CIRCLE_REMINDER = "circle_reminder", _("reminders of your circles' meetings")
    EVENT_CHANGE = "event_change", _("changes in events you have registered for")
    EVENT_CANCELLED = "event_cancelled", _("events you have registered for being cancelled")
    EVENT_WAITLIST_PROMOTED = "event_waitlist_promoted", _("a place at an event from the waitlist")
    EVENT_FEEDBACK = "event_feedback", _("requests for feedback after events you attended")
    EVENT_REMINDER = "event_reminder", _("reminders of events you have registered for")
    ANNOUNCEMENT = "announcement", _("announcements of the service")
    SERVICE_REFERRAL = "service_referral", _("services your employment services suggest to you")
    STORY_CONSENT_ASKED = "story_consent_asked", _("stories written about you, for your consent")
    STORY_DECLINED = "story_declined", _("stories you wrote that the person declined")
    STORY_WITHDRAWN = "story_withdrawn", _("consents to stories withdrawn")
    STORY_CONSENTED = "story_consented", _("stories waiting for publishing")
    CONTENT_HIDDEN = "content_hidden", _("a moderator hiding what you wrote")
    CONTENT_WARNED = "content_warned", _("a moderator's reminder of the community guidelines")
    CONTENT_RESTORED = "content_restored", _("what you wrote shown again after moderation")
    APPEAL_UPHELD = "appeal_upheld", _("answers to your requests for another look")
    REPORT_HANDLED = "report_handled", _("what the moderators decided about your reports")
    MENTORING_REQUEST = "mentoring_request", _("requests for mentoring sent to you")
    MENTORING_ACCEPTED = "mentoring_accepted", _("your requests for mentoring accepted")
    MENTORING_DECLINED = "mentoring_declined", _("your requests for mentoring declined")
    MENTORING_ENDED = "mentoring_ended", _("your mentorings ended by the other person")
    IDEA_REVIEW = "idea_review", _("mentors' reviews of your ideas")


# One line per kind, in the reader's language when shown. %(actor)s is the acting
# person's name; %(title)s the idea, circle or event (given in text_params).
NOTIFICATION_TEXTS = {
    NotificationKind.MESSAGE_REPLY: _("%(actor)s sent you a message."),
    NotificationKind.IDEA_COMMENT: _("%(actor)s commented on your idea “%(title)s”."),
    NotificationKind.COMMENT_REPLY: _("%(actor)s replied to your comment on “%(title)s”."),
    NotificationKind.IDEA_JOIN_REQUEST: _("%(actor)s would like to join your idea “%(title)s”."),
    NotificationKind.IDEA_JOIN_ACCEPTED: _("You were accepted to the team of “%(title)s”."),
    NotificationKind.IDEA_JOIN_DECLINED: _("Your request to join “%(title)s” was declined."),
    NotificationKind.IDEA_UPDATE: _("%(actor)s posted news of the idea “%(title)s”."),
    NotificationKind.IDEA_OWNERSHIP: _("%(actor)s handed the idea “%(title)s” over to you."),
    NotificationKind.IDEA_STATUS: _("The idea “%(title)s” has a new status: %(status)s."),
    NotificationKind.CIRCLE_CHANGE: _("The circle “%(title)s” has changed."),
    NotificationKind.CIRCLE_WAITLIST_PROMOTED: _(
        "A place opened up for you in the circle “%(title)s”."
    ),
    NotificationKind.CIRCLE_INVITATION: _("%(actor)s invited you to the circle “%(title)s”."),
    NotificationKind.CIRCLE_SESSION: _("The circle “%(title)s” has a new or changed meeting."),
    NotificationKind.CIRCLE_POST: _("%(actor)s wrote in the discussion of the circle “%(title)s”."),
    NotificationKind.CIRCLE_DEMAND: _(
        "Others want to learn the same as you: “%(title)s”. Would you start a circle?"
    ),
    NotificationKind.CIRCLE_REMINDER: _(
        "Reminder: your study circle “%(title)s” meets soon: %(when)s."
    ),
    NotificationKind.EVENT_CHANGE: _("The event “%(title)s” has changed."),
    NotificationKind.EVENT_CANCELLED: _("The event “%(title)s” was cancelled. %(reason)s"),
    NotificationKind.EVENT_WAITLIST_PROMOTED: _(
        "A place opened up for you at the event “%(title)s”."
    ),
    NotificationKind.EVENT_FEEDBACK: _("How was “%(title)s”? Tell us in a minute."),
    NotificationKind.EVENT_REMINDER: _("Reminder: you are registered for “%(title)s”: %(when)s."),
    NotificationKind.ANNOUNCEMENT: _("New announcement: %(title)s"),
    NotificationKind.SERVICE_REFERRAL: _(
        "%(actor)s suggests a service for you: “%(title)s”. %(note)s"
    ),
    NotificationKind.STORY_CONSENT_ASKED: _(
        "%(actor)s wrote a story about you: “%(title)s”. "
        "Read it and decide whether it may be published."
    ),
    NotificationKind.STORY_DECLINED: _("%(actor)s did not give consent to the story “%(title)s”."),
    NotificationKind.STORY_WITHDRAWN: _(
        "The consent to the story “%(title)s” was withdrawn; it is no longer published."
    ),
    NotificationKind.STORY_CONSENTED: _(
        "The story “%(title)s” has the person's consent and waits for publishing."
    ),
    NotificationKind.CONTENT_HIDDEN: _(
        "A moderator hid what you wrote (“%(title)s”) under the community guideline "
        "“%(guideline)s”. You may ask for another look once."
    ),
    NotificationKind.CONTENT_WARNED: _(
        "A moderator reminds you of the community guideline “%(guideline)s” about what "
        "you wrote (“%(title)s”). %(note)s"
    ),
    NotificationKind.CONTENT_RESTORED: _(
        "What you wrote (“%(title)s”) is visible to others again after a moderator's look."
    ),
    NotificationKind.APPEAL_UPHELD: _(
        "Another moderator looked at “%(title)s” again and kept it hidden."
    ),
    NotificationKind.REPORT_HANDLED: _(
        "Thank you for your report of “%(title)s”. The moderators' decision: %(outcome)s."
    ),
    NotificationKind.MENTORING_REQUEST: _("%(actor)s asks you to be their mentor."),
    NotificationKind.MENTORING_ACCEPTED: _("%(actor)s accepted your request for mentoring."),
    NotificationKind.MENTORING_DECLINED: _("%(actor)s declined your request for mentoring."),
    NotificationKind.MENTORING_ENDED: _(
        "%(actor)s ended your mentoring. Tell how it went in your feedback."
    ),
    NotificationKind.IDEA_REVIEW: _("%(actor)s, a mentor, reviewed your idea “%(title)s”."),
}


class Delivery(models.TextChoices):
    IN_APP = "in_app", _("only here in the service")
    IMMEDIATE = "immediate", _("also by e-mail at once")
    DIGEST = "digest", _("also in a daily e-mail summary")


# What a person gets before they choose: time-sensitive things by e-mail at once.
DEFAULT_DELIVERY = defaultdict(
    lambda: Delivery.DIGEST,
    {
        NotificationKind.MESSAGE_REPLY: Delivery.IMMEDIATE,
        NotificationKind.IDEA_JOIN_REQUEST: Delivery.IMMEDIATE,
        NotificationKind.CIRCLE_WAITLIST_PROMOTED: Delivery.IMMEDIATE,
        NotificationKind.CIRCLE_INVITATION: Delivery.IMMEDIATE,
        NotificationKind.EVENT_WAITLIST_PROMOTED: Delivery.IMMEDIATE,
        NotificationKind.EVENT_CHANGE: Delivery.IMMEDIATE,
        NotificationKind.EVENT_CANCELLED: Delivery.IMMEDIATE,
        NotificationKind.CIRCLE_REMINDER: Delivery.IMMEDIATE,
        NotificationKind.EVENT_REMINDER: Delivery.IMMEDIATE,
        NotificationKind.SERVICE_REFERRAL: Delivery.IMMEDIATE,
        NotificationKind.STORY_CONSENT_ASKED: Delivery.IMMEDIATE,
        NotificationKind.STORY_WITHDRAWN: Delivery.IMMEDIATE,
        NotificationKind.CONTENT_HIDDEN: Delivery.IMMEDIATE,
        NotificationKind.CONTENT_WARNED: Delivery.IMMEDIATE,
        NotificationKind.MENTORING_REQUEST: Delivery.IMMEDIATE,
        NotificationKind.MENTORING_ACCEPTED: Delivery.IMMEDIATE,
    },
)


class NotificationPreference(models.Model):
    """How one person wants to hear of one kind of notification."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=40, choices=NotificationKind.choices)
    delivery = models.CharField(max_length=20, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="messaging_one_preference_each"),
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind}: {self.delivery}"


class EmailState(models.TextChoices):
    NONE = "none", _("no e-mail")
    PENDING = "pending", _("e-mail waiting to be sent")
    DIGEST = "digest", _("waiting for the daily summary")
    SENT = "sent", _("e-mailed")
    FAILED = "failed", _("e-mail failed")


class Notification(models.Model):
    """Something a person should know of, shown in the service and, by choice, e-mailed.

    The row is also the e-mail outbox: it is written in the same transaction as the
    event, and the e-mail is marked sent in the transaction that sends it.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40, choices=NotificationKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.CharField(max_length=40, blank=True)
    text_params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    email_state = models.CharField(
        max_length=10, choices=EmailState.choices, default=EmailState.NONE
    )
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_next_attempt_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="messaging_notification_list"),
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="messaging_notification_unread",
            ),
            # The outbox: only the few rows still waiting are indexed.
            models.Index(
                fields=["email_state", "recipient"],
                condition=Q(email_state__in=["pending", "digest"]),
                name="messaging_notification_outbox",
            ),
        ]

    def __str__(self):
        return f"{self.kind} for {self.recipient_id}"

    @property
    def text(self):
        params = defaultdict(str, self.text_params or {})
        params["actor"] = str(self.actor) if self.actor_id else ""
        return str(NOTIFICATION_TEXTS.get(self.kind, "%(title)s")) % params


class DigestDelivery(models.Model):
    """One daily summary e-mailed to one person on one day: the guard against sending twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    notification_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="messaging_one_digest_a_day"),
        ]

    def __str__(self):
        return f"{self.user_id} {self.day}"
