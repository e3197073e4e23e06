"""Demo history: a past year of quiet demo clients in the Helsinki and Vantaa-Kerava demo
areas, so that the staff impact dashboards of the demo show real figures.

The clients are invented. They have no profile and no usable password: nobody sees
them in the member directory or in suggestions, and nobody can sign in as them. Only
their accounts, monthly check-ins, service feedback and the past events they went to
count in the dashboards.
Most months of the Helsinki demo area have enough people to publish; the first months,
and most of Vantaa-Kerava, stay under five, so hidden small groups show too.

Everything is written in bulk in one transaction, the same on every machine (a fixed
random seed); running it again changes nothing.
"""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from ideahautomo.accounts.demo import (
    DEMO_DOMAIN,
    FIRST_NAMES,
    LANGUAGE_WEIGHTS,
    LAST_NAMES,
)
from ideahautomo.accounts.models import (
    EmploymentArea,
    Invitation,
    Municipality,
    Role,
    RoleAssignment,
    User,
)
from ideahautomo.events.models import Event, Feedback, Registration
from ideahautomo.lib.markdown import render_markdown

from .figures import ACTIVE_METRIC, add_months, first_of_month, start_of
from .models import HELPED_FIELDS, CheckIn, MonthlyFigure, ServiceFeedback, Situation

# The clients' e-mail addresses: asiakas-0001@demo.ideahautomo.fi and so on.
CLIENT_PREFIX = "asiakas-"
SEED = 2026

# Accounts ordered in each month up to this one (so far), oldest first, and who ordered
# them: Helsinki began fourteen months ago and grows; Vantaa-Kerava and Espoo began a
# year ago and stay small.
AREAS = [
    (
        "Helsingin työllisyysalue (demo)",
        f"yhteyshenkilo@{DEMO_DOMAIN}",
        ["091"],
        [18, 21, 24, 27, 30, 36, 42, 48, 54, 60, 66, 72, 78, 42],
    ),
    (
        "Vantaan ja Keravan työllisyysalue (demo)",
        f"yhteyshenkilo.vantaa@{DEMO_DOMAIN}",
        ["092", "092", "245"],
        [2, 3, 4, 6, 6, 8, 8, 10, 10, 12, 12, 6],
    ),
    (
        "Espoon seudun työllisyysalue (demo)",
        f"projektipaallikko@{DEMO_DOMAIN}",
        ["049", "049", "235"],
        [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 12, 6],
    ),
]
ACCEPT_SHARE = 0.88
# A client's monthly check-in: answered, skipped, or not opened at all.
ANSWER_SHARE = 0.62
SKIP_SHARE = 0.05
# Where a client still looking for work moves in a month, and how likely.
MOVES_FROM_LOOKING = [
    (Situation.EMPLOYED, 0.05),
    (Situation.GIG_WORK, 0.03),
    (Situation.PAY_SUBSIDY, 0.015),
    (Situation.BUSINESS, 0.01),
    (Situation.LIGHT_BUSINESS, 0.01),
    (Situation.STUDYING, 0.04),
    (Situation.TRAINING, 0.04),
    (Situation.VOLUNTEERING, 0.015),
]
# How clients in each situation answer the mood question (weights of moods 1-5).
SEEKING_MOODS = {1: 5, 2: 20, 3: 45, 4: 25, 5: 5}
BETWEEN_MOODS = {1: 3, 2: 15, 3: 45, 4: 30, 5: 7}
SETTLED_MOODS = {1: 1, 2: 5, 3: 25, 4: 47, 5: 22}
MOODS_BY_SITUATION = {
    Situation.EMPLOYED: SETTLED_MOODS,
    Situation.GIG_WORK: BETWEEN_MOODS,
    Situation.PAY_SUBSIDY: SETTLED_MOODS,
    Situation.BUSINESS: SETTLED_MOODS,
    Situation.LIGHT_BUSINESS: BETWEEN_MOODS,
    Situation.VOLUNTEERING: BETWEEN_MOODS,
    Situation.STUDYING: SETTLED_MOODS,
    Situation.TRAINING: BETWEEN_MOODS,
    Situation.LOOKING: SEEKING_MOODS,
    Situation.OTHER: BETWEEN_MOODS,
}
# Of the clients who had an account by the end of a month, the share who had signed in
# during its last 30 days (what the nightly refresh stored for the active members).
ACTIVE_SHARE = (0.45, 0.6)
HELP_CHANCE = {"idea_team": 0.1, "circle": 0.2, "event": 0.25, "mentor": 0.07, "contact": 0.15}
# Service feedback: how many clients of a hundred send some in a month, and their moods.
FEEDBACK_PER_HUNDRED = 7
FEEDBACK_MOODS = {1: 4, 2: 10, 3: 30, 4: 38, 5: 18}
FEEDBACK_PAGES = ["/", "/ideat/", "/opintopiirit/", "/tapahtumat/", "/palvelut/", "/ihmiset/"]
# Written feedback: what people glad of the service say (moods 4-5), and the rest.
GLAD_TEXTS = [
    "Opintopiirissä oli mukava tavata muita samassa tilanteessa olevia.",
    "Sain tapahtumasta hyvän vinkin työnhakuun.",
    "Sivusto on selkeä, löysin helposti tapahtumat.",
    "Mentorin kanssa keskustelu auttoi paljon.",
    "Kiitos, tämä on tuonut arkeen rytmiä.",
    "Ideatiimi löytyi nopeasti, hieno juttu!",
    "Hyvä, että palvelu toimii myös puhelimella.",
    "Kuukausikysely on sopivan lyhyt.",
    "Löysin palvelukartasta neuvontapisteen, josta en tiennyt.",
    "Verkkotapahtumiin oli helppo osallistua kotoa.",
    "Yhteyshenkilöltä sain apua tunnusten kanssa nopeasti.",
    "Mukava ja rento ilmapiiri tapahtumissa.",
    "Yrittäjyyden ideariihi oli innostava.",
    "Kielikahvila auttoi puhumaan rohkeammin suomea.",
]
WISHING_TEXTS = [
    "Toivoisin enemmän tapahtumia Itä-Helsinkiin.",
    "Haku voisi löytää myös osan sanasta.",
    "Tekstit ovat välillä vähän pitkiä.",
    "Enemmän iltatapahtumia, kiitos.",
    "Opintopiirin aikataulu ei aina sopinut minulle.",
    "Toivoisin ruotsinkielisiä opintopiirejä.",
    "En ole vielä löytänyt itselleni sopivaa ryhmää.",
    "Tapahtumat täyttyvät liian nopeasti.",
]
TEXT_SHARE = 0.7

# Past events by municipality: (title, kind, (fewest, most) people registering). Helsinki
# has two a month, taken in turn; Vantaa one every other month.
HISTORY_EVENTS = {
    "091": [
        ("Työnhaun klinikka", Event.Kind.WORKSHOP, (8, 18)),
        ("Verkostoitumisaamu Ideahautomossa", Event.Kind.NETWORKING, (6, 14)),
        ("Ideariihi: oma pieni yritys", Event.Kind.IDEA_SESSION, (5, 12)),
        ("Kielikahvila: suomea arjessa", Event.Kind.NETWORKING, (6, 15)),
    ],
    "092": [("Työnhakijoiden aamukahvit Tikkurilassa", Event.Kind.NETWORKING, (3, 7))],
}
VENUES = {
    "091": ("Ideahautomon tila", "Hämeentie 11"),
    "092": ("Kohtaamispaikka Tikkurila (demo)", "Asematie 1"),
}
EVENT_DESCRIPTION = "Menneen tapahtuman kuvaus (demo)."
ATTEND_SHARE = 0.8
EVENT_FEEDBACK_SHARE = 0.5
EVENT_COMMENTS = [
    "Hyvä tunnelma ja hyödyllisiä vinkkejä.",
    "Sain uusia tuttuja.",
    "Olisin halunnut enemmän aikaa keskustelulle.",
    "Selkeä ja käytännöllinen.",
]


def client_email(number):
    return f"{CLIENT_PREFIX}{number:04d}@{DEMO_DOMAIN}"


def _moment(rng, month, now, *, earliest=None):
    """A working-day-like moment in month, never in the future and never before earliest."""
    moment = timezone.make_aware(
        datetime.combine(month.replace(day=rng.randint(1, 28)), time(rng.randint(8, 16)))
    )
    moment += timedelta(minutes=rng.randint(0, 59))
    moment = min(moment, now - timedelta(minutes=rng.randint(5, 600)))
    if earliest is not None:
        moment = max(moment, earliest)
    return moment


def _weighted(rng, weights):
    return rng.choices(list(weights), list(weights.values()))[0]


def demo_history_create(*, now=None):
    """Create the demo history once; returns the number of clients made (0 if they exist)."""
    if User.objects.filter(email=client_email(1)).exists():
        return 0
    now = now or timezone.now()
    rng = random.Random(SEED)
    # Its own sequence, so that the clients stay the same whatever is added here.
    staff_rng = random.Random(SEED + 1)
    this_month = first_of_month(timezone.localdate(now))
    municipalities = {m.code: m.pk for m in Municipality.objects.all()}
    password = make_password(None)
    users, invitations = [], []
    number = 0
    with transaction.atomic():
        for area_name, inviter_email, codes, per_month in AREAS:
            area = EmploymentArea.objects.filter(name=area_name).first()
            inviter = User.objects.filter(email=inviter_email).first()
            if area is None or inviter is None:
                continue
            months = [
                add_months(this_month, index - len(per_month) + 1)
                for index in range(len(per_month))
            ]
            for month, count in zip(months, per_month, strict=True):
                for _ in range(count):
                    number += 1
                    invitation, user = _client(
                        rng, number, area, inviter, month, now, municipalities, codes, password
                    )
                    invitations.append(invitation)
                    if user is not None:
                        users.append(user)
                invitations.extend(_staff_invitations(staff_rng, area, inviter, month, now))
        User.objects.bulk_create(users)
        RoleAssignment.objects.bulk_create(
            [RoleAssignment(user_id=user.pk, role=Role.MEMBER) for user in users]
        )
        by_email = {user.email: user for user in users}
        for invitation in invitations:
            user = by_email.get(invitation.email)
            invitation.accepted_user_id = user.pk if user else None
        Invitation.objects.bulk_create(invitations)
        check_ins = []
        for user in users:
            check_ins.extend(_check_ins(rng, user, this_month, now))
        CheckIn.objects.bulk_create(check_ins)
        ServiceFeedback.objects.bulk_create(_feedback(rng, users, this_month, now))
        _events(rng, users, this_month, now, municipalities)
        MonthlyFigure.objects.bulk_create(
            _active_members(rng, users, this_month), ignore_conflicts=True
        )
    return number


def _staff_invitations(rng, area, inviter, month, now):
    """Now and then a mentor or a partner's employee is invited too; the dashboards count
    them apart from the clients. They stay unanswered, so no account is made."""
    invitations = []
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        ordered = _moment(rng, month, now)
        number = rng.randrange(10**8)
        invitations.append(
            Invitation(
                email=f"kutsuttu-mentori-{area.pk}-{number}@{DEMO_DOMAIN}",
                name="Kutsuttu mentori",
                role=Role.MENTOR,
                area=area,
                invited_by=inviter,
                created_at=ordered,
                sent_at=ordered,
                send_count=1,
                expires_at=ordered + timedelta(days=10),
            )
        )
    return invitations


def _client(rng, number, area, inviter, month, now, municipalities, codes, password):
    """One ordered account: its invitation, and the client if they took it into use."""
    language = _weighted(rng, LANGUAGE_WEIGHTS)
    name = f"{rng.choice(FIRST_NAMES[language])} {rng.choice(LAST_NAMES[language])}"
    email = client_email(number)
    ordered = _moment(rng, month, now)
    invitation = Invitation(
        email=email,
        name=name,
        language=language,
        area=area,
        invited_by=inviter,
        created_at=ordered,
        sent_at=ordered,
        send_count=1,
        expires_at=ordered + timedelta(days=10),
    )
    accepted = ordered + timedelta(hours=rng.randint(2, 24 * 6))
    if rng.random() >= ACCEPT_SHARE or accepted > now:
        if rng.random() < 0.5:
            invitation.opened_at = min(now, ordered + timedelta(hours=rng.randint(1, 48)))
        return invitation, None
    invitation.opened_at = invitation.accepted_at = accepted
    # About half signed in during the last month; the others earlier.
    if rng.random() < 0.5:
        last_login = max(accepted, now - timedelta(days=rng.randint(0, 25)))
    else:
        last_login = accepted + (now - accepted) * rng.random() * 0.8
    user = User(
        email=email,
        display_name=name,
        language=language,
        area=area,
        municipality_id=municipalities.get(rng.choice(codes)),
        password=password,
        date_joined=accepted,
        last_login=last_login,
        guidelines_accepted_at=accepted,
        privacy_notice_accepted_at=accepted,
    )
    return invitation, user


def _next_situation(rng, situation):
    roll = rng.random()
    if situation == Situation.LOOKING:
        threshold = 0.0
        for target, chance in MOVES_FROM_LOOKING:
            threshold += chance
            if roll < threshold:
                return target
        return situation
    # Some leave a training, gig work or other situation, and a few lose their new job.
    passing = (Situation.TRAINING, Situation.OTHER, Situation.GIG_WORK, Situation.VOLUNTEERING)
    back = 0.15 if situation in passing else 0.0
    if situation == Situation.EMPLOYED:
        back = 0.02
    return Situation.LOOKING if roll < back else situation


def _check_ins(rng, user, this_month, now):
    """The client's answers from the month they joined (if early enough) to last month;
    this month stays open, as it does for the demo members."""
    joined = timezone.localtime(user.date_joined)
    month = first_of_month(joined.date())
    if joined.day > 20:
        month = add_months(month, 1)
    situation = (
        Situation.LOOKING
        if rng.random() < 0.85
        else rng.choice([Situation.TRAINING, Situation.OTHER])
    )
    while month < this_month:
        situation = _next_situation(rng, situation)
        roll = rng.random()
        if roll < ANSWER_SHARE + SKIP_SHARE:
            moment = _moment(rng, month, now, earliest=user.date_joined)
            values = {"skipped": True}
            if roll < ANSWER_SHARE:
                values = {
                    "situation": situation,
                    "mood": _weighted(rng, MOODS_BY_SITUATION[situation]),
                    **{
                        field: rng.random() < HELP_CHANCE[name]
                        for name, field in HELPED_FIELDS.items()
                    },
                }
            yield CheckIn(
                user_id=user.pk,
                month=month,
                area_id=user.area_id,
                created_at=moment,
                updated_at=moment,
                **values,
            )
        month = add_months(month, 1)


def _feedback(rng, users, this_month, now):
    """Signed service feedback by month: a few of the clients who had joined by then."""
    feedback = []
    for index in range(12):
        month = add_months(this_month, index - 11)
        end = min(now, timezone.make_aware(datetime.combine(add_months(month, 1), time())))
        for area_id in sorted({user.area_id for user in users}):
            joined = [u for u in users if u.area_id == area_id and u.date_joined < end]
            count = round(len(joined) * FEEDBACK_PER_HUNDRED / 100 + rng.random())
            for user in rng.sample(joined, min(count, len(joined))):
                mood = _weighted(rng, FEEDBACK_MOODS)
                texts = GLAD_TEXTS if mood >= 4 else WISHING_TEXTS
                text = rng.choice(texts) if rng.random() < TEXT_SHARE else ""
                feedback.append(
                    ServiceFeedback(
                        user_id=user.pk,
                        area_id=area_id,
                        mood=mood,
                        text=text,
                        page=rng.choice(FEEDBACK_PAGES),
                        created_at=_moment(rng, month, now, earliest=user.date_joined),
                    )
                )
    return feedback


def _events(rng, users, this_month, now, municipalities):
    """A year of past events in the two areas, the clients' registrations, attendance
    and anonymous feedback."""
    manager = User.objects.filter(email=f"projektipaallikko@{DEMO_DOMAIN}").first()
    areas = dict(
        Municipality.objects.filter(code__in=HISTORY_EVENTS).values_list("code", "employment_area")
    )
    registrations, feedback = [], []
    for index in range(12):
        month = add_months(this_month, index - 11)
        for code, specs in HISTORY_EVENTS.items():
            if code not in municipalities:
                continue
            chosen = (
                [specs[(2 * index) % len(specs)], specs[(2 * index + 1) % len(specs)]]
                if len(specs) > 1
                else specs[: index % 2]
            )
            for title, kind, (fewest, most) in chosen:
                starts = timezone.make_aware(
                    datetime.combine(month.replace(day=rng.randint(3, 26)), time(13))
                )
                ends = starts + timedelta(hours=2)
                if ends > now - timedelta(days=1):
                    continue
                venue, street = VENUES[code]
                event = Event.objects.create(
                    kind=kind,
                    title=title,
                    description=EVENT_DESCRIPTION,
                    description_html=render_markdown(EVENT_DESCRIPTION),
                    starts_at=starts,
                    ends_at=ends,
                    venue_name=venue,
                    street_address=street,
                    municipality_id=municipalities[code],
                    capacity=20,
                    created_by=manager,
                    created_at=starts - timedelta(days=21),
                )
                joined = [
                    u
                    for u in users
                    if u.area_id == areas[code] and u.date_joined < starts - timedelta(days=2)
                ]
                people = rng.sample(joined, min(len(joined), rng.randint(fewest, most)))
                for user in people:
                    attended = rng.random() < ATTEND_SHARE
                    given = min(now, ends + timedelta(hours=rng.randint(2, 48)))
                    gives_feedback = attended and rng.random() < EVENT_FEEDBACK_SHARE
                    registrations.append(
                        Registration(
                            event=event,
                            user_id=user.pk,
                            status=Registration.Status.CONFIRMED,
                            registered_at=max(
                                user.date_joined, starts - timedelta(days=rng.randint(2, 10))
                            ),
                            attended=attended,
                            reminder_sent_at=starts - timedelta(days=1),
                            feedback_requested_at=ends if attended else None,
                            feedback_given_at=given if gives_feedback else None,
                        )
                    )
                    if gives_feedback:
                        comment = rng.choice(EVENT_COMMENTS) if rng.random() < 0.3 else ""
                        feedback.append(
                            Feedback(
                                event=event,
                                mood=_weighted(rng, FEEDBACK_MOODS),
                                comment=comment,
                                given_on=timezone.localdate(given),
                            )
                        )
                Event.objects.filter(pk=event.pk).update(registered_count=len(people))
    Registration.objects.bulk_create(registrations)
    Feedback.objects.bulk_create(feedback)


def _active_members(rng, users, this_month):
    """The active members of the months before this one, as the nightly refresh would
    have stored them then (this month's figure is measured by the refresh itself)."""
    figures = []
    for index in range(1, 13):
        month = add_months(this_month, -index)
        end = start_of(add_months(month, 1))
        for area_id in sorted({user.area_id for user in users}):
            joined = sum(1 for u in users if u.area_id == area_id and u.date_joined < end)
            value = round(joined * rng.uniform(*ACTIVE_SHARE))
            if value:
                figures.append(
                    MonthlyFigure(month=month, area_id=area_id, metric=ACTIVE_METRIC, value=value)
                )
    return figures
