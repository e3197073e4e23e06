"""Demo ideas of the demo members, with teams, requests, comments and updates."""

from django.db import transaction

from ideahautomo.accounts.demo import DEMO_DOMAIN
from ideahautomo.accounts.models import Municipality, User

from . import services
from .models import Idea


def _user(local):
    return User.objects.get(email=f"{local}@{DEMO_DOMAIN}")


IDEAS = [
    {
        "owner": "jasen",
        "title": "Yhteinen kahvila Kallioon",
        "description": (
            "Haaveilen pienestä kahvilasta, jossa leivonnaiset tehdään itse. "
            "Etsin **markkinoinnin** ja **kirjanpidon** osaajia, jotta saisimme "
            "liiketoimintasuunnitelman valmiiksi ja haettua starttirahaa."
        ),
        "category": Idea.Category.ENTREPRENEURSHIP,
        "municipality": "091",
        "online": False,
        "visibility": Idea.Visibility.PUBLIC,
        "skills": ["markkinointi", "kirjanpito", "leipominen", "liiketoimintasuunnitelma"],
    },
    {
        "owner": "dmytro",
        "title": "Suomen kielen keskusteluryhmä verkossa",
        "description": (
            "Harjoitellaan puhumaan suomea yhdessä kerran viikossa videopuhelussa. "
            "Tarvitsemme suomea äidinkielenään puhuvia vapaaehtoisia ohjaamaan keskustelua."
        ),
        "category": Idea.Category.LEARNING,
        "municipality": None,
        "online": True,
        "visibility": Idea.Visibility.PUBLIC,
        "skills": ["suomen kieli", "opettaminen"],
    },
    {
        "owner": "mikko",
        "title": "Remonttiporukka pienkohteisiin",
        "description": (
            "Puutöitä ja maalausta osaavat kokoon: teemme pieniä remontteja yhdessä "
            "ja selvitetään, kannattaako perustaa osuuskunta."
        ),
        "category": Idea.Category.EARNING,
        "municipality": "091",
        "online": False,
        "visibility": Idea.Visibility.MEMBERS,
        "skills": ["puutyöt", "maalaus", "sähkötyöt"],
    },
]


def demo_create():
    if Idea.objects.filter(title=IDEAS[0]["title"]).exists():
        return
    with transaction.atomic():
        created = {}
        for spec in IDEAS:
            spec = dict(spec)
            owner = _user(spec.pop("owner"))
            code = spec.pop("municipality")
            names = spec.pop("skills")
            created[spec["title"]] = services.idea_create(
                actor=owner,
                municipality=Municipality.objects.get(code=code) if code else None,
                skill_names=names,
                **spec,
            )
        cafe = created[IDEAS[0]["title"]]
        request = services.join_request_create(
            actor=_user("sanna"), idea=cafe, message="Voin hoitaa kahvilan somen ja kuvat."
        )
        services.join_request_decide(actor=cafe.owner, join_request=request, accept=True)
        services.join_request_create(
            actor=_user("mentori"), idea=cafe, message="Voin sparrata liiketoimintasuunnitelmaa."
        )
        services.interest_toggle(actor=_user("oksana"), idea=cafe)
        services.comment_create(
            actor=_user("mentori"),
            idea=cafe,
            body="Hieno idea! Kannattaa selvittää ensin vuokrataso ja asiakasvirrat.",
        )
        services.idea_review_ask(actor=cafe.owner, idea=cafe)
        cafe.refresh_from_db()
        services.idea_review_create(
            actor=_user("mentori"),
            idea=cafe,
            strengths="Selkeä paikka ja kohderyhmä, ja leipomisen osaaminen on jo olemassa.",
            risks="Kallion vuokrat ovat korkeita; talven hiljaiset kuukaudet.",
            next_step="Tee kannattavuuslaskelma kolmella eri vuokratasolla.",
        )
        services.idea_change_status(
            actor=cafe.owner,
            idea=cafe,
            status=Idea.Status.FORMING,
            note="Sanna tuli mukaan markkinointiin. Etsimme vielä kirjanpitäjää.",
        )
        circle = created[IDEAS[1]["title"]]
        services.interest_toggle(actor=_user("iryna"), idea=circle)
        services.interest_toggle(actor=_user("oksana"), idea=circle)
