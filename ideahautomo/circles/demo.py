"""Demo circles: Finnish for Ukrainians online and in Vantaa, and a full peer group."""

from django.db import transaction

from ideahautomo.accounts.demo import DEMO_DOMAIN
from ideahautomo.accounts.models import Municipality, User

from . import services
from .models import Circle


def _user(local):
    return User.objects.get(email=f"{local}@{DEMO_DOMAIN}")


def demo_create():
    if Circle.objects.filter(name="Suomea arjessa – A1").exists():
        return
    vantaa = Municipality.objects.get(code="092")
    with transaction.atomic():
        finnish = services.circle_create(
            actor=_user("kumppani"),
            name="Suomea arjessa – A1",
            topic="Suomen kieli",
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
