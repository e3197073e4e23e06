"""Reads of circle meetings: the lists on circle pages, calendar files and feeds."""

from datetime import timedelta

from django.conf import settings
from django.http import Http404
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from ideahautomo.lib import ics

from .models import CircleSession, Membership
from .selectors import circle_for_viewer

UPCOMING_ON_CIRCLE_PAGE = 5
PAST_ON_CIRCLE_PAGE = 3
FEED_DAYS_BACK = 60
FEED_SALT = "ideahautomo.circles.session_feed"


def sessions_upcoming(*, circle, now, limit=UPCOMING_ON_CIRCLE_PAGE):
    return list(
        CircleSession.objects.filter(circle=circle, ends_at__gt=now).order_by("starts_at", "pk")[
            :limit
        ]
    )


def sessions_past(*, circle, now, limit=PAST_ON_CIRCLE_PAGE):
    return list(
        CircleSession.objects.filter(circle=circle, ends_at__lte=now).order_by("-starts_at", "-pk")[
            :limit
        ]
    )


def sessions_of_circle(*, circle):
    """Every meeting of a circle, the latest first (for the paginated "all meetings" page)."""
    return CircleSession.objects.filter(circle=circle).order_by("-starts_at", "-pk")


def session_for_viewer(*, viewer, circle_pk, pk):
    """A meeting of a circle the viewer may see, or 404."""
    circle = circle_for_viewer(viewer=viewer, pk=circle_pk)
    session = CircleSession.objects.filter(circle=circle, pk=pk).first()
    if session is None:
        raise Http404
    session.circle = circle
    return session


def attendance_of(*, session):
    """Active members with whether they were marked present: [(membership, present)]."""
    present = set(session.attendance.filter(present=True).values_list("user_id", flat=True))
    members = (
        Membership.objects.filter(circle_id=session.circle_id, status=Membership.Status.ACTIVE)
        .select_related("user")
        .order_by("user__display_name", "pk")
    )
    return [(membership, membership.user_id in present) for membership in members]


# Calendars


def session_entry(session, *, with_online_link):
    """The calendar entry of a meeting; the online link only for those who may see it."""
    circle = session.circle
    online = session.online_link if with_online_link else ""
    location = " / ".join(part for part in (session.place, online) if part)
    url = settings.SITE_URL + circle.get_absolute_url()
    description = f"{session.agenda}\n\n{url}" if session.agenda else url
    return ics.CalendarEntry(
        uid=f"circle-session-{session.pk}@{ics.uid_domain()}",
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        summary=circle.name,
        description=description,
        location=location,
        url=url,
        cancelled=session.is_cancelled,
    )


def feed_token(membership):
    """The secret part of a member's feed address for one circle: the membership's random
    key and an HMAC of it made with the SECRET_KEY, so that a copy of the database alone
    gives no working address. None until the member asks for an address."""
    if not membership.feed_key:
        return None
    signature = salted_hmac(FEED_SALT, membership.feed_key, algorithm="sha256").hexdigest()[:32]
    return f"{membership.feed_key}.{signature}"


def feed_member(*, circle_pk, token):
    """The active membership a feed address belongs to, or None: forged, renewed or
    removed, another circle's, or the person has left (or is no longer an active account)."""
    key, _dot, signature = (token or "").partition(".")
    if not key or not signature or len(token) > 100:
        return None
    membership = (
        Membership.objects.select_related("circle", "user")
        .filter(
            circle_id=circle_pk,
            feed_key=key,
            status=Membership.Status.ACTIVE,
            user__is_active=True,
        )
        .first()
    )
    if membership is None or not constant_time_compare(feed_token(membership), token):
        return None
    return membership


def feed_sessions(*, circle, now=None):
    now = now or timezone.now()
    sessions = list(
        CircleSession.objects.filter(
            circle=circle, ends_at__gt=now - timedelta(days=FEED_DAYS_BACK)
        ).order_by("starts_at", "pk")
    )
    for session in sessions:
        session.circle = circle
    return sessions


def calendar_entries_of(*, user, now=None):
    """Meetings of the person's circles (active membership), from 60 days back, as
    calendar entries with their online links: for the personal events feed."""
    now = now or timezone.now()
    sessions = (
        CircleSession.objects.filter(
            circle__memberships__user=user,
            circle__memberships__status=Membership.Status.ACTIVE,
            ends_at__gt=now - timedelta(days=FEED_DAYS_BACK),
        )
        .select_related("circle")
        .order_by("starts_at", "pk")
    )
    return [session_entry(session, with_online_link=True) for session in sessions]


def upcoming_sessions_of(*, user, now=None, limit=3):
    """The next meetings of the circles where the person is an active member, soonest first,
    with their circle; cancelled ones left out. Active members may see the online links
    (permissions.can_see_meeting_link), so the links come along. One query."""
    now = now or timezone.now()
    return list(
        CircleSession.objects.filter(
            circle__memberships__user=user,
            circle__memberships__status=Membership.Status.ACTIVE,
            cancelled_at__isnull=True,
            ends_at__gt=now,
        )
        .select_related("circle")
        .order_by("starts_at", "pk")[:limit]
    )
