"""iCalendar (RFC 5545) files written by hand: one event to download, or a person's feed.

Times are written in UTC with a Z, so that every calendar shows them right in
Finnish time, daylight saving or not. Features that put something in a person's
own calendar feed register a source here (`register_personal_source`); the feed
takes every registered source's entries without importing the features.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings

PRODUCT_ID = "-//Ideahautomo//Events//FI"


@dataclass
class CalendarEntry:
    """One VEVENT; events and circle meetings become these."""

    uid: str
    starts_at: datetime
    ends_at: datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False


def escape_text(value):
    """Escape a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 3.3.11)."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line):
    """Fold a content line into pieces of at most 75 octets, never splitting a character."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    pieces, current, limit = [], b"", 75
    for char in line:
        octets = char.encode()
        if len(current) + len(octets) > limit:
            pieces.append(current.decode())
            current, limit = b"", 74  # continuation lines start with one space
        current += octets
    pieces.append(current.decode())
    return "\r\n ".join(pieces)


def utc(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def uid_domain():
    return urlsplit(settings.SITE_URL).hostname or "ideahautomo.fi"


def calendar(entries, *, name=None, now=None):
    """The text of a VCALENDAR holding entries, with CRLF line endings."""
    stamp = utc(now or datetime.now(UTC))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    for entry in entries:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{entry.uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{utc(entry.starts_at)}",
            f"DTEND:{utc(entry.ends_at)}",
            f"SUMMARY:{escape_text(entry.summary)}",
        ]
        if entry.description:
            lines.append(f"DESCRIPTION:{escape_text(entry.description)}")
        if entry.location:
            lines.append(f"LOCATION:{escape_text(entry.location)}")
        if entry.url:
            lines.append(f"URL:{entry.url}")
        lines.append("STATUS:CANCELLED" if entry.cancelled else "STATUS:CONFIRMED")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def event_entry(event, *, with_online_link=True):
    """The calendar entry of an event; the online link only for those who may see it."""
    place = ", ".join(
        part
        for part in (
            event.venue_name,
            event.street_address,
            event.municipality.name if event.municipality_id else "",
        )
        if part
    )
    online = event.online_url if with_online_link else ""
    location = " / ".join(part for part in (place, online) if part)
    url = settings.SITE_URL + event.get_absolute_url()
    return CalendarEntry(
        uid=f"event-{event.pk}@{uid_domain()}",
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        summary=event.title,
        description=f"{event.description}\n\n{url}",
        location=location,
        url=url,
        cancelled=not event.is_published,
    )


# Callables user -> [CalendarEntry] of the features that add to a person's own feed.
_personal_sources = []


def register_personal_source(source):
    """Add a feature's entries to every person's own calendar feed."""
    if source not in _personal_sources:
        _personal_sources.append(source)


def personal_entries(user):
    """The registered features' entries for user's own calendar feed."""
    return [entry for source in _personal_sources for entry in source(user=user)]
