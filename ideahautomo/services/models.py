"""Services of partner organisations: who helps with what, where and when."""

from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ideahautomo.accounts.models import Municipality, PartnerOrganisation, Region
from ideahautomo.lib.hours import (  # noqa: F401 (the times of services, as the app names them)
    HELSINKI,
    DateException,
    WeeklyHours,
    helsinki_now,
    hours_on,
    is_open_at,
    local_datetime,
)


class Need(models.TextChoices):
    """What a service helps with: one fixed vocabulary, the service map's main filter."""

    JOB_SEARCH = "job_search", _("job search and CV")
    SKILLS = "skills", _("skills and training")
    BUSINESS = "business", _("starting a business")
    BENEFITS = "benefits", _("benefits and money")
    LANGUAGE = "language", _("language learning")
    WELL_BEING = "well_being", _("well-being and health")
    HOUSING = "housing", _("housing")
    DIGITAL = "digital", _("digital skills")
    VOLUNTEERING = "volunteering", _("volunteering")
    OTHER = "other", _("other help")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("everyone")
    UNDER_30 = "under_30", _("under 30")
    OVER_55 = "over_55", _("over 55")
    IMMIGRANTS = "immigrants", _("immigrants")
    HIGHLY_EDUCATED = "highly_educated", _("highly educated")
    PARTIAL_WORK_ABILITY = "partial_work_ability", _("partial work ability")


class Channel(models.TextChoices):
    WALK_IN = "walk_in", _("walk in")
    PHONE = "phone", _("by phone")
    ONLINE = "online", _("online")
    APPOINTMENT = "appointment", _("by appointment")


class Service(models.Model):
    """One service of one organisation."""

    organisation = models.ForeignKey(
        PartnerOrganisation, on_delete=models.CASCADE, related_name="services"
    )
    title = models.CharField(_("name of the service"), max_length=150)
    summary = models.CharField(_("in one sentence"), max_length=250)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    description_html = models.TextField(blank=True, editable=False)
    is_drop_in = models.BooleanField(_("drop in, no appointment needed"), default=False)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    municipalities_served = models.ManyToManyField(
        Municipality, blank=True, related_name="+", verbose_name=_("other municipalities served")
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("serves the whole region"),
    )
    serves_whole_finland = models.BooleanField(_("serves the whole of Finland"), default=False)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(59), MaxValueValidator(71)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(19), MaxValueValidator(32)],
    )
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    contact_phone = models.CharField(_("contact phone number"), max_length=40, blank=True)
    booking_url = models.URLField(
        _("booking or contact link"), blank=True, validators=[URLValidator(schemes=["https"])]
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    cost_note = models.CharField(_("about the cost"), max_length=200, blank=True)
    is_active = models.BooleanField(_("shown on the service map"), default=True)
    last_checked_on = models.DateField(_("details last checked"), default=timezone.localdate)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes = [
            models.Index(fields=["is_active", "title"], name="services_active_title"),
            models.Index(fields=["last_checked_on"], name="services_last_checked"),
            models.Index(fields=["municipality", "is_active"], name="services_municipality"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (Q(latitude__isnull=False) & Q(longitude__isnull=False)),
                name="services_both_coordinates_or_none",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("services:detail", args=[self.pk])

    def tags_of(self, kind):
        """The codes of one kind, from prefetched tags when the selector fetched them."""
        return [tag.code for tag in self.tags.all() if tag.kind == kind]

    @property
    def needs(self):
        return [Need(code) for code in self.tags_of(ServiceTag.Kind.NEED)]

    @property
    def audiences(self):
        return [Audience(code) for code in self.tags_of(ServiceTag.Kind.AUDIENCE)]

    @property
    def channels(self):
        return [Channel(code) for code in self.tags_of(ServiceTag.Kind.CHANNEL)]

    @property
    def language_codes(self):
        return self.tags_of(ServiceTag.Kind.LANGUAGE)


class ServiceTag(models.Model):
    """One need, audience, language or channel of a service: the filters read these rows."""

    class Kind(models.TextChoices):
        NEED = "need"
        AUDIENCE = "audience"
        LANGUAGE = "language"
        CHANNEL = "channel"

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="tags")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    code = models.CharField(max_length=30)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "kind", "code"], name="services_tag_once")
        ]
        indexes = [models.Index(fields=["kind", "code", "service"], name="services_tag_lookup")]

    def __str__(self):
        return f"{self.kind}:{self.code}"


class OpeningHours(WeeklyHours):
    """One stretch of a weekday when the service is open, in Finnish local time."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="hours")

    class Meta(WeeklyHours.Meta):
        indexes = [
            models.Index(fields=["weekday", "opens", "closes"], name="services_hours_lookup")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")), name="services_hours_close_after_open"
            )
        ]


class OpeningException(DateException):
    """A date when the service's weekly hours do not hold."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="exceptions")

    class Meta(DateException.Meta):
        indexes = [models.Index(fields=["date", "service"], name="services_exception_lookup")]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "date"], name="services_one_exception_a_day"
            ),
            models.CheckConstraint(
                condition=Q(is_closed=True, opens__isnull=True, closes__isnull=True)
                | Q(is_closed=False, closes__gt=F("opens")),
                name="services_exception_hours_valid",
            ),
        ]
