"""Demo content: invented employment areas, one account of every role, invitations in
every state, and optionally a large synthetic population for benchmarks.

Everything here is invented and labelled as demo data; running it again changes nothing.
"""

import base64
import hashlib
import random
import secrets
import time
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import (
    EmploymentArea,
    Guideline,
    Invitation,
    Municipality,
    PartnerOrganisation,
    Region,
    Role,
    RoleAssignment,
    SignUpRequest,
    Suspension,
    User,
)
from .permissions import must_use_two_factor
from .services import user_admin_access_sync

DEMO_PASSWORD = "Ideahautomo-demo-2026"  # noqa: S105 (published demo password)
# Demo staff sign in with two steps; their authenticator key is published with the
# demo password, so it protects nothing and must never be used outside demo data.
DEMO_AUTHENTICATOR_KEY = b"Ideahautomo-demo-key"
DEMO_DOMAIN = "demo.ideahautomo.fi"
SYNTHETIC_DOMAIN = "synteettinen.invalid"

# Invented groupings in Uusimaa; the real employment areas are not claimed here.
UUSIMAA_AREAS = {
    "Helsingin työllisyysalue (demo)": ["091"],
    "Vantaan ja Keravan työllisyysalue (demo)": ["092", "245"],
    "Espoon seudun työllisyysalue (demo)": ["049", "235", "257"],
    "Keski-Uudenmaan työllisyysalue (demo)": ["106", "186", "858", "543", "505", "611"],
    "Länsi-Uudenmaan työllisyysalue (demo)": ["444", "710", "078", "149", "224", "755", "927"],
}

PEOPLE = [
    # email local part, name, language, role, municipality code, area name
    ("jasen", "Aino Virtanen", "fi", Role.MEMBER, "091", "Helsingin työllisyysalue (demo)"),
    (
        "oksana",
        "Oksana Kovalenko",
        "uk",
        Role.MEMBER,
        "092",
        "Vantaan ja Keravan työllisyysalue (demo)",
    ),
    ("mentori", "Pekka Laine", "fi", Role.MENTOR, "049", "Espoon seudun työllisyysalue (demo)"),
    ("kumppani", "Leena Koskinen", "fi", Role.PARTNER, "092", None),
    (
        "yhteyshenkilo",
        "Sari Nieminen",
        "fi",
        Role.CONTACT_PERSON,
        "091",
        "Helsingin työllisyysalue (demo)",
    ),
    (
        "yhteyshenkilo.vantaa",
        "Mikael Lindqvist",
        "sv",
        Role.CONTACT_PERSON,
        "092",
        "Vantaan ja Keravan työllisyysalue (demo)",
    ),
    ("projektipaallikko", "Jussi Mäkelä", "fi", Role.PROJECT_MANAGER, "091", None),
    ("moderaattori", "Hanna Lehtonen", "fi", Role.MODERATOR, "091", None),
    ("yllapitaja", "Timo Heikkinen", "fi", Role.ADMINISTRATOR, "091", None),
]

PARTNERS = [
    ("Vantaan aikuisopisto (demo)", PartnerOrganisation.Kind.SCHOOL, "092"),
    ("Uudenmaan Työttömät ry (demo)", PartnerOrganisation.Kind.ASSOCIATION, "091"),
    ("Yrityskummit Espoo (demo)", PartnerOrganisation.Kind.OTHER, "049"),
]

INVITATIONS = [
    # name, email local part, language, state
    ("Matti Korhonen", "matti.korhonen", "fi", "sent"),
    ("Liisa Järvinen", "liisa.jarvinen", "fi", "opened"),
    ("Olena Shevchenko", "olena.shevchenko", "uk", "sent"),
    ("Erik Sjöberg", "erik.sjoberg", "sv", "expired"),
    ("Ahmed Hassan", "ahmed.hassan", "en", "revoked"),
    ("Tiina Salonen", "tiina.salonen", "fi", "accepted"),
    ("Amina Yusuf", "amina.yusuf", "fi-x-selko", "accepted"),  # uses plain Finnish
]

FIRST_NAMES = {
    "fi": [
        "Aino",
        "Eino",
        "Helmi",
        "Väinö",
        "Sofia",
        "Onni",
        "Aada",
        "Leevi",
        "Emma",
        "Juho",
        "Kaisa",
        "Mikko",
        "Laura",
        "Antti",
        "Sanna",
        "Ville",
        "Tuula",
        "Jari",
        "Riikka",
        "Pasi",
    ],
    "sv": ["Elsa", "Oskar", "Ebba", "Anton", "Stina", "Henrik", "Maja", "Johan"],
    "en": ["Amina", "David", "Fatima", "John", "Maria", "Ali", "Grace", "Samuel"],
    "uk": ["Oksana", "Andrii", "Iryna", "Dmytro", "Olena", "Serhii", "Tetiana", "Yurii"],
}
LAST_NAMES = {
    "fi": [
        "Korhonen",
        "Virtanen",
        "Mäkinen",
        "Nieminen",
        "Mäkelä",
        "Hämäläinen",
        "Laine",
        "Heikkinen",
        "Koskinen",
        "Järvinen",
        "Lehtonen",
        "Saarinen",
        "Salminen",
        "Niemi",
    ],
    "sv": ["Lindholm", "Sjöberg", "Nyström", "Åkerman", "Holmström", "Lindqvist"],
    "en": ["Hassan", "Okafor", "Smith", "Mohamed", "Santos", "Ali"],
    "uk": ["Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Melnyk", "Kravchenko"],
}
LANGUAGE_WEIGHTS = {"fi": 80, "sv": 5, "en": 5, "uk": 10}
# Rough weights so that the synthetic members cluster where people live.
CITY_WEIGHTS = {
    "091": 60,
    "049": 25,
    "092": 22,
    "837": 20,
    "564": 18,
    "853": 15,
    "405": 9,
    "398": 10,
    "297": 10,
    "179": 12,
    "167": 6,
    "109": 6,
    "286": 6,
    "743": 6,
}


def areas_create():
    """The demo areas of Uusimaa, and one demo area per region for the rest of Finland."""
    municipalities = {m.code: m for m in Municipality.objects.select_related("region")}
    assigned = set()
    for name, codes in UUSIMAA_AREAS.items():
        area, _ = EmploymentArea.objects.get_or_create(name=name, defaults={"is_demo": True})
        Municipality.objects.filter(code__in=codes, employment_area__isnull=True).update(
            employment_area=area
        )
        assigned.update(codes)
    for region in Region.objects.all():
        rest = [
            code
            for code, m in municipalities.items()
            if m.region_id == region.pk and code not in assigned
        ]
        if not rest:
            continue
        area, _ = EmploymentArea.objects.get_or_create(
            name=f"Työllisyysalue: {region.name_fi} (demo)", defaults={"is_demo": True}
        )
        Municipality.objects.filter(code__in=rest, employment_area__isnull=True).update(
            employment_area=area
        )


def people_create():
    """One demo account of every role; returns (email, name, roles) for printing."""
    municipalities = {m.code: m for m in Municipality.objects.all()}
    areas = {a.name: a for a in EmploymentArea.objects.all()}
    organisations = {}
    for name, kind, code in PARTNERS:
        organisations[name], _ = PartnerOrganisation.objects.get_or_create(
            name=name, defaults={"kind": kind, "municipality": municipalities[code]}
        )
    password = make_password(DEMO_PASSWORD)
    now = timezone.now()
    created = []
    for local, name, language, role, code, area_name in PEOPLE:
        email = f"{local}@{DEMO_DOMAIN}"
        area = areas.get(area_name) if area_name else None
        user, _ = User.objects.get_or_create(
            email=email,
            defaults={
                "display_name": name,
                "language": language,
                "municipality": municipalities[code],
                "area": area if role in (Role.MEMBER, Role.MENTOR) else None,
                "password": password,
                "guidelines_accepted_at": now,
                "privacy_notice_accepted_at": now,
            },
        )
        RoleAssignment.objects.get_or_create(
            user=user,
            role=role,
            defaults={
                "area": area if role == Role.CONTACT_PERSON else None,
                "organisation": (
                    organisations["Vantaan aikuisopisto (demo)"] if role == Role.PARTNER else None
                ),
            },
        )
        if role in (Role.MENTOR, Role.PARTNER):
            RoleAssignment.objects.get_or_create(user=user, role=Role.MEMBER)
        user_admin_access_sync(user=user)
        if must_use_two_factor(user):
            TOTPDevice.objects.get_or_create(
                user=user,
                confirmed=True,
                defaults={"name": "Demo", "key": DEMO_AUTHENTICATOR_KEY.hex()},
            )
        created.append((email, name, role))
    return created


def demo_authenticator_secret():
    """The demo key as an authenticator app takes it by hand: base32 in groups of four."""
    secret = base64.b32encode(DEMO_AUTHENTICATOR_KEY).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def invitations_create():
    """Invitations of the Helsinki demo area in every state (their links are not known)."""
    area = EmploymentArea.objects.get(name="Helsingin työllisyysalue (demo)")
    inviter = User.objects.get(email=f"yhteyshenkilo@{DEMO_DOMAIN}")
    now = timezone.now()
    for name, local, language, state in INVITATIONS:
        email = f"{local}@{DEMO_DOMAIN}"
        if Invitation.objects.filter(email=email).exists():
            continue
        sent = now - timedelta(days=12 if state == "expired" else 2)
        invitation = Invitation(
            email=email,
            name=name,
            language=language,
            area=area,
            invited_by=inviter,
            token_hash=hashlib.sha256(secrets.token_bytes(32)).hexdigest(),
            created_at=sent,
            sent_at=sent,
            send_count=1,
            expires_at=sent + timedelta(days=10),
        )
        if state == "opened":
            invitation.opened_at = sent + timedelta(hours=3)
        if state == "revoked":
            invitation.revoked_at = sent + timedelta(days=1)
        if state == "accepted":
            invitation.opened_at = invitation.accepted_at = sent + timedelta(hours=5)
            invitation.accepted_user = User.objects.create(
                email=email,
                display_name=name,
                language=language,
                area=area,
                password=make_password(DEMO_PASSWORD),
                guidelines_accepted_at=invitation.accepted_at,
                privacy_notice_accepted_at=invitation.accepted_at,
            )
            RoleAssignment.objects.create(user=invitation.accepted_user, role=Role.MEMBER)
        invitation.save()


def sign_up_request_create():
    email = f"hakija@{DEMO_DOMAIN}"
    if User.objects.filter(email=email).exists():
        return
    municipality = Municipality.objects.get(code="245")
    user = User.objects.create(
        email=email,
        display_name="Jenni Hakala",
        municipality=municipality,
        area=municipality.employment_area,
        is_active=False,
        password=make_password(DEMO_PASSWORD),
    )
    SignUpRequest.objects.create(
        user=user, message="Haluaisin mukaan suomen kielen opintopiiriin Keravalla."
    )


SUSPENDED_MEMBER = ("tuomas.suljettu", "Tuomas Virtanen")
SECOND_MODERATOR = ("moderaattori.toinen", "Ville Rantanen")


def suspension_create():
    """A member suspended for two weeks by a second moderator, with an appeal waiting, so
    that the demo moderator (not the one who suspended) has an appeal to decide."""
    if Suspension.objects.filter(user__email=f"{SUSPENDED_MEMBER[0]}@{DEMO_DOMAIN}").exists():
        return
    now = timezone.now()
    password = make_password(DEMO_PASSWORD)
    helsinki = Municipality.objects.get(code="091")
    moderator, _ = User.objects.get_or_create(
        email=f"{SECOND_MODERATOR[0]}@{DEMO_DOMAIN}",
        defaults={
            "display_name": SECOND_MODERATOR[1],
            "municipality": helsinki,
            "password": password,
            "guidelines_accepted_at": now,
            "privacy_notice_accepted_at": now,
        },
    )
    RoleAssignment.objects.get_or_create(user=moderator, role=Role.MODERATOR)
    member, _ = User.objects.get_or_create(
        email=f"{SUSPENDED_MEMBER[0]}@{DEMO_DOMAIN}",
        defaults={
            "display_name": SUSPENDED_MEMBER[1],
            "municipality": helsinki,
            "area": EmploymentArea.objects.filter(name="Helsingin työllisyysalue (demo)").first(),
            "password": password,
            "guidelines_accepted_at": now,
            "privacy_notice_accepted_at": now,
        },
    )
    RoleAssignment.objects.get_or_create(user=member, role=Role.MEMBER)
    Suspension.objects.create(
        user=member,
        suspended_by=moderator,
        reason=(
            "Lähetit usealle jäsenelle saman mainosviestin kurssistasi, vaikka sinua "
            "pyydettiin lopettamaan."
        ),
        guideline=Guideline.SCAMS,
        starts_at=now - timedelta(days=2),
        ends_at=now + timedelta(days=12),
        appeal_text=(
            "En tiennyt, että kurssista kertominen on kiellettyä. Lupaan kysyä jatkossa "
            "ensin moderaattoreilta."
        ),
        appealed_at=now - timedelta(days=1),
        created_at=now - timedelta(days=2),
    )


def demo_create():
    with transaction.atomic():
        areas_create()
        people = people_create()
        invitations_create()
        sign_up_request_create()
        suspension_create()
    return people


def synthetic_members_create(*, total, batch_size=5000, seed=2026, log=print):
    """Bring the synthetic population up to total members, in bulk; returns seconds taken.

    Every synthetic member shares one password hash (DEMO_PASSWORD), so that load
    tests can sign in without hashing 234,000 passwords.
    """
    started = time.monotonic()
    existing = User.objects.filter(email__endswith=f"@{SYNTHETIC_DOMAIN}").count()
    if existing >= total:
        log(f"Synthetic members: {existing} already exist.")
        return 0.0
    municipalities = list(
        Municipality.objects.filter(is_active=True).values_list("pk", "code", "employment_area")
    )
    weights = [CITY_WEIGHTS.get(code, 1) for _pk, code, _area in municipalities]
    languages = list(LANGUAGE_WEIGHTS)
    language_weights = list(LANGUAGE_WEIGHTS.values())
    password = make_password(DEMO_PASSWORD)
    now = timezone.now()
    rng = random.Random(seed + existing)
    for start in range(existing, total, batch_size):
        stop = min(start + batch_size, total)
        users = []
        for number in range(start, stop):
            language = rng.choices(languages, language_weights)[0]
            municipality_pk, _code, area_pk = rng.choices(municipalities, weights)[0]
            joined = now - timedelta(days=rng.randint(0, 720))
            users.append(
                User(
                    email=f"jasen{number:06d}@{SYNTHETIC_DOMAIN}",
                    display_name=(
                        f"{rng.choice(FIRST_NAMES[language])} {rng.choice(LAST_NAMES[language])}"
                    ),
                    language=language,
                    municipality_id=municipality_pk,
                    area_id=area_pk,
                    password=password,
                    date_joined=joined,
                    last_login=joined + timedelta(days=rng.randint(0, 60)),
                    guidelines_accepted_at=joined,
                    privacy_notice_accepted_at=joined,
                )
            )
        with transaction.atomic():
            User.objects.bulk_create(users, batch_size=batch_size)
            RoleAssignment.objects.bulk_create(
                [RoleAssignment(user_id=user.pk, role=Role.MEMBER) for user in users],
                batch_size=batch_size,
            )
            # Every synthetic member came in through an accepted invitation of their area.
            Invitation.objects.bulk_create(
                [
                    Invitation(
                        email=user.email,
                        name=user.display_name,
                        language=user.language,
                        area_id=user.area_id,
                        created_at=user.date_joined - timedelta(days=2),
                        sent_at=user.date_joined - timedelta(days=2),
                        send_count=1,
                        expires_at=user.date_joined + timedelta(days=8),
                        opened_at=user.date_joined,
                        accepted_at=user.date_joined,
                        accepted_user_id=user.pk,
                    )
                    for user in users
                    if user.area_id
                ],
                batch_size=batch_size,
            )
        log(f"Synthetic members: {stop}/{total}")
    return time.monotonic() - started
