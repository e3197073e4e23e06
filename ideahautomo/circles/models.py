"""Study circles and peer groups: members learning together, in person or online."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ideahautomo.accounts.models import Municipality, PartnerOrganisation
from ideahautomo.lib.moderatable import Hideable
from ideahautomo.profiles.languages import SPOKEN_LANGUAGE_NAMES, SPOKEN_LANGUAGES, Level

VIDEO_ROOM_BASE = "https://meet.jit.si/"
MAX_OTHER_LANGUAGES = 3
# Names of the annotations with which selectors read a circle's other languages in the
# circle's own query (see selectors.with_other_languages).
OTHER_LANGUAGE_SLOTS = tuple(
    f"other_language_{number}" for number in range(1, MAX_OTHER_LANGUAGES + 1)
)


def new_video_room():
    """An online meeting room whose name nobody can guess (128 random bits)."""
    return f"{VIDEO_ROOM_BASE}Ideahautomo-{secrets.token_urlsafe(16)}"


def validate_https(value):
    if value and not value.lower().startswith("https://"):
        raise ValidationError(_("Give a secure link that starts with https://."), code="https")


class Circle(models.Model):
    class Kind(models.TextChoices):
        STUDY_CIRCLE = "study_circle", _("study circle")
        PEER_GROUP = "peer_group", _("peer group")
        VIRTUAL_GROUP = "virtual_group", _("virtual group")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("in person and online")

    class Policy(models.TextChoices):
        OPEN = "open", _("open: anyone can join")
        APPROVAL = "approval", _("organisers approve who joins")
        INVITE = "invite", _("by invitation of the organisers only")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("listed publicly")
        MEMBERS = "members", _("listed for members")
        PRIVATE = "private", _("private: unlisted, only for its members")

    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=Kind.choices,
        default=Kind.STUDY_CIRCLE,
        help_text=_(
            "A study circle learns something together; a peer group shares experiences "
            "and supports its members; a virtual group meets only online."
        ),
    )
    name = models.CharField(_("name"), max_length=120)
    topic = models.CharField(_("topic"), max_length=120)
    description = models.TextField(
        _("description"), max_length=5000, validators=[MaxLengthValidator(5000)]
    )
    description_html = models.TextField(blank=True, editable=False)
    language = models.CharField(_("language used"), max_length=3, choices=SPOKEN_LANGUAGES)
    level = models.CharField(_("level"), max_length=6, choices=Level.choices, blank=True)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    meeting_place = models.CharField(_("meeting place"), max_length=200, blank=True)
    online_link = models.URLField(_("online meeting link"), blank=True, validators=[validate_https])
    capacity = models.PositiveSmallIntegerField(_("places"), null=True, blank=True)
    policy = models.CharField(
        _("who can join"), max_length=10, choices=Policy.choices, default=Policy.OPEN
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    member_count = models.PositiveSmallIntegerField(default=0)
    skill = models.ForeignKey(
        "profiles.Skill",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("what the circle learns"),
    )
    # A partner organisation (an association, say) that organises the circle: its staff
    # run the circle as its organisers do, and the circle shows as the organisation's.
    organiser_organisation = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="circles",
        verbose_name=_("organising partner organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("study circle")
        verbose_name_plural = _("study circles")
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(member_count__lte=models.F("capacity")),
                name="circles_within_capacity",
            ),
            models.CheckConstraint(
                condition=~Q(kind="virtual_group") | Q(format="online"),
                name="circles_virtual_group_meets_online",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("circles:detail", args=[self.pk])

    @property
    def is_full(self):
        return self.capacity is not None and self.member_count >= self.capacity

    @property
    def free_places(self):
        return None if self.capacity is None else max(0, self.capacity - self.member_count)

    @property
    def meets_in_person(self):
        return self.format in (self.Format.IN_PERSON, self.Format.HYBRID)

    @property
    def meets_online(self):
        return self.format in (self.Format.ONLINE, self.Format.HYBRID)

    @property
    def other_language_codes(self):
        """The other languages' codes in the order of SPOKEN_LANGUAGES, the main one left
        out: from the circle's own query when selectors annotated it with them, otherwise
        from other_languages (one more query)."""
        if OTHER_LANGUAGE_SLOTS[0] in self.__dict__:
            codes = {self.__dict__[slot] for slot in OTHER_LANGUAGE_SLOTS}
        else:
            codes = {row.language for row in self.other_languages.all()}
        codes -= {self.language, None}
        return [code for code, _name in SPOKEN_LANGUAGES if code in codes]

    @property
    def language_codes(self):
        return [self.language, *self.other_language_codes]

    @property
    def languages_display(self):
        """For example "Finnish (also Ukrainian and English)", in the active language."""
        main = self.get_language_display()
        others = [SPOKEN_LANGUAGE_NAMES[code] for code in self.other_language_codes]
        if not others:
            return main
        return gettext("%(main)s (also %(others)s)") % {
            "main": main,
            "others": get_text_list([str(name) for name in others], gettext("and")),
        }


class CircleLanguage(models.Model):
    """Another language a circle uses besides its main one: a Finnish course for
    Ukrainians, for example, also uses Ukrainian for explanations."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="other_languages")
    language = models.CharField(_("language"), max_length=3, choices=SPOKEN_LANGUAGES)

    class Meta:
        verbose_name = _("other language of a circle")
        verbose_name_plural = _("other languages of circles")
        constraints = [
            models.UniqueConstraint(
                fields=["circle", "language"], name="circles_one_other_language"
            )
        ]
        indexes = [models.Index(fields=["language", "circle"], name="circles_other_language")]

    def __str__(self):
        return f"{self.circle_id} also in {self.language}"


class Membership(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("member")
        WAITLISTED = "waitlisted", _("on the waitlist")
        REQUESTED = "requested", _("waiting for approval")

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="circle_memberships"
    )
    status = models.CharField(max_length=12, choices=Status.choices)
    is_organiser = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    # The random part of the member's secret calendar address for the circle's meetings,
    # made on request; renewing or removing it stops the old address, and so does leaving.
    feed_key = models.CharField(max_length=32, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["circle", "user"], name="circles_one_membership")
        ]
        indexes = [models.Index(fields=["circle", "status", "created_at"], name="circles_queue")]

    def __str__(self):
        return f"{self.user_id} in {self.circle_id} ({self.status})"


class CircleWish(models.Model):
    """A member's wish to learn something in a circle ("Finnish, A1, in Vantaa or online").

    Wishes with the same skill, language and level pool together per place: one
    municipality (meeting in person) or online. A pool large enough, with no circle
    to join, tells its members once (notified_at)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="circle_wishes"
    )
    skill = models.ForeignKey(
        "profiles.Skill",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("what you want to learn"),
    )
    language = models.CharField(_("language used"), max_length=3, choices=SPOKEN_LANGUAGES)
    level = models.CharField(_("level"), max_length=6, choices=Level.choices, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    online_ok = models.BooleanField(_("online is fine"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("circle wish")
        verbose_name_plural = _("circle wishes")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "skill", "language", "level"], name="circles_one_interest"
            ),
            models.CheckConstraint(
                condition=Q(municipality__isnull=False) | Q(online_ok=True),
                name="circles_interest_has_place",
            ),
        ]
        indexes = [
            models.Index(
                fields=["skill", "language", "level", "municipality"], name="circles_interest_pool"
            )
        ]

    def __str__(self):
        return f"{self.user_id} wants {self.skill_id} in {self.language} {self.level}"


AGENDA_MAX_LENGTH = 5000


class CircleSession(models.Model):
    """One meeting of a circle; meetings scheduled together share a series id."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_link = models.URLField(_("online meeting link"), blank=True, validators=[validate_https])
    agenda = models.TextField(
        _("agenda"),
        max_length=AGENDA_MAX_LENGTH,
        blank=True,
        validators=[MaxLengthValidator(AGENDA_MAX_LENGTH)],
    )
    agenda_html = models.TextField(blank=True, editable=False)
    series = models.UUIDField(null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When the members' reminder e-mails went out; cleared when the meeting is moved.
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("circle meeting")
        verbose_name_plural = _("circle meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="circles_session_ends_after"
            )
        ]
        indexes = [
            models.Index(fields=["circle", "starts_at"], name="circles_session_time"),
            models.Index(
                fields=["starts_at"],
                condition=Q(reminded_at__isnull=True, cancelled_at__isnull=True),
                name="circles_session_reminder_due",
            ),
        ]

    def __str__(self):
        return f"{self.circle_id} at {self.starts_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("circles:sessions", args=[self.circle_id]) + f"#tapaaminen-{self.pk}"

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None


class SessionAttendance(models.Model):
    """Whether a member was at a meeting, as its organiser marked it."""

    session = models.ForeignKey(CircleSession, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="circle_attendance"
    )
    present = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"], name="circles_one_attendance_per_session"
            )
        ]

    def __str__(self):
        return f"{self.user_id} at {self.session_id}: {self.present}"


class CirclePost(Hideable):
    """A post in a circle's discussion, or a reply to one (one level deep)."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    body = models.TextField(_("message"), max_length=5000, validators=[MaxLengthValidator(5000)])
    body_html = models.TextField(blank=True, editable=False)
    link = models.URLField(
        _("link to shared material"), max_length=500, blank=True, validators=[validate_https]
    )
    link_title = models.CharField(_("name of the material"), max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["circle", "parent", "-created_at"], name="circles_post_threads")
        ]

    def __str__(self):
        return f"{self.author_id} in {self.circle_id}"


class CircleInvitation(models.Model):
    """An organiser's invitation: it lets the invitee see the circle and join it."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="invitations")
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="circle_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["circle", "invitee"], name="circles_one_invitation")
        ]

    def __str__(self):
        return f"{self.invitee_id} to {self.circle_id}"
