"""Finding events: the upcoming list, the archive and the month, with bounded queries."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from ideahautomo.accounts.tests.factories import UserFactory, municipality
from ideahautomo.events import services
from ideahautomo.events.models import Event

from .factories import EventFactory, in_days

pytestmark = pytest.mark.django_db
HELSINKI = ZoneInfo("Europe/Helsinki")


def many_events(count, *, registrant):
    helsinki = municipality("091")
    for index in range(count):
        event = EventFactory(
            starts_at=in_days(1 + index % 20, 10),
            municipality=helsinki,
            street_address="Hämeentie 11",
            kind=Event.Kind.values[index % len(Event.Kind.values)],
            is_public=index % 3 != 0,
        )
        if index % 2:
            services.event_register(actor=registrant, event=event)
        EventFactory(starts_at=in_days(-1 - index, 10))


def titles(response):
    return [event.title for event in response.context["page"].object_list]


@pytest.mark.parametrize("url_name", ["events:list", "events:archive", "events:month"])
def test_query_count_stays_small_and_does_not_grow(
    client_for, cast, django_assert_max_num_queries, url_name
):
    client = client_for(cast.member)
    many_events(5, registrant=cast.member)
    with django_assert_max_num_queries(10) as few:
        assert client.get(reverse(url_name)).status_code == 200
    many_events(40, registrant=cast.member)
    with django_assert_max_num_queries(10) as many:
        response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_guest_list_is_few_queries_and_shows_only_public_events(
    client, cast, django_assert_max_num_queries
):
    many_events(30, registrant=cast.member)
    with django_assert_max_num_queries(5):
        response = client.get(reverse("events:list"))
    assert all(event.is_public for event in response.context["page"].object_list)
    assert response.context["page"].paginator.count == 20


def test_list_shows_upcoming_soonest_first_with_the_viewers_state(client_for, cast):
    later = EventFactory(starts_at=in_days(9, 10), title="Myöhemmin")
    sooner = EventFactory(starts_at=in_days(2, 10), title="Pian")
    EventFactory(starts_at=in_days(-2, 10), title="Mennyt")
    EventFactory(status=Event.Status.PROPOSED, title="Ehdotus")
    services.event_register(actor=cast.member, event=later)
    response = client_for(cast.member).get(reverse("events:list"))
    assert titles(response) == ["Pian", "Myöhemmin"]
    assert [e.viewer_state for e in response.context["page"].object_list] == [None, "confirmed"]
    assert sooner.title in response.content.decode()


def test_filters_by_type_place_dates_and_free_places(client, cast):
    helsinki, espoo = municipality("091"), municipality("049")
    EventFactory(title="Helsinki", municipality=helsinki, starts_at=in_days(3, 10))
    EventFactory(title="Espoo", municipality=espoo, starts_at=in_days(10, 10))
    EventFactory(
        title="Verkossa",
        kind=Event.Kind.WEBINAR,
        venue_name="",
        online_url="https://meet.example.fi/x",
        starts_at=in_days(5, 10),
    )
    full = EventFactory(title="Täynnä", capacity=1, starts_at=in_days(4, 10))
    services.event_register(actor=UserFactory(), event=full)
    url = reverse("events:list")
    assert titles(client.get(url, {"tyyppi": "webinar"})) == ["Verkossa"]
    assert titles(client.get(url, {"paikka": "verkossa"})) == ["Verkossa"]
    assert titles(client.get(url, {"paikka": espoo.pk})) == ["Espoo"]
    day = timezone.localdate() + timedelta(days=3)
    assert titles(client.get(url, {"alkaen": day, "asti": day + timedelta(days=1)})) == [
        "Helsinki",
        "Täynnä",
    ]
    assert "Täynnä" not in titles(client.get(url, {"vapaita": "1"}))
    assert len(titles(client.get(url, {"alkaen": "rikki", "tyyppi": "tuntematon"}))) == 4
    places = [place.name for place in client.get(url).context["places"]]
    assert places == ["Espoo", "Helsinki"]


def test_archive_lists_past_events_latest_first(client):
    EventFactory(title="Vanha", starts_at=in_days(-20, 10))
    EventFactory(title="Tuore", starts_at=in_days(-2, 10))
    EventFactory(title="Tuleva")
    assert titles(client.get(reverse("events:archive"))) == ["Tuore", "Vanha"]


def test_month_places_events_on_their_local_day(client):
    # 23:30 on 31 March in Helsinki is still March, though 20:30 UTC.
    EventFactory(
        title="Myöhäinen",
        starts_at=datetime(2026, 3, 31, 23, 30, tzinfo=HELSINKI),
        ends_at=datetime(2026, 4, 1, 1, 0, tzinfo=HELSINKI),
    )
    response = client.get(reverse("events:month"), {"kuukausi": "2026-03"})
    days = {day.day.isoformat(): day for week in response.context["weeks"] for day in week}
    assert [e.title for e in days["2026-03-31"].events] == ["Myöhäinen"]
    assert all(len(week) == 7 for week in response.context["weeks"])
    assert response.context["weeks"][0][0].day.weekday() == 0
    april = client.get(reverse("events:month"), {"kuukausi": "2026-04"})
    april_days = {d.day.isoformat(): d for w in april.context["weeks"] for d in w}
    assert not april_days["2026-04-01"].events
    assert client.get(reverse("events:month"), {"kuukausi": "rikki"}).status_code == 200
    assert client.get(reverse("events:month"), {"kuukausi": "1800-01"}).status_code == 404
