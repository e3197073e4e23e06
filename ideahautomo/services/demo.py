"""Demo partner organisations with their pages and services. Invented and labelled as
demo data; running it again changes nothing."""

from datetime import date, time
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ideahautomo.accounts.models import Municipality, PartnerOrganisation, Region
from ideahautomo.lib.markdown import render_markdown

from .models import OpeningException, OpeningHours, Service, ServiceTag, helsinki_now

HELSINKI, VANTAA, ESPOO, KERAVA, KAUNIAINEN = "091", "092", "049", "245", "235"

ORGANISATIONS = [
    {
        "name": "Vantaan aikuisopisto (demo)",
        "kind": PartnerOrganisation.Kind.SCHOOL,
        "home": VANTAA,
        "served": [HELSINKI, KERAVA],
        "description": (
            "Aikuisopisto järjestää lyhyitä kursseja ja koko tutkintoja aikuisille. "
            "Autamme myös, jos opinnot ovat jääneet kesken ja haluat jatkaa niitä.\n\n"
            "- suomen kielen kurssit\n- digitaidot\n- opintojen suunnittelu"
        ),
        "email": "neuvonta@aikuisopisto.example.fi",
        "phone": "+358 9 123 4500",
        "website": "https://aikuisopisto.example.fi/",
    },
    {
        "name": "Uudenmaan Työttömät ry (demo)",
        "kind": PartnerOrganisation.Kind.ASSOCIATION,
        "home": HELSINKI,
        "served": [ESPOO, VANTAA, KAUNIAINEN],
        "description": (
            "Työttömien oma yhdistys. Meille voi tulla juttelemaan ilman ajanvarausta: "
            "kahvia, vertaistukea ja apua hakemuksiin.\n\n"
            "Toimimme vapaaehtoisvoimin, ja **uudet vapaaehtoiset** ovat tervetulleita."
        ),
        "email": "toimisto@tyottomat.example.fi",
        "phone": "+358 40 555 0101",
        "website": "https://tyottomat.example.fi/",
    },
    {
        "name": "Yrityskummit Espoo (demo)",
        "kind": PartnerOrganisation.Kind.OTHER,
        "home": ESPOO,
        "served": [HELSINKI, KAUNIAINEN],
        "description": (
            "Kokeneet yrittäjät neuvovat maksutta, kun mietit omaa yritystä, "
            "kevytyrittäjyyttä tai osuuskuntaa."
        ),
        "email": "kummit@yrityskummit.example.fi",
        "phone": "",
        "website": "https://yrityskummit.example.fi/",
    },
    {
        "name": "Helsingin nuorten työpaja (demo)",
        "kind": PartnerOrganisation.Kind.MUNICIPAL,
        "home": HELSINKI,
        "served": [],
        "description": (
            "Kaupungin työpaja alle 30-vuotiaille: harjoittelua oikeissa töissä, "
            "valmennusta ja apua koulutuspaikan löytämiseen."
        ),
        "email": "tyopaja@hel.example.fi",
        "phone": "+358 9 310 0000",
        "website": "https://tyopaja.example.fi/",
    },
    {
        "name": "Vantaan ja Keravan työllisyyspalvelut (demo)",
        "kind": PartnerOrganisation.Kind.EMPLOYMENT_SERVICE,
        "home": VANTAA,
        "served": [KERAVA],
        "description": (
            "Kuntien työllisyyspalvelut: työnhaun tuki, palkkatuki, koulutukset ja "
            "neuvonta siitä, miten keikkatyö ja opiskelu vaikuttavat etuuksiin."
        ),
        "email": "tyollisyys@vantaa.example.fi",
        "phone": "+358 9 839 0000",
        "website": "https://tyollisyys.example.fi/",
    },
    {
        "name": "Kahvila Kulma Oy (demo)",
        "kind": PartnerOrganisation.Kind.COMPANY,
        "home": HELSINKI,
        "served": [],
        "description": (
            "Pieni kahvila Kalliossa. Tarjoamme työkokeilupaikkoja ja kerran kuussa "
            "ilmaisen kahvin työnhakijoiden aamuun."
        ),
        "email": "kulma@kahvila.example.fi",
        "phone": "+358 50 123 9876",
        "website": "",
    },
]


@transaction.atomic
def organisations_create():
    municipalities = {m.code: m for m in Municipality.objects.all()}
    organisations = {}
    for spec in ORGANISATIONS:
        organisation, _ = PartnerOrganisation.objects.update_or_create(
            name=spec["name"],
            defaults={
                "kind": spec["kind"],
                "municipality": municipalities[spec["home"]],
                "description": spec["description"],
                "contact_email": spec["email"],
                "contact_phone": spec["phone"],
                "website": spec["website"],
            },
        )
        organisation.description_html = render_markdown(organisation.description)
        organisation.updated_at = timezone.now()
        organisation.save(update_fields=["description_html", "updated_at"])
        organisation.municipalities_served.set(
            [municipalities[code] for code in [spec["home"], *spec["served"]]]
        )
        organisations[spec["name"]] = organisation
    return organisations


WEEKDAYS = range(5)
UUSIMAA = "01"

# title, organisation, {fields}, tags, weekly hours [(weekdays, opens, closes)]
SERVICES = [
    (
        "TyöParkki: työnhakupiste",
        "Uudenmaan Työttömät ry (demo)",
        {
            "summary": "Tule juttelemaan työnhausta, hakemuksista ja etuuksista kahvin äärellä.",
            "description": (
                "Matalan kynnyksen piste: ei ajanvarausta, ei kiirettä. Ota mukaan "
                "CV tai työpaikkailmoitus, jos haluat apua juuri siihen."
            ),
            "is_drop_in": True,
            "street_address": "Hämeentie 1",
            "municipality": HELSINKI,
            "coordinates": ("60.17960", "24.95090"),
        },
        {
            "need": ["job_search", "benefits"],
            "language": ["fi", "en", "uk"],
            "channel": ["walk_in"],
        },
        [(range(4), time(10), time(14))],
    ),
    (
        "Vapaaehtoistyön välitys",
        "Uudenmaan Työttömät ry (demo)",
        {
            "summary": "Löydä vapaaehtoistehtävä, joka sopii sinun aikatauluusi.",
            "is_drop_in": True,
            "street_address": "Hämeentie 1",
            "municipality": HELSINKI,
            "served": [ESPOO, VANTAA],
        },
        {"need": ["volunteering", "well_being"], "language": ["fi"], "channel": ["walk_in"]},
        [([1, 3], time(12), time(15))],
    ),
    (
        "Jaksamisen puhelin",
        "Uudenmaan Työttömät ry (demo)",
        {
            "summary": "Vertaistukea puhelimessa, kun työttömyys painaa mieltä.",
            "whole_finland": True,
        },
        {"need": ["well_being"], "language": ["fi", "sv"], "channel": ["phone"]},
        [(WEEKDAYS, time(9), time(15))],
    ),
    (
        "Suomen kielen kahvila",
        "Vantaan aikuisopisto (demo)",
        {
            "summary": "Puhu suomea rennosti muiden oppijoiden ja vapaaehtoisten kanssa.",
            "is_drop_in": True,
            "street_address": "Asematie 10",
            "municipality": VANTAA,
            "served": [KERAVA],
            "coordinates": ("60.29250", "25.04400"),
        },
        {
            "need": ["language"],
            "audience": ["immigrants"],
            "language": ["fi", "uk", "ar", "ru"],
            "channel": ["walk_in"],
        },
        [([2], time(17), time(19))],
    ),
    (
        "Digitaidot tutuksi",
        "Vantaan aikuisopisto (demo)",
        {
            "summary": "Apua puhelimen, sähköisen asioinnin ja työnhakusivustojen käyttöön.",
            "is_drop_in": True,
            "street_address": "Asematie 10",
            "municipality": VANTAA,
            "coordinates": ("60.29250", "25.04400"),
        },
        {
            "need": ["digital"],
            "audience": ["over_55", "everyone"],
            "language": ["fi"],
            "channel": ["walk_in"],
        },
        [([4], time(10), time(12))],
    ),
    (
        "Keskeytyneet opinnot loppuun",
        "Vantaan aikuisopisto (demo)",
        {
            "summary": "Suunnitellaan yhdessä, miten kesken jääneen tutkinnon saa valmiiksi.",
            "municipality": VANTAA,
            "region": UUSIMAA,
            "booking_url": "https://aikuisopisto.example.fi/ajanvaraus",
        },
        {
            "need": ["skills"],
            "audience": ["highly_educated", "everyone"],
            "language": ["fi", "en"],
            "channel": ["appointment", "online"],
        },
        [([0, 2], time(9), time(12))],
    ),
    (
        "CV-klinikka",
        "Vantaan ja Keravan työllisyyspalvelut (demo)",
        {
            "summary": "Ohjaaja käy CV:si läpi kanssasi 30 minuutissa.",
            "street_address": "Tikkurilantie 44",
            "municipality": VANTAA,
            "served": [KERAVA],
            "booking_url": "https://tyollisyys.example.fi/cv-klinikka",
        },
        {
            "need": ["job_search"],
            "language": ["fi", "sv", "en"],
            "channel": ["appointment", "online"],
        },
        [([1], time(13), time(16))],
    ),
    (
        "Etuusneuvonta: keikkatyö ja työttömyysetuus",
        "Vantaan ja Keravan työllisyyspalvelut (demo)",
        {
            "summary": "Voinko tehdä keikkatyötä menettämättä etuutta? Kysy ennen kuin aloitat.",
            "region": UUSIMAA,
        },
        {
            "need": ["benefits", "business"],
            "language": ["fi", "sv", "en", "uk"],
            "channel": ["phone", "online"],
        },
        [(WEEKDAYS, time(9), time(12))],
    ),
    (
        "Yritysneuvonta ja starttiraha",
        "Yrityskummit Espoo (demo)",
        {
            "summary": "Kokenut yrittäjä käy ideasi läpi: kannattavuus, starttiraha, alku.",
            "street_address": "Leppävaarankatu 3",
            "municipality": ESPOO,
            "region": UUSIMAA,
            "coordinates": ("60.21900", "24.81300"),
        },
        {
            "need": ["business"],
            "language": ["fi", "en"],
            "channel": ["appointment", "online"],
        },
        [([0, 1, 2], time(9), time(16))],
    ),
    (
        "Osuuskunta- ja kevytyrittäjyysilta",
        "Yrityskummit Espoo (demo)",
        {
            "summary": "Miten laskutan työni ilman omaa yritystä? Verkossa kerran viikossa.",
            "whole_finland": True,
        },
        {"need": ["business", "benefits"], "language": ["fi"], "channel": ["online"]},
        [([3], time(18), time(19, 30))],
    ),
    (
        "Nuorten työpaja",
        "Helsingin nuorten työpaja (demo)",
        {
            "summary": "Harjoittele oikeissa töissä: puutyöt, media, kahvila ja kierrätys.",
            "street_address": "Työpajankatu 2",
            "municipality": HELSINKI,
            "coordinates": ("60.18800", "24.97000"),
        },
        {
            "need": ["skills", "job_search"],
            "audience": ["under_30"],
            "language": ["fi", "en"],
            "channel": ["walk_in", "appointment"],
        },
        [(WEEKDAYS, time(8, 30), time(15))],
    ),
    (
        "Työkokeilu kahvilassa",
        "Kahvila Kulma Oy (demo)",
        {
            "summary": "Tule kokeilemaan kahvilatyötä kahdeksi viikoksi.",
            "street_address": "Vaasankatu 5",
            "municipality": HELSINKI,
            "is_free": True,
        },
        {
            "need": ["skills"],
            "audience": ["everyone", "partial_work_ability"],
            "language": ["fi", "en"],
            "channel": ["phone", "appointment"],
        },
        [(WEEKDAYS, time(8), time(10))],
    ),
]


def _next(month, day, today):
    this_year = date(today.year, month, day)
    return this_year if this_year >= today else date(today.year + 1, month, day)


@transaction.atomic
def services_create(organisations):
    municipalities = {m.code: m for m in Municipality.objects.all()}
    regions = {r.code: r for r in Region.objects.all()}
    today = helsinki_now().date()
    for title, organisation_name, spec, tags, weekly in SERVICES:
        latitude, longitude = spec.get("coordinates", (None, None))
        service, _ = Service.objects.update_or_create(
            organisation=organisations[organisation_name],
            title=title,
            defaults={
                "summary": spec["summary"],
                "description": spec.get("description", ""),
                "description_html": render_markdown(spec.get("description", "")),
                "is_drop_in": spec.get("is_drop_in", False),
                "street_address": spec.get("street_address", ""),
                "municipality": municipalities.get(spec.get("municipality")),
                "region": regions.get(spec.get("region")),
                "serves_whole_finland": spec.get("whole_finland", False),
                "latitude": Decimal(latitude) if latitude else None,
                "longitude": Decimal(longitude) if longitude else None,
                "booking_url": spec.get("booking_url", ""),
            },
        )
        service.municipalities_served.set([municipalities[code] for code in spec.get("served", [])])
        service.tags.all().delete()
        ServiceTag.objects.bulk_create(
            ServiceTag(service=service, kind=kind, code=code)
            for kind, codes in {"audience": ["everyone"], **tags}.items()
            for code in codes
        )
        service.hours.all().delete()
        OpeningHours.objects.bulk_create(
            OpeningHours(service=service, weekday=weekday, opens=opens, closes=closes)
            for weekdays, opens, closes in weekly
            for weekday in weekdays
        )
        for day, note in ((_next(12, 24, today), "Jouluaatto"), (_next(1, 1, today), "Uusi vuosi")):
            OpeningException.objects.get_or_create(
                service=service, date=day, defaults={"is_closed": True, "note": note}
            )
    # One service in the demo waits for its details to be checked.
    Service.objects.filter(title="Työkokeilu kahvilassa").update(
        last_checked_on=date(today.year - 1, 1, 15)
    )


def referral_create():
    """The Helsinki contact person has sent the drop-in point to the demo member, once;
    the demo sends no e-mail."""
    from ideahautomo.accounts.demo import DEMO_DOMAIN
    from ideahautomo.accounts.models import User
    from ideahautomo.messaging.models import EmailState, Notification, NotificationKind

    from .services import service_refer

    member = User.objects.filter(email=f"jasen@{DEMO_DOMAIN}").first()
    sender = User.objects.filter(email=f"yhteyshenkilo@{DEMO_DOMAIN}").first()
    service = Service.objects.filter(title__startswith="TyöParkki").first()
    if None in (member, sender, service):
        return
    sent = Notification.objects.filter(recipient=member, kind=NotificationKind.SERVICE_REFERRAL)
    if sent.exists():
        return
    with transaction.atomic():
        service_refer(
            actor=sender,
            service=service,
            client_email=member.email,
            note="Täällä saat apua CV:hen ilman ajanvarausta, tiistaisin myös ukrainaksi.",
        )
        sent.update(email_state=EmailState.NONE)


def demo_create():
    services_create(organisations_create())
    referral_create()
