"""Demo circles: Finnish for Ukrainians online and in Vantaa, and a full peer group;
members' wishes for circles, five of which pool into a notification."""

from django.db import transaction

from ideahautomo.accounts.demo import DEMO_DOMAIN
from ideahautomo.accounts.models import Municipality, User
from ideahautomo.profiles.models import Skill, skill_key

from . import services
from .models import Circle, CircleInterest

# local part, skill, language used, level, municipality code (or None), online is fine
WISHES = [
    ("oksana", "suomen kieli", "uk", "A2", "092", True),
    ("iryna", "suomen kieli", "uk", "A2", "092", True),
    ("dmytro", "suomen kieli", "uk", "A2", None, True),
    ("amina", "suomen kieli", "uk", "A2", "049", True),
    ("jasen", "suomen kieli", "uk", "A2", None, True),
    ("mikko", "kirjanpito", "fi", "", "091", False),
    ("jasen", "yrittäjyys", "fi", "", "091", True),
    ("erik", "yrittäjyys", "sv", "", "049", True),
]


def _user(local):
    return User.objects.get(email=f"{local}@{DEMO_DOMAIN}")


def demo_create():
    circles_create()
    wishes_create()


def wishes_create():
    """Wishes of demo members; the Finnish-in-Ukrainian pool reaches the threshold online."""
    if CircleInterest.objects.filter(user__email=f"oksana@{DEMO_DOMAIN}").exists():
        return
    municipalities = {
        m.code: m for m in Municipality.objects.filter(code__in=["049", "091", "092"])
    }
    with transaction.atomic():
        for local, skill, language, level, code, online_ok in WISHES:
            user = User.objects.filter(email=f"{local}@{DEMO_DOMAIN}").first()
            if user is None:
                continue
            services.interest_create(
                actor=user,
                skill=Skill.objects.get(key=skill_key(skill)),
                language=language,
                level=level,
                municipality=municipalities[code] if code else None,
                online_ok=online_ok,
            )


def circles_create():
    if Circle.objects.filter(name="Suomea arjessa – A1").exists():
        return
    vantaa = Municipality.objects.get(code="092")
    with transaction.atomic():
        finnish = services.circle_create(
            actor=_user("kumppani"),
            name="Suomea arjessa – A1",
            topic="Suomen kieli",
            skill=Skill.objects.filter(key=skill_key("suomen kieli")).first(),
            description=(
                "Harjoittelemme arjen suomea: kaupassa, lääkärissä ja työpaikalla. "
                "Tapaamme tiistaisin Myyrmäen kirjastossa ja verkossa. "
                "Для українців, які вивчають фінську мову."
            ),
            language="fi",
            level="A1",
            format=Circle.Format.HYBRID,
            municipality=vantaa,
            meeting_place="Myyrmäen kirjasto, ryhmätila 2",
            capacity=8,
            policy=Circle.Policy.OPEN,
            visibility=Circle.Visibility.PUBLIC,
        )
        for local in ("oksana", "iryna", "dmytro"):
            services.circle_join(actor=_user(local), circle=finnish)
        peers = services.circle_create(
            actor=_user("jasen"),
            name="Yrittäjäksi – vertaisryhmä",
            topic="Yrittäjyys",
            description="Pieni vertaisryhmä oman yrityksen suunnitteluun. Tavataan verkossa.",
            language="fi",
            format=Circle.Format.ONLINE,
            capacity=3,
            policy=Circle.Policy.OPEN,
            visibility=Circle.Visibility.MEMBERS,
        )
        for local in ("mikko", "sanna", "ville"):
            services.circle_join(actor=_user(local), circle=peers)
