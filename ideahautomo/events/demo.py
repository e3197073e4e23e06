"""Demo events: what the seeds' service runs, upcoming and past, with registrations,
attendance and feedback. Invented and labelled as demo data; running it again changes nothing."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from ideahautomo.accounts.demo import DEMO_DOMAIN
from ideahautomo.accounts.models import Municipality, PartnerOrganisation, User
from ideahautomo.lib.markdown import render_markdown

from . import services
from .models import Event, Feedback, Registration

HELSINKI, VANTAA, ESPOO = "091", "092", "049"


def _at(days, hour, minute=0):
    """Finnish local time, days from today."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _next_wednesday(weeks):
    """Days from today to the Wednesday weeks after the coming one."""
    return ((2 - timezone.localdate().weekday()) % 7 or 7) + 7 * weeks


UPCOMING = [
    {
        "kind": Event.Kind.NETWORKING,
        "title": "Ideahautomo-verkostoitumisilta Helsingissä",
        "description": (
            "Tule tapaamaan muita, jotka haluavat oppia, tehdä töitä tai perustaa yrityksen "
            "yhdessä. Illan aikana:\n\n"
            "- lyhyet esittäytymiskierrokset pienissä ryhmissä\n"
            "- **ideaseinä**, jolle voit kirjoittaa oman ideasi tai osaamisesi\n"
            "- kahvia, teetä ja iltapalaa\n\n"
            "Ei ennakkovalmisteluja. Tule sellaisena kuin olet!"
        ),
        "days": 10,
        "hours": (17, 20),
        "venue_name": "Kulttuurikeskus Stoa, Musiikkisali",
        "street_address": "Turunlinnantie 1",
        "municipality": HELSINKI,
        "capacity": 40,
        "ask_dietary_needs": True,
        "register": ["jasen", "oksana", "mentori"],
    },
    {
        "kind": Event.Kind.IDEA_SESSION,
        "title": "Ideariihi verkossa: palveluita ikääntyville",
        "description": (
            "Ideariihessä kehitetään yhdessä liikeideoita ja kokeiluja. Tällä kertaa "
            "aiheena ovat pienet palvelut ikääntyville: asiointiapu, digituki ja seura.\n\n"
            "Riihen vetää yrityskummi. Linkki Teams-kokoukseen näkyy ilmoittautuneille."
        ),
        "days": 5,
        "hours": (13, 15),
        "online_url": "https://teams.example.fi/ideahautomo/ideariihi",
        "is_public": False,
        "capacity": 16,
        "organisation": "Yrityskummit Espoo (demo)",
        "register": ["jasen", "tiina.salonen"],
    },
    {
        "kind": Event.Kind.EXCURSION,
        "title": "TyöParkki-ekskursio: Vantaan aikuisopiston pajat",
        "description": (
            "Tutustumiskäynti aikuisopiston metalli-, puu- ja tekstiilipajoihin. Opettajat "
            "kertovat lyhytkursseista ja työkokeilumahdollisuuksista.\n\n"
            "Tapaaminen pääovella. Käynti kestää noin kaksi tuntia."
        ),
        "days": 14,
        "hours": (10, 12),
        "venue_name": "Vantaan aikuisopisto, pääovi",
        "street_address": "Lummetie 2",
        "municipality": VANTAA,
        "capacity": 3,
        "ask_accessibility_needs": True,
        "organisation": "Vantaan aikuisopisto (demo)",
        "register": ["oksana", "jasen", "tiina.salonen", "mentori"],
    },
    {
        "kind": Event.Kind.WEBINAR,
        "title": "Töitä!-webinaari: näin perustat toiminimen",
        "description": (
            "Puolentoista tunnin webinaari toiminimen perustamisesta: ilmoitukset, "
            "starttiraha, verot ja kirjanpito selkokielellä. Kysymyksiä voi esittää chatissa."
        ),
        "days": 3,
        "hours": (14, 15),
        "online_url": "https://webinaari.example.fi/toita/toiminimi",
        "register": ["kumppani"],
    },
    {
        "kind": Event.Kind.INFO_SESSION,
        "title": "Töitä!-infotilaisuus: palkkatuki ja työkokeilu",
        "description": (
            "Työllisyyspalvelujen asiantuntijat kertovat, miten palkkatuki ja työkokeilu "
            "toimivat ja miten niitä haetaan. Paikan päällä Espoossa ja verkossa."
        ),
        "days": 21,
        "hours": (9, 11),
        "venue_name": "Sellon kirjasto, Sellosali",
        "street_address": "Leppävaarankatu 9",
        "municipality": ESPOO,
        "online_url": "https://teams.example.fi/toita/info",
        "capacity": 60,
        "registration_deadline_days": 19,
        "register": [],
    },
    {
        "kind": Event.Kind.WORKSHOP,
        "title": "Työpaja: oma osaaminen näkyväksi",
        "description": (
            "Kolmen tunnin työpaja, jossa sanoitetaan omaa osaamista ja kootaan siitä "
            "lyhyt esittely työnhakuun tai yhteistyöideaan. Ota mukaan läppäri, jos sinulla on."
        ),
        "days": 8,
        "hours": (12, 15),
        "venue_name": "Ideahautomon tila",
        "street_address": "Hämeentie 11",
        "municipality": HELSINKI,
        "capacity": 12,
        "ask_dietary_needs": True,
        "ask_accessibility_needs": True,
        "register": ["tiina.salonen"],
    },
]

DROP_IN = {
    "kind": Event.Kind.DROP_IN,
    "title": "TyöParkki: avoimet ovet keskiviikkoisin",
    "description": (
        "TyöParkki on avoinna keskiviikkoisin klo 10–18. Tule ilman ajanvarausta "
        "juttelemaan työnhausta, ideoista tai vain kahville. Paikalla on ohjaaja ja "
        "vertaisia. Voit merkitä tulevasi, niin tiedämme varata kahvia."
    ),
    "venue_name": "TyöParkki",
    "street_address": "Tikkurilantie 44",
    "municipality": VANTAA,
    "organisation": "Uudenmaan Työttömät ry (demo)",
}

PAST = [
    # title, kind, days ago, attendees with their (mood, comment)
    (
        "Työpaja: CV kuntoon yhdessä",
        Event.Kind.WORKSHOP,
        12,
        [
            ("jasen", 5, "Sain vihdoin CV:n valmiiksi. Kiitos!"),
            ("oksana", 4, "Hyvä työpaja, selkeät ohjeet."),
            ("mentori", 4, ""),
            ("kumppani", 3, "Aikaa olisi saanut olla enemmän."),
            ("tiina.salonen", 5, "Mukava porukka."),
        ],
    ),
    (
        "Ideariihi: kierrätys ja korjaaminen",
        Event.Kind.IDEA_SESSION,
        30,
        [("jasen", 4, ""), ("oksana", 5, "")],
    ),
]


PAST_WEBINAR = "Webinaari: työnhaun tekoälytyökalut"


def _past_webinar_create(people, organisations):
    """A past webinar with a recording that those who registered see."""
    if Event.objects.filter(title=PAST_WEBINAR).exists():
        return
    registered = [people[local] for local in ("jasen", "oksana", "mikko") if local in people]
    event = Event(
        kind=Event.Kind.WEBINAR,
        title=PAST_WEBINAR,
        description=(
            "Tunnin webinaari siitä, miten tekoälytyökaluja voi käyttää hakemuksen ja "
            "CV:n kirjoittamisessa, ja mitä niille ei kannata kertoa."
        ),
        starts_at=_at(-9, 14),
        ends_at=_at(-9, 15),
        online_url="https://webinaari.example.fi/toita/tekoaly",
        recording_url="https://webinaari.example.fi/tallenteet/tekoaly",
        organisation=organisations.get("Vantaan aikuisopisto (demo)"),
        capacity=100,
        created_by=people["projektipaallikko"],
        registered_count=len(registered),
    )
    event.description_html = render_markdown(event.description)
    event.full_clean(exclude=["reminder_at", "created_by"])
    event.save()
    for person in registered:
        Registration.objects.create(
            event=event,
            user=person,
            status=Registration.Status.CONFIRMED,
            registered_at=event.starts_at - timedelta(days=5),
            attended=True,
            reminder_sent_at=event.starts_at - timedelta(days=1),
        )


def _people():
    return {
        user.email.split("@")[0]: user
        for user in User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}", is_active=True)
    }


def demo_create():
    with transaction.atomic():
        _create()


def _create():
    people = _people()
    manager = people["projektipaallikko"]
    municipalities = {
        m.code: m for m in Municipality.objects.filter(code__in=["091", "092", "049"])
    }
    organisations = {o.name: o for o in PartnerOrganisation.objects.all()}

    for spec in UPCOMING:
        if Event.objects.filter(title=spec["title"]).exists():
            continue
        start_hour, end_hour = spec["hours"]
        deadline_days = spec.get("registration_deadline_days")
        event = services.event_create(
            actor=manager,
            kind=spec["kind"],
            title=spec["title"],
            description=spec["description"],
            starts_at=_at(spec["days"], start_hour),
            ends_at=_at(spec["days"], end_hour, 30 if end_hour == start_hour + 1 else 0),
            venue_name=spec.get("venue_name", ""),
            street_address=spec.get("street_address", ""),
            municipality=municipalities.get(spec.get("municipality")),
            online_url=spec.get("online_url", ""),
            organisation=organisations.get(spec.get("organisation")),
            is_public=spec.get("is_public", True),
            capacity=spec.get("capacity"),
            registration_deadline=_at(deadline_days, 16) if deadline_days else None,
            ask_dietary_needs=spec.get("ask_dietary_needs", False),
            ask_accessibility_needs=spec.get("ask_accessibility_needs", False),
        )
        for local in spec["register"]:
            services.event_register(
                actor=people[local],
                event=event,
                dietary_needs="Kasvis" if local == "oksana" else "",
                accessibility_needs="Pyörätuoli" if local == "mentori" else "",
            )

    for week in range(4):
        days = _next_wednesday(week)
        starts_at = _at(days, 10)
        if Event.objects.filter(title=DROP_IN["title"], starts_at=starts_at).exists():
            continue
        event = services.event_create(
            actor=manager,
            kind=DROP_IN["kind"],
            title=DROP_IN["title"],
            description=DROP_IN["description"],
            starts_at=starts_at,
            ends_at=_at(days, 18),
            venue_name=DROP_IN["venue_name"],
            street_address=DROP_IN["street_address"],
            municipality=municipalities[DROP_IN["municipality"]],
            organisation=organisations.get(DROP_IN["organisation"]),
        )
        if week == 0:
            services.event_register(actor=people["oksana"], event=event)

    for title, kind, days_ago, attendees in PAST:
        if Event.objects.filter(title=title).exists():
            continue
        event = Event.objects.create(
            kind=kind,
            title=title,
            description="Menneen tapahtuman kuvaus (demo).",
            description_html=render_markdown("Menneen tapahtuman kuvaus (demo)."),
            starts_at=_at(-days_ago, 13),
            ends_at=_at(-days_ago, 16),
            venue_name="Ideahautomon tila",
            street_address="Hämeentie 11",
            municipality=municipalities[HELSINKI],
            capacity=15,
            created_by=manager,
            registered_count=len(attendees),
        )
        given = event.ends_at + timedelta(hours=20)
        for local, mood, comment in attendees:
            Registration.objects.create(
                event=event,
                user=people[local],
                status=Registration.Status.CONFIRMED,
                registered_at=event.starts_at - timedelta(days=7),
                attended=True,
                reminder_sent_at=event.starts_at - timedelta(days=1),
                feedback_given_at=given,
            )
            Feedback.objects.create(
                event=event, mood=mood, comment=comment, given_on=timezone.localdate(given)
            )

    _past_webinar_create(people, organisations)

    if not Event.objects.filter(status=Event.Status.PROPOSED).exists():
        services.event_create(
            actor=people["jasen"],
            kind=Event.Kind.NETWORKING,
            title="Suomen kielen kävelykerho Keskuspuistossa",
            description=(
                "Ehdotan kävelyä, jonka aikana harjoitellaan suomea rennosti. "
                "Sopii kaikille kielitasoille."
            ),
            starts_at=_at(17, 11),
            ends_at=_at(17, 12, 30),
            venue_name="Keskuspuisto, Laakson ratsastusstadionin portti",
            street_address="Hakamäentie 1",
            municipality=municipalities[HELSINKI],
            capacity=15,
        )
