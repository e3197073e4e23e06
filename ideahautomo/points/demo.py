"""Demo service point: TyöParkki in the Helsinki demo area, open on Wednesdays, with a year
of visitor counts. Invented; running it again changes nothing."""

import random
from datetime import datetime, time, timedelta

from django.db import transaction

from ideahautomo.accounts.demo import DEMO_DOMAIN
from ideahautomo.accounts.models import EmploymentArea, Municipality, User

from .models import HELSINKI, PointHours, Purpose, ServicePoint, VisitorCount, helsinki_now

NAME = "TyöParkki (demo)"
AREA = "Helsingin työllisyysalue (demo)"
PURPOSES = [
    "",
    "",
    Purpose.JOB_SEARCH,
    Purpose.JOB_SEARCH,
    Purpose.BENEFITS,
    Purpose.DIGITAL,
    Purpose.WELL_BEING,
    Purpose.HOUSING,
]
LANGUAGES = ["", "", "fi", "fi", "sv", "en", "uk"]


def demo_create(now=None):
    area = EmploymentArea.objects.filter(name=AREA).first()
    helsinki = Municipality.objects.filter(code="091").first()
    if area is None or helsinki is None:
        return None
    with transaction.atomic():
        point, created = ServicePoint.objects.get_or_create(
            name=NAME,
            defaults={"street_address": "Työpajankatu 2", "municipality": helsinki, "area": area},
        )
        if not created:
            return point
        PointHours.objects.create(
            point=point, weekday=PointHours.Weekday.WEDNESDAY, opens=time(10), closes=time(18)
        )
        staff = User.objects.filter(email=f"yhteyshenkilo@{DEMO_DOMAIN}").first()
        VisitorCount.objects.bulk_create(_year_of_visits(point, staff, now))
    return point


def _year_of_visits(point, staff, now):
    """A few visitors every Wednesday of the past year, the same every time (seeded)."""
    chance = random.Random(18)
    today = helsinki_now(now).date()
    day = today - timedelta(days=365)
    while day < today:
        if day.weekday() == 2:
            for _ in range(chance.randint(2, 9)):
                moment = datetime.combine(day, time(10), tzinfo=HELSINKI) + timedelta(
                    minutes=chance.randrange(8 * 60)
                )
                yield VisitorCount(
                    point=point,
                    counted_at=moment,
                    first_visit=chance.random() < 0.3,
                    purpose=chance.choice(PURPOSES),
                    language=chance.choice(LANGUAGES),
                    counted_by=staff,
                )
        day += timedelta(days=1)
