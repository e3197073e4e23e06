"""Demo mood kiosk answers: about a third of the demo point's counted visitors answered at
its kiosk on each day of the past year. Invented, the same on every machine (a fixed
random seed); running it again changes nothing."""

import random

from django.db import transaction
from django.db.models import Count
from django.db.models.functions import TruncDate

from ideahautomo.points import demo as points_demo
from ideahautomo.points.models import HELSINKI, ServicePoint, VisitorCount

from .models import KIOSK_HELPED_FIELDS, KioskAnswer

SEED = 1803
ANSWER_SHARE = 0.35
# Drop-in visitors lean to "good"; a few have a bad day.
MOOD_WEIGHTS = [1, 2, 4, 6, 3]


def demo_create():
    point = ServicePoint.objects.filter(name=points_demo.NAME).first()
    if point is None or KioskAnswer.objects.filter(point=point).exists():
        return 0
    visits_by_day = (
        VisitorCount.objects.filter(point=point)
        .annotate(day=TruncDate("counted_at", tzinfo=HELSINKI))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    chance = random.Random(SEED)
    answers = []
    for row in visits_by_day:
        for _ in range(row["n"]):
            if chance.random() >= ANSWER_SHARE:
                continue
            helped = chance.sample(list(KIOSK_HELPED_FIELDS.values()), chance.choice([0, 1, 1, 2]))
            answers.append(
                KioskAnswer(
                    point=point,
                    area_id=point.area_id,
                    day=row["day"],
                    mood=chance.choices(range(1, 6), weights=MOOD_WEIGHTS)[0],
                    **dict.fromkeys(helped, True),
                )
            )
    with transaction.atomic():
        KioskAnswer.objects.bulk_create(answers)
    return len(answers)
