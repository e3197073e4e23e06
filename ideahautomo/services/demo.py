"""Demo partner organisations with their pages and services. Invented and labelled as
demo data; running it again changes nothing."""

from django.db import transaction
from django.utils import timezone

from ideahautomo.accounts.models import Municipality, PartnerOrganisation
from ideahautomo.lib.markdown import render_markdown

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


def demo_create():
    organisations_create()
