"""Calendar files by RFC 5545, right in Finnish time across daylight-saving changes."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

from ideahautomo.lib import ics

from .factories import EventFactory

HELSINKI = ZoneInfo("Europe/Helsinki")


def test_text_is_escaped():
    assert ics.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_long_lines_fold_at_75_octets_without_splitting_characters():
    line = "SUMMARY:" + "ä" * 100
    folded = ics.fold(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode()) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert "".join(piece[1:] if i else piece for i, piece in enumerate(pieces)) == line


def test_calendar_uses_crlf_and_has_the_required_properties():
    entry = ics.CalendarEntry(
        uid="event-1@ideahautomo.fi",
        starts_at=datetime(2026, 6, 1, 12, tzinfo=HELSINKI),
        ends_at=datetime(2026, 6, 1, 14, tzinfo=HELSINKI),
        summary="Ilta, jossa; kaikki",
    )
    text = ics.calendar([entry], now=datetime(2026, 5, 1, tzinfo=HELSINKI))
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"]
    for prefix in ("UID:event-1@ideahautomo.fi", "DTSTAMP:20260430T210000Z", "PRODID:"):
        assert any(line.startswith(prefix) for line in lines), prefix
    assert "DTSTART:20260601T090000Z" in lines  # summer: UTC+3
    assert "SUMMARY:Ilta\\, jossa\\; kaikki" in lines


@pytest.mark.django_db
@override_settings(SITE_URL="https://ideahautomo.fi")
def test_event_on_the_night_summer_time_begins_is_right_in_utc(client):
    # 29 March 2026: clocks go from 03:00 to 04:00 in Finland.
    event = EventFactory(
        starts_at=datetime(2026, 3, 29, 1, 30, tzinfo=HELSINKI),
        ends_at=datetime(2026, 3, 29, 5, 30, tzinfo=HELSINKI),
        title="Yöretki",
    )
    text = ics.calendar([ics.event_entry(event)])
    assert "DTSTART:20260328T233000Z" in text  # winter time, UTC+2
    assert "DTEND:20260329T023000Z" in text  # summer time, UTC+3: three hours later
    assert f"UID:event-{event.pk}@ideahautomo.fi" in text


@pytest.mark.django_db
def test_event_on_the_day_winter_time_returns_shows_local_times(client):
    # 25 October 2026: clocks go back from 04:00 to 03:00.
    event = EventFactory(
        starts_at=datetime(2026, 10, 25, 10, 0, tzinfo=HELSINKI),
        ends_at=datetime(2026, 10, 25, 12, 0, tzinfo=HELSINKI),
    )
    assert "DTSTART:20261025T080000Z" in ics.calendar([ics.event_entry(event)])
    html = client.get(event.get_absolute_url()).content.decode()
    assert 'datetime="2026-10-25T10:00:00+02:00">' in html
    assert 'datetime="2026-10-25T12:00:00+02:00">12:00</time>' in html
