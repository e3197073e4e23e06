"""People, their roles, the areas and organisations they belong to, and invitations."""

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


def localized_name(name_fi, name_sv):
    """Swedish readers get the Swedish name; everyone else the Finnish one."""
    return name_sv if translation.get_language() == "sv" and name_sv else name_fi


class Region(models.Model):
    """A region (maakunta) of Finland."""

    code = models.CharField(max_length=2, unique=True)
    name_fi = models.CharField(max_length=100)
    name_sv = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return localized_name(self.name_fi, self.name_sv)


class EmploymentArea(models.Model):
    """An employment area (työllisyysalue): one or more municipalities served together."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    is_demo = models.BooleanField(
        _("demo data"),
        default=False,
        help_text=_("Invented for demonstration; not an official employment area."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("employment area")
        verbose_name_plural = _("employment areas")

    def __str__(self):
        return self.name


class Municipality(models.Model):
    """A municipality of Finland, by Statistics Finland's three-digit code."""

    code = models.CharField(max_length=3, unique=True)
    name_fi = models.CharField(max_length=100)
    name_sv = models.CharField(max_length=100, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")
    employment_area = models.ForeignKey(
        EmploymentArea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="municipalities",
        verbose_name=_("employment area"),
    )
    is_active = models.BooleanField(
        default=True, help_text=_("Inactive municipalities have merged into another one.")
    )

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return localized_name(self.name_fi, self.name_sv)


class PartnerOrganisation(models.Model):
    """An organisation that works with the employment services: company, school, NGO...

    Its public page (the service map's "who helps") shows what is kept here; its
    services live in the services app.
    """

    class Kind(models.TextChoices):
        COMPANY = "company", _("company")
        SCHOOL = "school", _("school or college")
        ASSOCIATION = "association", _("NGO or association")
        MUNICIPAL = "municipal", _("municipal unit")
        EMPLOYMENT_SERVICE = "employment_service", _("employment service")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("home municipality"),
    )
    municipalities_served = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="+",
        verbose_name=_("municipalities served"),
    )
    description = models.TextField(_("description"), max_length=5000, blank=True)
    description_html = models.TextField(blank=True, editable=False)
    logo = models.ImageField(upload_to="organisations/", blank=True)
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    contact_phone = models.CharField(_("contact phone number"), max_length=40, blank=True)
    website = models.URLField(
        _("website"), blank=True, validators=[URLValidator(schemes=["https"])]
    )
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        indexes = [models.Index(fields=["kind", "name"], name="accounts_org_kind_name")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("services:organisation", args=[self.pk])


class UserManager(BaseUserManager):
    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email):
        return (email or "").strip().lower()

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        from .services import user_admin_access_sync

        extra_fields.pop("is_staff", None)
        extra_fields.pop("is_superuser", None)
        user = self.create_user(email, password, **extra_fields)
        RoleAssignment.objects.create(user=user, role=Role.ADMINISTRATOR)
        user_admin_access_sync(user=user)
        return user

    def get_by_natural_key(self, username):
        return self.get(email=self.normalize_email(username))


class Role(models.TextChoices):
    MEMBER = "member", _("member")
    MENTOR = "mentor", _("mentor")
    PARTNER = "partner", _("partner")
    CONTACT_PERSON = "contact_person", _("contact person")
    PROJECT_MANAGER = "project_manager", _("project manager")
    MODERATOR = "moderator", _("moderator")
    ADMINISTRATOR = "administrator", _("administrator")


STAFF_ROLES = frozenset(
    {Role.CONTACT_PERSON, Role.PROJECT_MANAGER, Role.MODERATOR, Role.ADMINISTRATOR}
)
# A person holding any of these is not one of the employment services' clients, even
# when they also use the community as a member: their situation is not an outcome.
NOT_CLIENT_ROLES = STAFF_ROLES | {Role.MENTOR, Role.PARTNER}


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account, signed in by e-mail address."""

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    display_name = models.CharField(_("name"), max_length=100)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    area = models.ForeignKey(
        EmploymentArea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("employment area"),
        help_text=_("The employment services that ordered this account."),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("Django admin access"),
        default=False,
        help_text=_("Given with the administrator role."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    guidelines_accepted_at = models.DateTimeField(null=True, blank=True)
    privacy_notice_accepted_at = models.DateTimeField(null=True, blank=True)
    # Part of the session hash: raising it signs the person out everywhere.
    session_generation = models.PositiveIntegerField(default=0)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_unique_ci"),
        ]
        # Per-area counts of active accounts read only this index.
        indexes = [models.Index(fields=["area", "is_active"], name="accounts_user_area_active")]

    def __str__(self):
        return self.display_name or self.email

    def clean(self):
        super().clean()
        self.email = UserManager.normalize_email(self.email)

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name

    def _get_session_auth_hash(self, secret=None):
        return salted_hmac(
            "ideahautomo.accounts.User.session",
            f"{self.password}:{self.session_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @cached_property
    def roles(self):
        """The person's role assignments by role, read once per request."""
        return {assignment.role: assignment for assignment in self.role_assignments.all()}

    def has_role(self, *roles):
        return any(role in self.roles for role in roles)

    @property
    def is_staff_member(self):
        return any(role in STAFF_ROLES for role in self.roles)

    @property
    def is_client(self):
        """A member who is only a member: the people the outcome figures are about."""
        return Role.MEMBER in self.roles and not any(r in NOT_CLIENT_ROLES for r in self.roles)

    @property
    def contact_area(self):
        """The employment area a contact person serves, or None."""
        assignment = self.roles.get(Role.CONTACT_PERSON)
        return assignment.area if assignment else None


class RoleAssignment(models.Model):
    """One role held by one person; contact persons serve an area, partners an organisation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    area = models.ForeignKey(
        EmploymentArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("employment area"),
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("partner organisation"),
    )
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="accounts_one_role_each"),
            models.CheckConstraint(
                condition=~Q(role=Role.CONTACT_PERSON) | Q(area__isnull=False),
                name="accounts_contact_person_has_area",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.PARTNER) | Q(organisation__isnull=False),
                name="accounts_partner_has_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.get_role_display()}"


class InvitationBatch(models.Model):
    """A CSV file of invitations, created together after the preview was confirmed."""

    area = models.ForeignKey(EmploymentArea, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    file_name = models.CharField(max_length=255)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.file_name


def invitation_state_q(state, now):
    """The condition for an invitation being in state at the moment now."""
    open_ = Q(accepted_at__isnull=True, revoked_at__isnull=True)
    live = Q(expires_at__gt=now) & open_
    conditions = {
        "queued": Q(sent_at__isnull=True) & open_,
        "sent": Q(sent_at__isnull=False, opened_at__isnull=True) & live,
        "opened": Q(opened_at__isnull=False) & live,
        "accepted": Q(accepted_at__isnull=False),
        "expired": Q(expires_at__lte=now) & open_,
        "revoked": Q(revoked_at__isnull=False, accepted_at__isnull=True),
    }
    return conditions[state]


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Neither accepted nor revoked: an invitation that may still be used or resent."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)

    def in_state(self, state, *, now=None):
        return self.filter(invitation_state_q(state, now or timezone.now()))


class Invitation(models.Model):
    """An account ordered by employment services for one person (tunnusten tilaaminen).

    Only a hash of the link's token is stored; the token itself exists only in
    the e-mail. Sending again makes a new token, so older links stop working.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("being sent")
        SENT = "sent", _("sent")
        OPENED = "opened", _("opened")
        ACCEPTED = "accepted", _("accepted")
        EXPIRED = "expired", _("expired")
        REVOKED = "revoked", _("revoked")

    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name"), max_length=100)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    also_member = models.BooleanField(
        _("also a member"),
        default=False,
        help_text=_("A staff member invited to use the community as a member too."),
    )
    area = models.ForeignKey(EmploymentArea, on_delete=models.PROTECT, related_name="invitations")
    organisation = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("partner organisation"),
        help_text=_("The organisation whose staff a partner is invited as."),
    )
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="invitations_sent"
    )
    batch = models.ForeignKey(
        InvitationBatch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
    )
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    send_count = models.PositiveSmallIntegerField(default=0)
    expires_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    accepted_user = models.OneToOneField(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitation"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="accounts_one_open_invitation_per_email",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.PARTNER) | Q(organisation__isnull=False),
                name="accounts_partner_invitation_has_organisation",
            ),
        ]
        indexes = [
            models.Index(fields=["area", "-created_at"], name="accounts_invitation_area_new"),
            models.Index(fields=["area", "accepted_at"], name="accounts_invitation_accepted"),
            # Most invitations end accepted; the states of the rest are counted from here.
            models.Index(
                fields=["area"],
                condition=Q(accepted_at__isnull=True),
                name="accounts_invitation_unaccepted",
            ),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    def state_at(self, now):
        if self.accepted_at:
            return self.State.ACCEPTED
        if self.revoked_at:
            return self.State.REVOKED
        if not self.sent_at:
            return self.State.QUEUED
        if self.expires_at and self.expires_at <= now:
            return self.State.EXPIRED
        if self.opened_at:
            return self.State.OPENED
        return self.State.SENT

    @property
    def state(self):
        return self.state_at(timezone.now())

    @property
    def state_label(self):
        return self.State(self.state).label

    @property
    def is_open(self):
        return self.accepted_at is None and self.revoked_at is None


class SignUpRequest(models.Model):
    """A self sign-up waiting for staff approval (only when SIGNUP_OPEN is on)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="sign_up_request")
    message = models.TextField(_("message"), max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved = models.BooleanField(null=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return str(self.user)


class TwoFactorEnrolmentLink(models.Model):
    """A one-time e-mailed link that lets a signed-in session set up its first authenticator.

    Only a hash of the token is stored; the token itself exists only in the e-mail.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()

    def __str__(self):
        return str(self.user)


class AuditAction(models.TextChoices):
    """Every action the audit log records; services write them, never views."""

    ROLE_GRANTED = "role.granted"
    ROLE_REVOKED = "role.revoked"
    USER_DEACTIVATED = "user.deactivated"
    USER_DELETED = "user.deleted"
    USER_DATA_DOWNLOADED = "user.data_downloaded"
    USER_ADMIN_ACCESS_CHANGED = "user.admin_access_changed"
    TWO_FACTOR_LINK_USED = "two_factor.link_used"
    TWO_FACTOR_ENABLED = "two_factor.enabled"
    TWO_FACTOR_DISABLED = "two_factor.disabled"
    SIGN_UP_REPLACED_BY_INVITATION = "sign_up.replaced_by_invitation"
    SIGN_UP_APPROVED = "sign_up.approved"
    SIGN_UP_DECLINED = "sign_up.declined"
    SIGN_UPS_VIEWED = "sign_ups.viewed"
    INVITATION_CREATED = "invitation.created"
    INVITATION_BATCH_CREATED = "invitation.batch_created"
    INVITATION_RESENT = "invitation.resent"
    INVITATION_REVOKED = "invitation.revoked"
    INVITATION_ACCEPTED = "invitation.accepted"
    INVITATIONS_VIEWED = "invitations.viewed"
    AREAS_VIEWED = "areas.viewed"
    EVENT_PROPOSED = "event.proposed"
    EVENT_PUBLISHED = "event.published"
    EVENT_UPDATED = "event.updated"
    EVENT_APPROVED = "event.approved"
    EVENT_DECLINED = "event.declined"
    EVENT_CANCELLED = "event.cancelled"
    EVENT_ATTENDANCE_MARKED = "event.attendance_marked"
    EVENT_ATTENDEES_VIEWED = "event.attendees_viewed"
    EVENT_ATTENDEES_EXPORTED = "event.attendees_exported"
    CALENDAR_FEED_RENEWED = "calendar_feed.renewed"
    CALENDAR_FEED_REVOKED = "calendar_feed.revoked"
    CIRCLE_FEED_RENEWED = "circle_feed.renewed"
    CIRCLE_FEED_REVOKED = "circle_feed.revoked"
    REPORT_CREATED = "report.created"
    REPORT_HANDLED = "report.handled"
    REPORTS_VIEWED = "reports.viewed"
    CONTENT_REPORTED = "moderation.reported"
    MODERATION_CASE_VIEWED = "moderation.case_viewed"
    CONTENT_HIDDEN = "moderation.hidden"
    CONTENT_RESTORED = "moderation.restored"
    AUTHOR_WARNED = "moderation.warned"
    CASE_DISMISSED = "moderation.dismissed"
    APPEAL_CREATED = "moderation.appealed"
    APPEAL_UPHELD = "moderation.appeal_upheld"
    HELD_APPROVED = "moderation.held_approved"
    ANNOUNCEMENT_SENT = "announcement.sent"
    ORGANISATION_CREATED = "organisation.created"
    ORGANISATION_LOGO_CHANGED = "organisation.logo_changed"
    ORGANISATION_LOGO_REMOVED = "organisation.logo_removed"
    ORGANISATION_UPDATED = "organisation.updated"
    SERVICE_CHECKED = "service.checked"
    SERVICE_CREATED = "service.created"
    SERVICE_EXCEPTION_ADDED = "service.exception_added"
    SERVICE_EXCEPTION_REMOVED = "service.exception_removed"
    SERVICE_HOURS_ADDED = "service.hours_added"
    SERVICE_HOURS_REMOVED = "service.hours_removed"
    SERVICE_UPDATED = "service.updated"
    SERVICE_REFERRED = "service.referred"
    GUIDE_CREATED = "guide.created"
    GUIDE_UPDATED = "guide.updated"
    GUIDE_PUBLISHED = "guide.published"
    GUIDE_UNPUBLISHED = "guide.unpublished"
    GUIDE_REVIEWED = "guide.reviewed"
    STORY_DRAFTED = "story.drafted"
    STORY_UPDATED = "story.updated"
    STORY_PUBLISHED = "story.published"
    STORY_UNPUBLISHED = "story.unpublished"
    SERVICE_POINT_CREATED = "service_point.created"
    SERVICE_POINT_UPDATED = "service_point.updated"
    SERVICE_POINT_HOURS_ADDED = "service_point.hours_added"
    SERVICE_POINT_HOURS_REMOVED = "service_point.hours_removed"
    VISITOR_COUNT_UNDONE = "service_point.count_undone"
    MOOD_KIOSK_STARTED = "service_point.kiosk_started"
    USER_SUSPENDED = "user.suspended"
    SUSPENSION_LIFTED = "suspension.lifted"
    SUSPENSION_APPEALED = "suspension.appealed"
    SUSPENSION_APPEAL_DECIDED = "suspension.appeal_decided"
    USER_WARNED = "user.warned"


class Guideline(models.TextChoices):
    """The sections of the community guidelines a moderator's action may point to."""

    KINDNESS = "kindness", _("1. We treat each other kindly")
    HARASSMENT = "harassment", _("2. No harassment, discrimination or threats")
    PRIVACY = "privacy", _("3. We protect our own and others' information")
    SCAMS = "scams", _("4. No scams, selling or asking for money")
    OTHER = "other", _("Other reason")


class SuspensionQuerySet(models.QuerySet):
    def active(self, *, now=None):
        """Not lifted and not yet ended: the person cannot sign in."""
        now = now or timezone.now()
        return self.filter(lifted_at__isnull=True).filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=now)
        )

    def appeal_open(self):
        return self.filter(appealed_at__isnull=False, appeal_decided_at__isnull=True)


class Suspension(models.Model):
    """A moderator's suspension of an account, for a period or for good (ends_at empty).

    It ends by itself at ends_at (sign-in compares the time) or when a moderator lifts
    it. The suspended person may appeal once; a moderator other than the one who
    suspended decides the appeal.
    """

    class AppealDecision(models.TextChoices):
        LIFT = "lift", _("suspension lifted")
        KEEP = "keep", _("suspension kept")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="suspensions")
    suspended_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(
        _("reason"),
        max_length=1000,
        help_text=_("Shown to the person and sent to them by e-mail."),
    )
    guideline = models.CharField(
        _("guideline"), max_length=20, choices=Guideline.choices, blank=True
    )
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(null=True, blank=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    lift_reason = models.TextField(max_length=1000, blank=True)
    appeal_text = models.TextField(_("appeal"), max_length=2000, blank=True)
    appealed_at = models.DateTimeField(null=True, blank=True)
    appeal_decided_at = models.DateTimeField(null=True, blank=True)
    appeal_decided_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    appeal_decision = models.CharField(max_length=10, choices=AppealDecision.choices, blank=True)
    appeal_decision_reason = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = SuspensionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="accounts_suspension_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(
                fields=["user"],
                condition=Q(lifted_at__isnull=True),
                name="accounts_suspension_unlifted",
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.created_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("accounts:suspension_detail", args=[self.pk])

    def is_active_at(self, now):
        return self.lifted_at is None and (self.ends_at is None or self.ends_at > now)

    @property
    def is_active(self):
        return self.is_active_at(timezone.now())

    @property
    def is_permanent(self):
        return self.ends_at is None

    @property
    def appeal_is_open(self):
        return self.appealed_at is not None and self.appeal_decided_at is None


class ModerationWarning(models.Model):
    """A moderator's warning to a person, kept on their moderation record."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="warnings")
    warned_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=1000)
    guideline = models.CharField(
        _("guideline"), max_length=20, choices=Guideline.choices, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("warning")
        verbose_name_plural = _("warnings")

    def __str__(self):
        return f"{self.user}: {self.created_at:%Y-%m-%d}"


class AuditEvent(models.Model):
    """Who did what to whom: written by services for staff actions and access to personal data."""

    actor = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=60, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    area = models.ForeignKey(
        EmploymentArea, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"
