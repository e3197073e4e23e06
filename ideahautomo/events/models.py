"""Events, the registrations to them, their anonymous feedback and personal calendar feeds."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ideahautomo.accounts.models import Municipality, PartnerOrganisation
from ideahautomo.lib.moderatable import Hideable

# How long attendees may answer after an event; the results wait until then, so that
# they never change one answer at a time.
FEEDBACK_TIME = timedelta(days=14)


def validate_https(value):
    if value and not value.lower().startswith("https://"):
        raise ValidationError(_("Give a secure link that starts with https://."), code="https")


class Event(Hideable):
    """Something people gather for, in a place, online or both, at a time in Finnish time."""

    moderation_author_field = "created_by"

    class Kind(models.TextChoices):
        NETWORKING = "networking", _("networking event")
        WORKSHOP = "workshop", _("workshop")
        IDEA_SESSION = "idea_session", _("idea session")
        EXCURSION = "excursion", _("excursion")
        WEBINAR = "webinar", _("webinar")
        INFO_SESSION = "info_session", _("info session")
        DROP_IN = "drop_in", _("drop-in")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("waiting for approval")
        PUBLISHED = "published", _("published")
        DECLINED = "declined", _("declined")
        CANCELLED = "cancelled", _("cancelled")

    REMINDER_CHOICES = [
        (2, _("2 hours before")),
        (24, _("24 hours before")),
        (48, _("2 days before")),
        (72, _("3 days before")),
    ]

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(
        _("description"),
        max_length=10000,
        help_text=_("Markdown: *italics*, **bold**, lists with a dash, links as <https://…>."),
    )
    # Rendered and sanitised from description on every save; the only HTML ever shown.
    description_html = models.TextField(editable=False, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue_name = models.CharField(_("place"), max_length=150, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("The video meeting or webinar address, if the event is online."),
    )
    recording_url = models.URLField(
        _("recording link"),
        max_length=500,
        blank=True,
        validators=[validate_https],
        help_text=_(
            "For a webinar: the address of its recording. It is shown on the event's page "
            "after the event, to those who registered."
        ),
    )
    recording_public = models.BooleanField(
        _("recording for everyone"),
        default=False,
        help_text=_(
            "Show the recording to everyone who sees the event, not only to those who registered."
        ),
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("organising partner organisation"),
    )
    host_organisation = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_events",
        verbose_name=_("host company or organisation"),
        help_text=_("For an excursion: the partner organisation whose workplace is visited."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="events_created",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PUBLISHED)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancel_reason = models.CharField(_("why it was cancelled"), max_length=500, blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Public events are shown to guests too; others only to signed-in people."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Leave empty to take registrations until the event starts."),
    )
    ask_dietary_needs = models.BooleanField(_("ask about dietary needs"), default=False)
    ask_accessibility_needs = models.BooleanField(_("ask about accessibility needs"), default=False)
    reminder_hours = models.PositiveSmallIntegerField(
        _("reminder e-mail"), choices=REMINDER_CHOICES, default=24
    )
    # When the reminders of this event fall due: starts_at less reminder_hours.
    reminder_at = models.DateTimeField(editable=False)
    # Confirmed registrations, kept by the services under the event's row lock.
    registered_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="events_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(registered_count__lte=models.F("capacity")),
                name="events_within_capacity",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "ends_at"], name="events_published_by_end"),
            models.Index(fields=["status", "starts_at"], name="events_published_by_start"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.starts_at:
            self.reminder_at = self.starts_at - timedelta(hours=self.reminder_hours)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "reminder_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = ValidationError(
                _("The event must end after it starts."), code="ends_before_start"
            )
        if (
            self.starts_at
            and self.registration_deadline
            and self.registration_deadline > self.starts_at
        ):
            errors["registration_deadline"] = ValidationError(
                _("The registration deadline must be before the event starts."),
                code="deadline_after_start",
            )
        if not self.online_url and not (self.venue_name or self.street_address):
            errors["venue_name"] = ValidationError(
                _("Give a place with its address, an online link, or both."), code="no_place"
            )
        if self.host_organisation_id and self.kind != self.Kind.EXCURSION:
            errors["host_organisation"] = ValidationError(
                _("Only an excursion has a host organisation."), code="host_not_excursion"
            )
        if self.recording_url and self.kind != self.Kind.WEBINAR:
            errors["recording_url"] = ValidationError(
                _("Only a webinar has a recording."), code="recording_not_webinar"
            )
        if self.street_address and not self.municipality_id:
            errors["municipality"] = ValidationError(
                _("Choose the municipality of the address."), code="no_municipality"
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_drop_in(self):
        return self.kind == self.Kind.DROP_IN

    @property
    def is_online(self):
        return bool(self.online_url)

    @property
    def has_place(self):
        return bool(self.venue_name or self.street_address)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def places_left(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.registered_count, 0)

    @property
    def is_full(self):
        return self.capacity is not None and self.registered_count >= self.capacity

    @property
    def closes_at(self):
        """The moment registration closes: the deadline, or the start."""
        return self.registration_deadline or self.starts_at

    def has_started(self, now=None):
        return self.starts_at <= (now or timezone.now())

    def has_ended(self, now=None):
        return self.ends_at <= (now or timezone.now())

    @property
    def feedback_closes_at(self):
        """Attendees answer until this moment; then the results are shown, once and whole."""
        return self.ends_at + FEEDBACK_TIME

    def feedback_open(self, now=None):
        now = now or timezone.now()
        return self.ends_at <= now < self.feedback_closes_at

    @property
    def feedback_open_now(self):
        return self.feedback_open()

    def registration_open(self, now=None):
        return self.is_published and (now or timezone.now()) < self.closes_at


class Registration(models.Model):
    """One person's place at an event: confirmed, on the waitlist, or cancelled."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("registered")
        WAITLISTED = "waitlisted", _("on the waitlist")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    # The waitlist is served in the order of this moment (set again on re-registering).
    registered_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    dietary_needs = models.CharField(_("dietary needs"), max_length=300, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=300, blank=True)
    attended = models.BooleanField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # Feedback is stored apart from the person; this only says it was given.
    feedback_given_at = models.DateTimeField(null=True, blank=True)
    # When the attendee was asked for feedback (once, when attendance was marked).
    feedback_requested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="events_one_registration"),
        ]
        indexes = [
            models.Index(fields=["event", "status", "registered_at"], name="events_reg_queue"),
            models.Index(fields=["user", "status"], name="events_reg_user"),
            models.Index(
                fields=["event"],
                condition=Q(status="confirmed", reminder_sent_at__isnull=True),
                name="events_reg_reminder_due",
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.event}"

    @property
    def is_active(self):
        return self.status in (self.Status.CONFIRMED, self.Status.WAITLISTED)


class Feedback(models.Model):
    """An attendee's mood (1 to 5) and optional comment, kept without the person's identity."""

    class Mood(models.IntegerChoices):
        VERY_BAD = 1, _("Very bad")
        BAD = 2, _("Bad")
        NEUTRAL = 3, _("Neither good nor bad")
        GOOD = 4, _("Good")
        VERY_GOOD = 5, _("Very good")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback")
    mood = models.PositiveSmallIntegerField(_("mood"), choices=Mood.choices)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    # Only the day: an exact time could be matched to whoever gave it.
    given_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mood__gte=1, mood__lte=5), name="events_mood_one_to_five"
            ),
        ]

    def __str__(self):
        return f"{self.event}: {self.mood}"


class CalendarFeed(models.Model):
    """A person's secret calendar subscription; deleting it revokes every copy of the link."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    key = models.CharField(max_length=32, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.user}"
