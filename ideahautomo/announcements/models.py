"""Announcements of the service: one text sent by staff to the members of an audience."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ideahautomo.accounts.models import EmploymentArea, Municipality
from ideahautomo.lib.language import CONTENT_LANGUAGES

TITLE_MAX_LENGTH = 120
BODY_MAX_LENGTH = 5000


class Announcement(models.Model):
    """One announcement and its audience: every filter left empty means "everyone".

    The audience is the active members who match when the announcement is delivered;
    delivery goes in batches by person id, and `last_user_id` is the point reached.
    """

    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    body = models.TextField(
        _("text"), max_length=BODY_MAX_LENGTH, validators=[MaxLengthValidator(BODY_MAX_LENGTH)]
    )
    body_html = models.TextField(blank=True, editable=False)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    area = models.ForeignKey(
        EmploymentArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("employment area"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    language = models.CharField(_("language"), max_length=5, choices=CONTENT_LANGUAGES, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    recipient_count = models.PositiveIntegerField(default=0)
    delivered_count = models.PositiveIntegerField(default=0)
    last_user_id = models.PositiveBigIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        indexes = [
            models.Index(fields=["area", "-created_at"], name="announcements_by_area"),
            # The sweep finds the few still being delivered.
            models.Index(
                fields=["id"],
                condition=models.Q(finished_at__isnull=True),
                name="announcements_unfinished",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("announcements:detail", args=[self.pk])

    @property
    def is_finished(self):
        return self.finished_at is not None


class AnnouncementDelivery(models.Model):
    """One person told of one announcement: the guard against telling anyone twice."""

    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="deliveries"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    delivered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "user"], name="announcements_one_delivery_each"
            ),
        ]
        indexes = [models.Index(fields=["user"], name="announcements_delivery_user")]

    def __str__(self):
        return f"{self.announcement_id} to {self.user_id}"
