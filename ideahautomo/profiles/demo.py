"""Demo profiles: the demo members described, a few more people around them in Uusimaa,
and profiles for the synthetic population. Invented; running it again changes nothing."""

import random
import time

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from ideahautomo.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD, SYNTHETIC_DOMAIN
from ideahautomo.accounts.models import Municipality, Role, RoleAssignment, User

from . import services
from .models import Profile, ProfileLanguage, ProfileSkill, SearchTerm, Skill, skill_key

# email local part: (municipality, goals, languages, knows, wants to learn, introduction)
PROFILES = {
    "jasen": (
        "091",
        {"goal_work", "goal_business"},
        [("fi", "native"), ("en", "B2")],
        ["asiakaspalvelu", "kahvilatyö", "leipominen"],
        ["verkkosivujen teko", "yrittäjyys", "markkinointi"],
        "Olen leiponut koko ikäni ja haaveilen omasta **kahvilasta** Kallioon. "
        "Etsin ihmisiä, joiden kanssa suunnitella yritystä.",
    ),
    "oksana": (
        "092",
        {"goal_learn", "goal_work"},
        [("uk", "native"), ("ru", "C1"), ("en", "B1"), ("fi", "A2")],
        ["kirjanpito", "taulukkolaskenta (Excel)"],
        ["suomen kieli"],
        "Olen kirjanpitäjä Harkovasta. Haluan oppia suomea ja löytää töitä taloushallinnosta.",
    ),
    "mentori": (
        "049",
        {"goal_help"},
        [("fi", "native"), ("sv", "B2"), ("en", "C1")],
        ["yrittäjyys", "liiketoimintasuunnitelma", "kirjanpito", "markkinointi"],
        [],
        "Yrittäjä 25 vuotta, nyt eläkkeellä. Autan mielelläni liiketoimintasuunnitelmissa.",
    ),
    "kumppani": (
        "092",
        {"goal_help"},
        [("fi", "native"), ("en", "C1")],
        ["opettaminen", "suomen kieli"],
        [],
        "Opetan suomea aikuisopistossa ja ohjaan vapaaehtoisia opintopiirejä.",
    ),
}

MORE_PEOPLE = [
    # name, local part, language, municipality, languages, knows, wants to learn
    (
        "Iryna Melnyk",
        "iryna",
        "uk",
        "092",
        [("uk", "native"), ("fi", "A1")],
        ["ompelu", "käsityöt"],
        ["suomen kieli"],
    ),
    (
        "Dmytro Bondarenko",
        "dmytro",
        "uk",
        "092",
        [("uk", "native"), ("en", "B2"), ("fi", "A1")],
        ["ohjelmointi", "it-tuki"],
        ["suomen kieli", "yrittäjyys"],
    ),
    (
        "Mikko Saarinen",
        "mikko",
        "fi",
        "091",
        [("fi", "native"), ("en", "B1")],
        ["puutyöt", "rakentaminen", "maalaus"],
        ["yrittäjyys", "kirjanpito"],
    ),
    (
        "Sanna Hämäläinen",
        "sanna",
        "fi",
        "091",
        [("fi", "native"), ("sv", "B1")],
        ["markkinointi", "sosiaalinen media", "valokuvaus"],
        ["verkkosivujen teko"],
    ),
    (
        "Amina Hassan",
        "amina",
        "en",
        "049",
        [("so", "native"), ("en", "C1"), ("fi", "B1")],
        ["lastenhoito", "tulkkaus"],
        ["sairaanhoito", "suomen kieli"],
    ),
    (
        "Erik Lindholm",
        "erik",
        "sv",
        "049",
        [("sv", "native"), ("fi", "C1")],
        ["autokorjaus", "hitsaus"],
        ["yrittäjyys"],
    ),
    (
        "Laura Niemi",
        "laura",
        "fi",
        "106",
        [("fi", "native")],
        ["siivous", "vanhustenhoito"],
        ["taulukkolaskenta (Excel)", "työnhaku ja CV"],
    ),
    (
        "Ville Koskinen",
        "ville",
        "fi",
        "245",
        [("fi", "native"), ("en", "C1")],
        ["verkkosivujen teko", "ohjelmointi", "graafinen suunnittelu"],
        ["markkinointi"],
    ),
]


def _skills(names):
    aliases = services.curated_aliases()
    found = []
    for name in names:
        key = skill_key(name)
        skill = aliases.get(key) or Skill.objects.get_or_create(key=key, defaults={"name": name})[0]
        found.append(skill)
    return found


def _describe(user, municipality_code, goals, languages, knows, wants, introduction=""):
    profile = services.profile_get_or_create(user=user)
    if profile.onboarded_at:
        return
    User.objects.filter(pk=user.pk).update(
        municipality=Municipality.objects.get(code=municipality_code)
    )
    services.profile_update(
        actor=user,
        profile=profile,
        introduction=introduction,
        **{goal: goal in goals for goal in Profile.GOALS},
    )
    services.profile_set_languages(actor=user, profile=profile, entries=languages)
    services.profile_set_skills(
        actor=user, profile=profile, relation=ProfileSkill.Relation.HAS, skills=_skills(knows)
    )
    services.profile_set_skills(
        actor=user, profile=profile, relation=ProfileSkill.Relation.WANTS, skills=_skills(wants)
    )
    services.profile_mark_onboarded(profile=profile)


def demo_create():
    with transaction.atomic():
        for local, details in PROFILES.items():
            user = User.objects.filter(email=f"{local}@{DEMO_DOMAIN}").first()
            if user is not None:
                _describe(user, *details)
        password = make_password(DEMO_PASSWORD)
        for name, local, language, code, languages, knows, wants in MORE_PEOPLE:
            municipality = Municipality.objects.get(code=code)
            user, created = User.objects.get_or_create(
                email=f"{local}@{DEMO_DOMAIN}",
                defaults={
                    "display_name": name,
                    "language": language,
                    "password": password,
                    "area": municipality.employment_area,
                    "guidelines_accepted_at": timezone.now(),
                    "privacy_notice_accepted_at": timezone.now(),
                },
            )
            if created:
                RoleAssignment.objects.create(user=user, role=Role.MEMBER)
            _describe(user, code, {"goal_learn", "goal_work"}, languages, knows, wants)


def synthetic_profiles_create(*, batch_size=5000, seed=2026, log=print):
    """Profiles for synthetic members that lack one, in bulk; returns seconds taken."""
    started = time.monotonic()
    skills = list(Skill.objects.filter(is_curated=True).values_list("pk", flat=True))
    finnish = Skill.objects.get(key=skill_key("suomen kieli")).pk
    rng = random.Random(seed)
    levels = ["A1", "A2", "B1", "B2", "C1", "C2"]
    second_languages = ["en", "sv", "uk", "ru", "et", "ar", "so", "fa"]
    missing = User.objects.filter(
        email__endswith=f"@{SYNTHETIC_DOMAIN}", profile__isnull=True
    ).values_list("pk", "display_name", "language")
    total = 0
    rows = list(missing.iterator(chunk_size=batch_size))
    for start in range(0, len(rows), batch_size):
        chunk = rows[start : start + batch_size]
        profiles, links, languages, terms = [], [], [], []
        for pk, display_name, language in chunk:
            goals = rng.sample(Profile.GOALS, rng.randint(1, 2))
            profiles.append(
                Profile(
                    user_id=pk,
                    meets_online=rng.random() < 0.7,
                    visibility=rng.choices(
                        [Profile.Visibility.MEMBERS, Profile.Visibility.HIDDEN], [9, 1]
                    )[0],
                    **dict.fromkeys(goals, True),
                )
            )
            knows = rng.sample(skills, rng.randint(1, 4))
            wants = [s for s in rng.sample(skills, rng.randint(0, 2)) if s not in knows]
            native = language if language in ("fi", "sv", "uk") else "fi"
            spoken = {native: "native"}
            if native != "fi":
                spoken["fi"] = rng.choice(levels[:3])
                if finnish not in knows and finnish not in wants:
                    wants.append(finnish)
            extra = rng.choice(second_languages)
            spoken.setdefault(extra, rng.choice(levels))
            links += [ProfileSkill(profile_id=pk, skill_id=s, relation="has") for s in knows]
            links += [ProfileSkill(profile_id=pk, skill_id=s, relation="wants") for s in wants]
            languages += [
                ProfileLanguage(profile_id=pk, code=c, level=lv) for c, lv in spoken.items()
            ]
            terms += [
                SearchTerm(profile_id=pk, term=word)
                for word in sorted(set(display_name.casefold().split()))
            ]
        with transaction.atomic():
            Profile.objects.bulk_create(profiles, batch_size=batch_size)
            ProfileSkill.objects.bulk_create(links, batch_size=batch_size)
            ProfileLanguage.objects.bulk_create(languages, batch_size=batch_size)
            SearchTerm.objects.bulk_create(terms, batch_size=batch_size)
        total += len(chunk)
        log(f"Synthetic profiles: {total}/{len(rows)}")
    return time.monotonic() - started
