"""Demo check-ins and feedback: a few months of answers for the demo members, and
optionally answers for about 30% of the synthetic population over the last year.

Everything here is invented; running it again changes nothing.
"""

import random
import time
from datetime import datetime, timedelta
from datetime import time as clock

from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from ideahautomo.accounts.demo import DEMO_DOMAIN, SYNTHETIC_DOMAIN
from ideahautomo.accounts.models import Role, User

from .demo_history import CLIENT_PREFIX
from .models import HELPED_FIELDS, CheckIn, ServiceFeedback, Situation
from .selectors import month_of

# Each demo member's story over the months before this one, oldest first:
# (situation, mood, what helped) or None for a skipped month.
DEMO_STORIES = {
    "jasen": [
        ("looking", 2, []),
        ("looking", 3, ["circle"]),
        None,
        ("training", 4, ["circle", "contact"]),
        ("employed", 5, ["contact", "mentor"]),
    ],
    "oksana": [
        ("looking", 3, ["event"]),
        ("studying", 4, ["circle"]),
        ("studying", 4, ["circle", "idea_team"]),
    ],
}
DEFAULT_STORY = [("looking", 3, ["event"]), ("looking", 4, ["idea_team"])]

DEMO_FEEDBACK = [
    # (days ago, mood, text, page, signed by)
    (
        40,
        5,
        "Opintopiiri auttoi minua pääsemään takaisin arkeen. Kiitos!",
        "/opintopiirit/",
        "jasen",
    ),
    (25, 3, "Tapahtumia voisi olla enemmän iltaisin.", "/tapahtumat/", None),
    (12, 4, "Дякую! Сайт зрозумілий і українською.", "/", "oksana"),
    (5, 2, "Haku ei löytänyt ideaa, jonka tiesin olevan olemassa.", "/ideat/", None),
]


def _months_back(month, count):
    """The first days of the count months before month, oldest first."""
    months = []
    for _ in range(count):
        month = (month - timedelta(days=1)).replace(day=1)
        months.append(month)
    return months[::-1]


def demo_create():
    """Check-ins for the months before this one (this month stays open, so the home
    page asks the question) and a few pieces of feedback."""
    members = {
        user.email.split("@")[0]: user
        for user in User.objects.filter(
            email__endswith=f"@{DEMO_DOMAIN}", role_assignments__role=Role.MEMBER
        ).exclude(email__startswith=CLIENT_PREFIX)
    }
    now = timezone.now()
    check_ins = []
    for local, user in members.items():
        story = DEMO_STORIES.get(local, DEFAULT_STORY)
        for month, answer in zip(_months_back(month_of(), len(story)), story, strict=True):
            values = {"skipped": True}
            if answer is not None:
                situation, mood, helped = answer
                values = {
                    "situation": situation,
                    "mood": mood,
                    **{HELPED_FIELDS[name]: True for name in helped},
                }
            moment = timezone.make_aware(datetime.combine(month, time_of_day()))
            check_ins.append(
                CheckIn(
                    user=user,
                    month=month,
                    area_id=user.area_id,
                    created_at=moment,
                    updated_at=moment,
                    **values,
                )
            )
    with transaction.atomic():
        CheckIn.objects.bulk_create(check_ins, ignore_conflicts=True)
        for days, mood, text, page, signer in DEMO_FEEDBACK:
            if ServiceFeedback.objects.filter(text=text).exists():
                continue
            user = members.get(signer) if signer else None
            ServiceFeedback.objects.create(
                user=user,
                area_id=user.area_id if user else None,
                mood=mood,
                text=text,
                page=page,
                created_at=now - timedelta(days=days),
            )


def time_of_day():
    return clock(10)


# The synthetic population

SHARE_PERCENT = 30
_COLUMNS = [
    "user_id",
    "month",
    "area_id",
    "skipped",
    "situation",
    "mood",
    *HELPED_FIELDS.values(),
    "created_at",
    "updated_at",
]
# Where a member still looking for work moves in a month, and how likely.
_MOVES_FROM_LOOKING = [
    (Situation.EMPLOYED, 0.05),
    (Situation.BUSINESS, 0.01),
    (Situation.STUDYING, 0.03),
    (Situation.TRAINING, 0.04),
]
_MOOD_BASE = {
    Situation.EMPLOYED.value: 4,
    Situation.BUSINESS.value: 4,
    Situation.STUDYING.value: 4,
    Situation.TRAINING.value: 3,
    Situation.LOOKING.value: 3,
    Situation.OTHER.value: 3,
}
_HELP_CHANCE = {"idea_team": 0.12, "circle": 0.2, "event": 0.25, "mentor": 0.08, "contact": 0.15}


def _chosen(pk):
    """About SHARE_PERCENT of members, the same ones on every run."""
    return (pk * 2654435761) % 100 < SHARE_PERCENT


def _story(rng, months):
    """A member's year: answered, skipped or silent months, their situation drifting."""
    situation = Situation.LOOKING.value if rng.random() < 0.85 else Situation.OTHER.value
    for month in months:
        roll = rng.random()
        if situation == Situation.LOOKING:
            threshold = 0.0
            for target, chance in _MOVES_FROM_LOOKING:
                threshold += chance
                if roll < threshold:
                    situation = target.value
                    break
        elif situation in (Situation.TRAINING.value, Situation.OTHER.value) and roll < 0.2:
            situation = Situation.LOOKING.value
        answer = rng.random()
        if answer < 0.1:
            yield month, None
        elif answer < 0.6:
            mood = min(5, max(1, _MOOD_BASE[situation] + rng.choice((-1, 0, 0, 1))))
            helped = tuple(rng.random() < _HELP_CHANCE[name] for name in HELPED_FIELDS)
            yield month, (situation, mood, helped)


def _stamps(months):
    """A time of answering for each day 1-28 of each month (none in the future), already
    in the database's format, so that hundreds of thousands of rows need no time-zone
    arithmetic."""
    adapt = connection.ops.adapt_datetimefield_value
    now = timezone.now()
    stamps = {
        (month, day): adapt(
            min(now, timezone.make_aware(datetime.combine(month.replace(day=day), time_of_day())))
        )
        for month in months
        for day in range(1, 29)
    }
    # The months themselves, in the database's format too.
    stamps.update((month, connection.ops.adapt_datefield_value(month)) for month in months)
    return stamps


def _rows(rng, user_id, area_id, joined, months, stamps):
    first = joined.replace(day=1)
    for month, answer in _story(rng, [m for m in months if m >= first]):
        moment = stamps[month, rng.randint(1, 28)]
        day = stamps[month]
        if answer is None:
            yield (user_id, day, area_id, True, "", None, *[False] * 5, moment, moment)
        else:
            situation, mood, helped = answer
            yield (user_id, day, area_id, False, situation, mood, *helped, moment, moment)


def _insert(rows):
    table = CheckIn._meta.db_table
    columns = ", ".join(_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(_COLUMNS))
            # The table and column names are this module's constants, never input.
            insert = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
            cursor.executemany(insert, rows)


def synthetic_check_ins_create(*, months=12, batch_size=20000, seed=2026, log=print):
    """Check-ins over the last months for about 30% of the synthetic members who have
    none yet, written in bulk; returns seconds taken."""
    started = time.monotonic()
    month_list = [*_months_back(month_of(), months - 1), month_of()]
    members = (
        User.objects.filter(email__endswith=f"@{SYNTHETIC_DOMAIN}")
        .exclude(Exists(CheckIn.objects.filter(user=OuterRef("pk"))))
        .order_by("pk")
        .values_list("pk", "area_id", "date_joined")
    )
    stamps = _stamps(month_list)
    zone = timezone.get_current_timezone()
    # Read first, then write: SQLite does not isolate a running read from the writes.
    chosen = [member for member in members if _chosen(member[0])]
    rows, people, total = [], 0, 0
    for pk, area_id, joined in chosen:
        rng = random.Random(seed * 1_000_003 + pk)
        rows.extend(_rows(rng, pk, area_id, joined.astimezone(zone).date(), month_list, stamps))
        people += 1
        if len(rows) >= batch_size:
            with transaction.atomic():
                _insert(rows)
            total += len(rows)
            rows = []
            log(f"Synthetic check-ins: {total} for {people} members")
    if rows:
        with transaction.atomic():
            _insert(rows)
        total += len(rows)
    log(f"Synthetic check-ins: {total} for {people} members")
    return time.monotonic() - started
