"""The service map: its filters, "open now" in Finnish time, the map view only with a tile
server, and the same number of queries with 300 services as with 3."""

from datetime import UTC, datetime, time

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from ideahautomo.accounts.models import Region
from ideahautomo.accounts.tests.factories import UserFactory, municipality
from ideahautomo.services import services
from ideahautomo.services.models import OpeningHours, Service, ServiceTag
from ideahautomo.testing import ROLES, status_of

from .factories import PartnerOrganisationFactory, service_for

pytestmark = pytest.mark.django_db

MAP = reverse("services:map")


def utc(*args):
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def scene(cast):
    organisation = PartnerOrganisationFactory(name="Auttajat ry")
    actor = cast.project_manager

    def make(title, **fields):
        cache.clear()
        return service_for(organisation, actor=actor, title=title, **fields)

    scene = {
        "helsinki": make("Helsingin piste", is_drop_in=True, languages=["fi", "uk"]),
        "espoo": make("Espoon piste", municipality=municipality("049")),
        "listed": make("Vantaan piste", municipality=municipality("092")),
        "region": make(
            "Maakunnan neuvonta", municipality=None, region=Region.objects.get(code="01")
        ),
        "national": make(
            "Valtakunnallinen puhelin",
            municipality=None,
            serves_whole_finland=True,
            channels=["phone"],
        ),
        "online": make(
            "Verkkoneuvonta", municipality=None, channels=["online"], needs=["business"]
        ),
        "tampere": make("Tampereen piste", municipality=municipality("837"), needs=["housing"]),
        "hidden": make("Piilossa", is_active=False),
    }
    scene["listed"].municipalities_served.add(municipality("091"))
    return scene


def titles(response):
    return sorted(service.title for service in response.context["page"].object_list)


def test_everyone_may_open_the_map(cast, client_for, scene):
    for role, person in cast.by_role().items():
        client = client_for(person)
        assert status_of(client.get(MAP)) == 200, role
        client.logout()
    assert len(ROLES) == len(cast.by_role())


def test_serves_my_municipality_means_local_listed_regional_national_and_online(client, scene):
    response = client.get(MAP, {"kunta": municipality("091").pk})
    assert titles(response) == [
        "Helsingin piste",
        "Maakunnan neuvonta",
        "Valtakunnallinen puhelin",
        "Vantaan piste",
        "Verkkoneuvonta",
    ]
    tampere = client.get(MAP, {"kunta": municipality("837").pk})
    assert titles(tampere) == ["Tampereen piste", "Valtakunnallinen puhelin", "Verkkoneuvonta"]


def test_need_language_drop_in_and_text_filters(client, scene):
    assert titles(client.get(MAP, {"tarve": "business"})) == ["Verkkoneuvonta"]
    assert titles(client.get(MAP, {"kieli": "uk"})) == ["Helsingin piste"]
    assert titles(client.get(MAP, {"ilman_ajanvarausta": "on"})) == ["Helsingin piste"]
    assert titles(client.get(MAP, {"haku": "puhelin"})) == ["Valtakunnallinen puhelin"]
    assert titles(client.get(MAP, {"haku": "auttajat", "tarve": "housing"})) == ["Tampereen piste"]
    everything = client.get(MAP, {"tarve": "flying", "kunta": "x", "kieli": "?"})
    assert "Piilossa" not in titles(everything) and len(titles(everything)) == 7


def test_a_signed_in_member_starts_from_their_own_municipality(client_for, scene):
    member = UserFactory(municipality=municipality("837"))
    client = client_for(member)
    assert titles(client.get(MAP)) == [
        "Tampereen piste",
        "Valtakunnallinen puhelin",
        "Verkkoneuvonta",
    ]
    assert len(titles(client.get(MAP, {"kunta": ""}))) == 7


def test_open_now_and_open_today_in_finnish_time_across_summer_time(
    cast, client, scene, monkeypatch
):
    """Summer time began on Sunday 29 March 2026 at 03.00 Finnish time."""
    helsinki, espoo = scene["helsinki"], scene["espoo"]
    services.opening_hours_add(
        actor=cast.project_manager, service=helsinki, weekday=6, opens=time(10), closes=time(12)
    )
    services.opening_hours_add(
        actor=cast.project_manager, service=espoo, weekday=6, opens=time(14), closes=time(16)
    )

    monkeypatch.setattr(timezone, "now", lambda: utc(2026, 3, 29, 8, 30))  # 11.30 summer time
    assert titles(client.get(MAP, {"auki": "now"})) == ["Helsingin piste"]
    assert titles(client.get(MAP, {"auki": "today"})) == ["Espoon piste", "Helsingin piste"]

    monkeypatch.setattr(timezone, "now", lambda: utc(2026, 3, 29, 9, 30))  # 12.30, not 11.30
    assert titles(client.get(MAP, {"auki": "now"})) == []

    monkeypatch.setattr(timezone, "now", lambda: utc(2026, 3, 28, 9, 30))  # Saturday
    assert titles(client.get(MAP, {"auki": "today"})) == []


def test_an_exception_closes_a_service_for_open_now_and_today(cast, client, scene, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: utc(2026, 12, 21, 9, 0))  # Monday 11.00
    helsinki = scene["helsinki"]
    services.opening_hours_add(
        actor=cast.project_manager, service=helsinki, weekday=0, opens=time(9), closes=time(15)
    )
    assert titles(client.get(MAP, {"auki": "now"})) == ["Helsingin piste"]
    services.opening_exception_add(
        actor=cast.project_manager, service=helsinki, date=timezone.now().date(), is_closed=True
    )
    assert titles(client.get(MAP, {"auki": "today"})) == []


def test_the_list_is_the_page_without_a_tile_server(client, scene, settings):
    settings.SERVICE_MAP_TILE_URL = ""
    Service.objects.update(latitude="60.17", longitude="24.94")
    page = client.get(MAP).content.decode()
    assert 'id="service-map"' not in page
    assert "leaflet" not in page


def test_a_configured_tile_server_adds_a_map_served_from_our_own_files(client, scene, settings):
    settings.SERVICE_MAP_TILE_URL = "https://tiles.example.fi/{z}/{x}/{y}.png"
    Service.objects.filter(pk=scene["helsinki"].pk).update(latitude="60.17", longitude="24.94")
    response = client.get(MAP)
    page = response.content.decode()
    assert 'data-tiles="https://tiles.example.fi/{z}/{x}/{y}.png"' in page
    assert 'src="/static/vendor/leaflet/leaflet.js"' in page
    assert "unpkg" not in page and "cdn" not in page.lower()
    assert response.context["markers"] == [
        {
            "lat": 60.17,
            "lng": 24.94,
            "title": "Helsingin piste",
            "url": scene["helsinki"].get_absolute_url(),
        }
    ]


def many_services(organisation, count):
    """count services with tags, weekly hours and a served municipality, made in bulk."""
    helsinki = municipality("091")
    made = Service.objects.bulk_create(
        Service(
            organisation=organisation,
            title=f"Palvelu {index}",
            summary="Apua.",
            municipality=helsinki,
            is_drop_in=index % 2 == 0,
        )
        for index in range(count)
    )
    ServiceTag.objects.bulk_create(
        ServiceTag(service=service, kind=kind, code=code)
        for service in made
        for kind, code in (("need", "job_search"), ("language", "fi"), ("channel", "walk_in"))
    )
    OpeningHours.objects.bulk_create(
        OpeningHours(service=service, weekday=day, opens=time(9), closes=time(17))
        for service in made
        for day in range(7)
    )
    Service.municipalities_served.through.objects.bulk_create(
        Service.municipalities_served.through(
            service_id=service.pk, municipality_id=municipality("049").pk
        )
        for service in made
    )


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"tarve": "job_search", "kunta": "", "kieli": "fi", "auki": "now"},
        {"auki": "today", "ilman_ajanvarausta": "on", "haku": "palvelu"},
    ],
)
def test_the_map_keeps_its_query_count_with_300_services(
    client_for, cast, django_assert_max_num_queries, query, monkeypatch
):
    # A Monday at noon in Helsinki: every service here is open now and today.
    monkeypatch.setattr(timezone, "now", lambda: utc(2027, 1, 11, 10, 0))
    organisation = PartnerOrganisationFactory()
    client = client_for(cast.member)
    many_services(organisation, 3)
    query = {**query, "kunta": municipality("091").pk}
    with django_assert_max_num_queries(10) as few:
        client.get(MAP, query)
    many_services(organisation, 297)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(MAP, query)
    assert response.context["page"].paginator.count > 100
    assert len(response.context["page"].object_list) == 20
