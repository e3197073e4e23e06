"""Drop-in service points of the employment services and their anonymous visitor counts."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ideahautomo.accounts.models import EmploymentArea, Municipality

# Opening hours and daily totals are in the points' own local time.
from ideahautomo.lib.hours import HELSINKI, DateException, WeeklyHours, helsinki_now  # noqa: F401
from ideahautomo.lib.language import CONTENT_LANGUAGES


class Purpose(models.TextChoices):
    """Why a visitor came: the same values as the service map's needs."""

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


class ServicePoint(models.Model):
    """A place where people drop in without an appointment."""

    name = models.CharField(_("name"), max_length=120)
    street_address = models.CharField(_("street address"), max_length=200)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="service_points",
        verbose_name=_("municipality"),
    )
    area = models.ForeignKey(
        EmploymentArea,
        on_delete=models.PROTECT,
        related_name="service_points",
        verbose_name=_("employment area"),
    )
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("service point")
        verbose_name_plural = _("service points")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("points:detail", args=[self.pk])


class PointHours(WeeklyHours):
    """One stretch of a weekday when the point is open, in Finnish local time."""

    point = models.ForeignKey(ServicePoint, on_delete=models.CASCADE, related_name="hours")

    class Meta(WeeklyHours.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")), name="points_hours_close_after_open"
            )
        ]


class PointException(DateException):
    """A date when the point's weekly hours do not hold."""

    point = models.ForeignKey(ServicePoint, on_delete=models.CASCADE, related_name="exceptions")

    class Meta(DateException.Meta):
        constraints = [
            models.UniqueConstraint(fields=["point", "date"], name="points_one_exception_a_day"),
            models.CheckConstraint(
                condition=Q(is_closed=True, opens__isnull=True, closes__isnull=True)
                | Q(is_closed=False, closes__gt=F("opens")),
                name="points_exception_hours_valid",
            ),
        ]


class VisitorCount(models.Model):
    """One visitor at a point. Anonymous: nothing about the visitor is stored.

    counted_by is kept only so the staff member may undo their own count and for audit;
    the figures never show it.
    """

    point = models.ForeignKey(ServicePoint, on_delete=models.CASCADE, related_name="visits")
    counted_at = models.DateTimeField(default=timezone.now, db_index=True)
    first_visit = models.BooleanField(_("first visit"))
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=CONTENT_LANGUAGES, blank=True)
    counted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-counted_at", "-pk"]
        verbose_name = _("visitor")
        verbose_name_plural = _("visitors")
        indexes = [models.Index(fields=["point", "counted_at"], name="points_visit_day")]

    def __str__(self):
        return f"{self.point} {self.counted_at:%Y-%m-%d %H:%M}"
