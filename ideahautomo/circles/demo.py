"""Demo circles: Finnish for Ukrainians online and in Vantaa, and a full peer group, with a
few messages in the Finnish circle's discussion."""

from django.db import transaction

from ideahautomo.accounts.demo import DEMO_DOMAIN
from ideahautomo.accounts.models import Municipality, User
from ideahautomo.lib.markdown import render_markdown

from . import services
from .models import Circle, CirclePost


def _user(local):
    return User.objects.get(email=f"{local}@{DEMO_DOMAIN}")


def demo_create():
    _circles_create()
    _posts_create()


def _post(*, actor, circle, body, parent=None, link="", link_title=""):
    """A demo post written straight to the table: demo data sends no notifications."""
    post = CirclePost(
        circle=circle,
        author=actor,
        parent=parent,
        body=body,
        body_html=render_markdown(body),
        link=link,
        link_title=link_title,
    )
    post.full_clean()
    post.save()
    return post


def _posts_create():
    finnish = Circle.objects.filter(name="Suomea arjessa – A1").first()
    if finnish is None or CirclePost.objects.filter(circle=finnish).exists():
        return
    with transaction.atomic():
        welcome = _post(
            actor=_user("kumppani"),
            circle=finnish,
            body=(
                "Tervetuloa piiriin! Ensi tiistaina harjoittelemme **kaupassa asiointia**. "
                "Ottakaa mukaan kynä ja vihko."
            ),
            link="https://www.kielibuusti.fi/",
            link_title="Kielibuusti – harjoituksia",
        )
        _post(
            actor=_user("oksana"),
            circle=finnish,
            parent=welcome,
            body="Kiitos! Tulen mukaan. Voinko tuoda ystäväni kuuntelemaan?",
        )
        _post(
            actor=_user("dmytro"),
            circle=finnish,
            body="Löysin hyvän sanaston lääkärissä käyntiä varten. Jaan sen tässä.",
            link="https://yle.fi/selkouutiset",
            link_title="Yle Selkouutiset",
        )


def _circles_create():
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
