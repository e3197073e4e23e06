"""What members tell about their situation and about the service.

Rows here belong to a person (a member sees their own check-in history), but
staff only ever see them through the aggregates of `figures`, where any group
smaller than five is hidden.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MOODS = [
    (1, _("very bad")),
    (2, _("bad")),
    (3, _("so-so")),
    (4, _("good")),
    (5, _("very good")),
]
mood_validators = [MinValueValidator(1), MaxValueValidator(5)]


class Situation(models.TextChoices):
    EMPLOYED = "employed", _("employed")
    GIG_WORK = "gig_work", _("part-time or gig work")
    PAY_SUBSIDY = "subsidised", _("pay-subsidised work")
    BUSINESS = "business", _("started a business")
    LIGHT_BUSINESS = "light_biz", _("light entrepreneurship or a cooperative")
    STUDYING = "studying", _("studying")
    TRAINING = "training", _("in a training or work trial")
    VOLUNTEERING = "volunteer", pgettext_lazy("situation", "volunteering")
    LOOKING = "looking", _("still looking")
    OTHER = "other", _("other")


# What may have helped, by the name the forms and the data download use, and its field.
HELPED_FIELDS = {
    "idea_team": "helped_idea_team",
    "circle": "helped_circle",
    "event": "helped_event",
    "mentor": "helped_mentor",
    "contact": "helped_contact",
}


class CheckIn(models.Model):
    """A member's answer for one calendar month; a second answer updates it.

    A skipped month is stored too (`skipped`, no answers) so that the member
    is not asked again until the next month.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_ins"
    )
    # The first day of the month the answer is for.
    month = models.DateField()
    # The member's employment area when they answered, so statistics follow
    # the area that served them then.
    area = models.ForeignKey(
        "accounts.EmploymentArea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    skipped = models.BooleanField(default=False)
    situation = models.CharField(
        _("situation"), max_length=10, choices=Situation.choices, blank=True
    )
    mood = models.PositiveSmallIntegerField(
        _("mood"), choices=MOODS, null=True, blank=True, validators=mood_validators
    )
    helped_idea_team = models.BooleanField(_("an idea team"), default=False)
    helped_circle = models.BooleanField(_("a study circle"), default=False)
    helped_event = models.BooleanField(_("an event"), default=False)
    helped_mentor = models.BooleanField(_("a mentor"), default=False)
    helped_contact = models.BooleanField(_("a contact made here"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["user", "month"], name="impact_one_check_in_a_month"),
            models.CheckConstraint(
                condition=models.Q(skipped=True) | ~models.Q(situation=""),
                name="impact_answer_or_skip",
            ),
        ]
        indexes = [models.Index(fields=["area", "month"], name="impact_checkin_area_month")]

    def __str__(self):
        return f"{self.user_id} {self.month:%Y-%m}"


class ServiceFeedback(models.Model):
    """Feedback on the whole service, from the form linked on every page."""

    # Empty when the person chose to stay anonymous or was not signed in.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The sender's area, only for feedback sent with their name: anonymous feedback
    # keeps no area, as a small area and a time together could point to a person.
    area = models.ForeignKey(
        "accounts.EmploymentArea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    mood = models.PositiveSmallIntegerField(_("mood"), choices=MOODS, validators=mood_validators)
    text = models.TextField(
        _("feedback"), blank=True, max_length=2000, validators=[MaxLengthValidator(2000)]
    )
    # The page the form was opened from (a path on this site, never a full URL).
    page = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["area", "created_at"], name="impact_feedback_area_time")]

    def __str__(self):
        return f"{self.mood} {self.created_at:%Y-%m-%d}"


class MonthlyFigure(models.Model):
    """One pre-computed number for the staff dashboards: a metric in an area and a month.

    `figures.refresh_figures` writes these from the source tables; the dashboards
    read nothing else. `key` holds the value of a dimension (a mood "3", a
    situation "employed"), or is empty for a metric without one and for the
    total over a metric's keys. Rows with no area and `all_areas` unset count
    the people who have no area; rows with `all_areas` set are the figures of
    all areas together.

    Figures of a drop-in service point (its kiosk moods) name the `point` as well as
    its area; their table has a row per point, and the dashboards of areas never read
    them (see `figures.POINT_METRICS`).

    A month's rows are worked out again at every refresh until the month is
    published (`PublishedMonth`): then each is marked hidden or not, jointly
    with every other row of its metric and month, and never changes again.
    """

    month = models.DateField()
    area = models.ForeignKey(
        "accounts.EmploymentArea",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    all_areas = models.BooleanField(default=False)
    point = models.ForeignKey(
        "points.ServicePoint",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    metric = models.SlugField(max_length=40)
    key = models.CharField(max_length=20, blank=True)
    value = models.IntegerField()
    # Set when the month was published: the figure is shown as hidden, never its value.
    hidden = models.BooleanField(default=False)

    class Meta:
        ordering = ["month", "metric", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "area", "metric", "key"],
                condition=models.Q(point__isnull=True),
                name="impact_one_figure",
            ),
            models.UniqueConstraint(
                fields=["month", "point", "metric", "key"],
                condition=models.Q(point__isnull=False),
                name="impact_one_point_figure",
            ),
            # NULL areas are not equal to each other in a unique constraint.
            models.UniqueConstraint(
                fields=["month", "metric", "key", "all_areas"],
                condition=models.Q(area__isnull=True, point__isnull=True),
                name="impact_one_figure_without_area",
            ),
            models.CheckConstraint(
                condition=models.Q(all_areas=False) | models.Q(area__isnull=True),
                name="impact_all_areas_have_no_area",
            ),
        ]
        indexes = [
            models.Index(fields=["area", "month"], name="impact_figure_area_month"),
            models.Index(fields=["month", "metric"], name="impact_figure_month_metric"),
        ]

    def __str__(self):
        area = "all" if self.all_areas else self.area_id
        return f"{self.month:%Y-%m} {area} {self.metric} {self.key}={self.value}"


class PublishedMonth(models.Model):
    """A month whose figures are published: they are shown, and never change again."""

    month = models.DateField(unique=True)
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["month"]

    def __str__(self):
        return f"{self.month:%Y-%m}"


# What helped at a drop-in service point, as the mood kiosk asks it: a fixed list, no
# free text, so an answer never holds personal details. Name in the form -> field.
KIOSK_HELPED_FIELDS = {
    "talk": "helped_talk",
    "job_search": "helped_job_search",
    "services": "helped_services",
    "others": "helped_others",
    "other": "helped_other",
}


class KioskAnswer(models.Model):
    """One visitor's mood at a service point's kiosk, with no person and no time of day.

    Only the Finnish calendar day is kept, never the moment, so that an answer cannot be
    matched with a visit the counter saw. The area is the point's area when the answer was
    given, so that figures follow the area that ran the point then.
    """

    point = models.ForeignKey(
        "points.ServicePoint", on_delete=models.CASCADE, related_name="kiosk_answers"
    )
    area = models.ForeignKey(
        "accounts.EmploymentArea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The day in Europe/Helsinki.
    day = models.DateField()
    mood = models.PositiveSmallIntegerField(_("mood"), choices=MOODS, validators=mood_validators)
    helped_talk = models.BooleanField(_("someone to talk to"), default=False)
    helped_job_search = models.BooleanField(_("help with job search"), default=False)
    helped_services = models.BooleanField(_("the services here"), default=False)
    helped_others = models.BooleanField(_("meeting other people"), default=False)
    helped_other = models.BooleanField(_("something else"), default=False)

    class Meta:
        ordering = ["-day", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(mood__gte=1, mood__lte=5), name="impact_kiosk_mood_1_to_5"
            )
        ]
        indexes = [
            models.Index(fields=["point", "day"], name="impact_kiosk_point_day"),
            models.Index(fields=["area", "day"], name="impact_kiosk_area_day"),
        ]

    def __str__(self):
        return f"{self.point_id} {self.day} {self.mood}"
