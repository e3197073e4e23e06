"""Demo circles: Finnish for Ukrainians online and in Vantaa, explained in Ukrainian too,
and a full peer group, with their meetings (a weekly series, one past meeting with
attendance, a one-off); a peer group organised by the demo partner's organisation and a
virtual group; a few messages in the Finnish circle's discussion; members' wishes for
circles, five of which pool into a notification."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from ideahautomo.accounts.demo import DEMO_DOMAIN
from ideahautomo.accounts.models import Municipality, Role, User
from ideahautomo.lib.markdown import render_markdown
from ideahautomo.messaging.models import EmailState, Notification, NotificationKind
from ideahautomo.profiles.models import Skill, skill_key

from . import services, session_services
from .models import Circle, CircleLanguage, CirclePost, CircleSession, CircleWish
from .session_services import FINNISH_TIME, Repeat

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
    _circles_create()
    _peer_groups_create()
    _other_languages_create()
    _posts_create()
    _sessions_create()
    wishes_create()


def wishes_create():
    """Wishes of demo members; the Finnish-in-Ukrainian pool reaches the threshold online."""
    if CircleWish.objects.filter(user__email=f"oksana@{DEMO_DOMAIN}").exists():
        return
    municipalities = {
        m.code: m for m in Municipality.objects.filter(code__in=["049", "091", "092"])
    }
    with transaction.atomic():
        for local, skill, language, level, code, online_ok in WISHES:
            user = User.objects.filter(email=f"{local}@{DEMO_DOMAIN}").first()
            if user is None:
                continue
            services.wish_create(
                actor=user,
                skill=Skill.objects.get(key=skill_key(skill)),
                language=language,
                level=level,
                municipality=municipalities[code] if code else None,
                online_ok=online_ok,
            )
        # The demo shows the pooled notification in the app; it sends no e-mail.
        Notification.objects.filter(
            kind=NotificationKind.CIRCLE_DEMAND, recipient__email__endswith=f"@{DEMO_DOMAIN}"
        ).update(email_state=EmailState.NONE)


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


PEER_GROUP = "Jaksamisen vertaisryhmä"
VIRTUAL_GROUP = "Työnhaun virtuaaliryhmä"


def _peer_groups_create():
    """A peer group of the demo partner's organisation, run by its staff, and a members'
    virtual group; the entrepreneurs' group is a peer group too. Once only."""
    Circle.objects.filter(name="Yrittäjäksi – vertaisryhmä", kind=Circle.Kind.STUDY_CIRCLE).update(
        kind=Circle.Kind.PEER_GROUP
    )
    if Circle.objects.filter(name=PEER_GROUP).exists():
        return
    partner = _user("kumppani")
    organisation = partner.roles[Role.PARTNER].organisation
    with transaction.atomic():
        group = services.circle_create(
            actor=partner,
            kind=Circle.Kind.PEER_GROUP,
            organiser_organisation=organisation,
            name=PEER_GROUP,
            topic="Jaksaminen työttömänä",
            description=(
                "Vertaisryhmä, jossa jaetaan kokemuksia työttömyydestä ja siitä, mikä auttaa "
                "jaksamaan. Ryhmää ohjaa koulutettu vertaisohjaaja. Kaikki mitä ryhmässä "
                "kerrotaan, jää ryhmään."
            ),
            language="fi",
            format=Circle.Format.IN_PERSON,
            municipality=Municipality.objects.get(code="092"),
            meeting_place="Vantaan aikuisopisto, Lummetie 2, luokka 104",
            capacity=10,
            policy=Circle.Policy.OPEN,
            visibility=Circle.Visibility.PUBLIC,
        )
        for local in ("sanna", "mikko"):
            services.circle_join(actor=_user(local), circle=group)
        virtual = services.circle_create(
            actor=_user("jasen"),
            kind=Circle.Kind.VIRTUAL_GROUP,
            name=VIRTUAL_GROUP,
            topic="Työnhaku",
            description=(
                "Tapaamme verkossa maanantaiaamuisin: jokainen kertoo viikon "
                "työnhakusuunnitelmansa ja saa vinkkejä muilta."
            ),
            language="fi",
            format=Circle.Format.ONLINE,
            capacity=12,
            policy=Circle.Policy.OPEN,
            visibility=Circle.Visibility.MEMBERS,
        )
        services.circle_join(actor=_user("oksana"), circle=virtual)


def _other_languages_create():
    """The Finnish circle also uses Ukrainian for explanations; added if missing."""
    finnish = Circle.objects.filter(name="Suomea arjessa – A1").first()
    if finnish is not None:
        CircleLanguage.objects.get_or_create(circle=finnish, language="uk")


def _next(weekday, hour, minute=0):
    """The next given weekday (0 = Monday) after today, at a Finnish wall-clock time."""
    today = timezone.localdate()
    days = (weekday - today.weekday() - 1) % 7 + 1
    return datetime.combine(today + timedelta(days=days), time(hour, minute), FINNISH_TIME)


def _sessions_create():
    """Meetings for the demo circles, once: run again, it adds nothing."""
    finnish = Circle.objects.get(name="Suomea arjessa – A1")
    peers = Circle.objects.get(name="Yrittäjäksi – vertaisryhmä")
    with transaction.atomic():
        if not CircleSession.objects.filter(circle=finnish).exists():
            organiser = _user("kumppani")
            tuesday = _next(1, 17)
            last_week = tuesday - timedelta(weeks=1)
            [past] = session_services.session_schedule(
                actor=organiser,
                circle=finnish,
                starts_at=last_week,
                ends_at=last_week + timedelta(hours=1, minutes=30),
                agenda="Tutustuminen ja esittäytyminen suomeksi.",
                now=last_week - timedelta(days=1),
                tell_members=False,
            )
            session_services.attendance_record(
                actor=organiser,
                session=past,
                present_user_ids=[organiser.pk, _user("oksana").pk, _user("iryna").pk],
                now=last_week + timedelta(hours=1),
            )
            session_services.session_schedule(
                actor=organiser,
                circle=finnish,
                starts_at=tuesday,
                ends_at=tuesday + timedelta(hours=1, minutes=30),
                agenda="Arjen sanastoa: **kaupassa**, **apteekissa** ja **lääkärissä**.",
                repeat=Repeat.WEEKLY,
                occurrences=8,
                tell_members=False,
            )
        if not CircleSession.objects.filter(circle=peers).exists():
            thursday = _next(3, 18)
            session_services.session_schedule(
                actor=_user("jasen"),
                circle=peers,
                starts_at=thursday,
                ends_at=thursday + timedelta(hours=1),
                agenda="Jokainen kertoo liikeideastaan viidessä minuutissa.",
                tell_members=False,
            )
