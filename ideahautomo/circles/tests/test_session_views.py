"""Circle meetings through their pages: every role's access to every page, the forms,
calendars and feeds, and bounded queries."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ideahautomo.circles import services, session_selectors, session_services
from ideahautomo.circles.models import Circle, CircleSession, SessionAttendance
from ideahautomo.circles.session_services import Repeat
from ideahautomo.events import selectors as event_selectors
from ideahautomo.events import services as event_services
from ideahautomo.messaging.models import Notification, NotificationKind
from ideahautomo.testing import LOGIN, assert_role_table, expect, page_check

from .sessions_kit import (
    _english,  # noqa: F401 (autouse: English messages)
    helsinki,
    schedule,
    start_circle,
    started_session,
    with_members,
)

pytestmark = pytest.mark.django_db


def _page_urls(circle, session):
    return {
        "sessions": reverse("circles:sessions", args=[circle.pk]),
        "create": reverse("circles:session_create", args=[circle.pk]),
        "edit": reverse("circles:session_edit", args=[circle.pk, session.pk]),
        "cancel": reverse("circles:session_cancel", args=[circle.pk, session.pk]),
        "attendance": reverse("circles:session_attendance", args=[circle.pk, session.pk]),
        "ics": reverse("circles:session_ics", args=[circle.pk, session.pk]),
    }


ORGANISER_ONLY = expect(403, guest=LOGIN, member=200)

PUBLIC_TABLE = {
    "sessions": expect(200),
    "ics": expect(200),
    "create": ORGANISER_ONLY,
    "edit": ORGANISER_ONLY,
    "cancel": ORGANISER_ONLY,
    "attendance": ORGANISER_ONLY,
}

PRIVATE_TABLE = {
    "sessions": expect(404, member=200),
    "ics": expect(404, member=200),
    "create": expect(404, guest=LOGIN, member=200),
    "edit": expect(404, guest=LOGIN, member=200),
    "cancel": expect(404, guest=LOGIN, member=200),
    "attendance": expect(404, guest=LOGIN, member=200),
}

MEMBERS_TABLE = {
    "sessions": expect(404, member=200, mentor=200, partner=200),
    "ics": expect(404, member=200, mentor=200, partner=200),
    "create": expect(404, guest=LOGIN, member=200, mentor=403, partner=403),
    "edit": expect(404, guest=LOGIN, member=200, mentor=403, partner=403),
    "cancel": expect(404, guest=LOGIN, member=200, mentor=403, partner=403),
    "attendance": expect(404, guest=LOGIN, member=200, mentor=403, partner=403),
}


@pytest.mark.parametrize(
    ("visibility", "table"),
    [
        (Circle.Visibility.PUBLIC, PUBLIC_TABLE),
        (Circle.Visibility.MEMBERS, MEMBERS_TABLE),
        (Circle.Visibility.PRIVATE, PRIVATE_TABLE),
    ],
)
def test_who_may_open_each_meeting_page(cast, client_for, visibility, table):
    circle = start_circle(cast.member, visibility=visibility)
    session = started_session(circle, cast.member)
    urls = _page_urls(circle, session)
    people = cast.by_role()
    for page, expected_by_role in table.items():
        assert_role_table(
            page_check(client_for, people, urls[page]),
            expected_by_role,
            label=f"{page} of a {visibility} circle",
        )


def test_an_ordinary_member_of_the_circle_cannot_organise_it(cast, client_for):
    circle = start_circle(cast.member)
    [member] = with_members(circle, 1)
    session = started_session(circle, cast.member)
    urls = _page_urls(circle, session)
    client = client_for(member)
    for page in ("create", "edit", "cancel", "attendance"):
        assert client.get(urls[page]).status_code == 403, page
        assert client.post(urls[page]).status_code == 403, page
    assert client.get(urls["sessions"]).status_code == 200
    session.refresh_from_db()
    assert not session.is_cancelled


def test_the_organiser_of_one_circle_cannot_touch_anothers_meetings(cast, client_for):
    mine = start_circle(cast.mentor, name="Oma")
    theirs = start_circle(cast.member, name="Toisen")
    their_session = schedule(theirs, cast.member)[0]
    client = client_for(cast.mentor)

    assert client.get(reverse("circles:session_create", args=[theirs.pk])).status_code == 403
    for name in ("session_edit", "session_cancel", "session_attendance"):
        # Their meeting under my circle's address does not exist there.
        url = reverse(f"circles:{name}", args=[mine.pk, their_session.pk])
        assert client.post(url).status_code == 404, name
        url = reverse(f"circles:{name}", args=[theirs.pk, their_session.pk])
        assert client.post(url).status_code == 403, name
    their_session.refresh_from_db()
    assert not their_session.is_cancelled


# Pages: behaviour


def test_the_organiser_schedules_a_series_through_the_form(cast, client_for):
    circle = start_circle(cast.member)
    client = client_for(cast.member)
    response = client.post(
        reverse("circles:session_create", args=[circle.pk]),
        {
            "starts_at": "2027-03-16T17:00",
            "ends_at": "2027-03-16T18:30",
            "place": "",
            "online_link": "",
            "agenda": "Esittäytyminen",
            "repeat": Repeat.WEEKLY,
            "occurrences": "4",
        },
    )
    assert response.status_code == 302
    sessions = list(CircleSession.objects.filter(circle=circle))
    assert len(sessions) == 4
    assert timezone.localtime(sessions[-1].starts_at).hour == 17

    page = client.get(circle.get_absolute_url()).content.decode()
    assert "Esittäytyminen" in page
    assert reverse("circles:session_edit", args=[circle.pk, sessions[0].pk]) in page


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"starts_at": "2020-01-01T17:00", "ends_at": "2020-01-01T18:00"}, "starts_at"),
        ({"ends_at": "2027-03-16T16:00"}, "ends_at"),
        ({"online_link": "javascript:alert(1)"}, "online_link"),
        ({"online_link": "http://example.fi"}, "online_link"),
        ({"repeat": Repeat.WEEKLY, "occurrences": ""}, "occurrences"),
        ({"repeat": Repeat.WEEKLY, "occurrences": "30"}, "occurrences"),
        ({"starts_at": "huomenna"}, "starts_at"),
    ],
)
def test_the_schedule_form_explains_bad_input(cast, client_for, changes, field):
    circle = start_circle(cast.member)
    data = {
        "starts_at": "2027-03-16T17:00",
        "ends_at": "2027-03-16T18:00",
        "repeat": Repeat.ONCE,
        "occurrences": "",
    }
    data.update(changes)
    client = client_for(cast.member)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("circles:session_create", args=[circle.pk]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "Please check the form" in response.content.decode()
    assert not CircleSession.objects.exists()


def test_editing_through_the_form(cast, client_for):
    circle = start_circle(cast.member)
    [session] = schedule(circle, cast.member, starts_at=helsinki(2027, 5, 4, 17, 0))
    url = reverse("circles:session_edit", args=[circle.pk, session.pk])
    client = client_for(cast.member)
    form_page = client.get(url).content.decode()
    assert 'value="2027-05-04T17:00"' in form_page

    response = client.post(
        url,
        {
            "starts_at": "2027-05-05T18:00",
            "ends_at": "2027-05-05T19:00",
            "place": "Kirjasto",
            "online_link": "",
            "agenda": "",
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.starts_at == helsinki(2027, 5, 5, 18, 0) and session.place == "Kirjasto"


def test_cancelling_asks_first_and_the_meeting_stays_visible_as_cancelled(cast, client_for):
    circle = start_circle(cast.member)
    [session] = schedule(circle, cast.member)
    url = reverse("circles:session_cancel", args=[circle.pk, session.pk])
    client = client_for(cast.member)
    client.cookies["django_language"] = "en"

    assert "Cancel the meeting?" in client.get(url).content.decode()
    session.refresh_from_db()
    assert not session.is_cancelled

    assert client.post(url).status_code == 302
    session.refresh_from_db()
    assert session.is_cancelled
    page = client.get(circle.get_absolute_url()).content.decode()
    assert "Cancelled" in page
    assert reverse("circles:session_edit", args=[circle.pk, session.pk]) not in page


def test_attendance_form_lists_active_members_and_saves(cast, client_for):
    circle = start_circle(cast.member)
    first, second = with_members(circle, 2)
    session = started_session(circle, cast.member)
    url = reverse("circles:session_attendance", args=[circle.pk, session.pk])
    client = client_for(cast.member)

    page = client.get(url).content.decode()
    assert first.display_name in page and second.display_name in page
    assert client.post(url, {"present": [str(first.pk)]}).status_code == 302
    present = SessionAttendance.objects.filter(present=True).values_list("user_id", flat=True)
    assert set(present) == {first.pk}
    response = client.post(url, {"present": [str(cast.partner.pk)]})
    assert response.status_code == 200 and response.context["form"].errors

    [future] = schedule(circle, cast.member)
    future_url = reverse("circles:session_attendance", args=[circle.pk, future.pk])
    assert client.get(future_url).status_code == 302


def test_meeting_links_are_shown_to_active_members_only(cast, client_for):
    circle = start_circle(cast.member, policy=Circle.Policy.APPROVAL)
    services.circle_join(actor=cast.mentor, circle=circle)  # only a request
    [session] = schedule(circle, cast.member, online_link="https://meet.example.fi/salainen")

    for person in (None, cast.mentor, cast.partner):
        client = client_for(person)
        for url in (circle.get_absolute_url(), reverse("circles:sessions", args=[circle.pk])):
            assert session.online_link not in client.get(url).content.decode()
        client.logout()
    page = client_for(cast.member).get(circle.get_absolute_url()).content.decode()
    assert session.online_link in page


def test_circle_page_and_meetings_page_queries_stay_bounded(
    cast, client_for, django_assert_max_num_queries
):
    circle = start_circle(cast.member)
    with_members(circle, 2)
    schedule(circle, cast.member)
    started_session(circle, cast.member)
    client = client_for(cast.member)
    pages = [circle.get_absolute_url(), reverse("circles:sessions", args=[circle.pk])]

    def counts():
        result = []
        for url in pages:
            with django_assert_max_num_queries(10) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries.captured_queries))
        return result

    few = counts()
    schedule(circle, cast.member, repeat=Repeat.WEEKLY, occurrences=26)
    for _number in range(5):
        started_session(circle, cast.member)
    with_members(circle, 5)
    assert counts() == few


def test_every_meeting_page_keeps_within_ten_queries_with_many_members_and_meetings(
    cast, client_for, django_assert_max_num_queries
):
    circle = start_circle(cast.member)
    with_members(circle, 30)
    schedule(circle, cast.member, repeat=Repeat.WEEKLY, occurrences=26)
    session = started_session(circle, cast.member)
    client = client_for(cast.member)
    for page, url in _page_urls(circle, session).items():
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200, page


# Calendars


def test_the_ics_file_has_the_link_only_for_active_members_and_marks_cancellations(
    cast, client_for
):
    circle = start_circle(cast.member)
    [session] = schedule(circle, cast.member, agenda="Sanasto; kauppa, apteekki")
    url = reverse("circles:session_ics", args=[circle.pk, session.pk])

    guest = client_for(None).get(url)
    assert guest["Content-Type"].startswith("text/calendar")
    assert f'filename="tapaaminen-{session.pk}.ics"' in guest["Content-Disposition"]
    text = guest.content.decode()
    assert "BEGIN:VEVENT" in text and "SUMMARY:Suomea arjessa" in text
    assert "Sanasto\\; kauppa\\, apteekki" in text
    assert "meet.jit.si" not in text
    assert "STATUS:CONFIRMED" in text

    member_text = client_for(cast.member).get(url).content.decode().replace("\r\n ", "")
    assert session.online_link in member_text

    session_services.session_cancel(actor=cast.member, session=session)
    assert "STATUS:CANCELLED" in client_for(cast.member).get(url).content.decode()


def feed_path(client, circle, action="enable"):
    """Ask for (or renew) one's feed address on the circle page; its path, or None."""
    client.post(reverse("circles:session_feed_manage", args=[circle.pk]), {"action": action})
    url = client.get(circle.get_absolute_url()).context["sessions_feed_url"]
    return url.removeprefix("http://testserver") if url else None


def test_a_member_gets_a_feed_address_on_request_and_it_stops_when_they_leave(
    cast, client_for, django_assert_max_num_queries
):
    circle = start_circle(cast.member)
    [member] = with_members(circle, 1)
    sessions = schedule(circle, cast.member, repeat=Repeat.WEEKLY, occurrences=3)
    session_services.session_cancel(actor=cast.member, session=sessions[1])
    client = client_for(member)
    page = client.get(circle.get_absolute_url())
    assert page.context["sessions_feed_url"] is None
    assert 'value="enable"' in page.content.decode()  # offered, not made unasked
    path = feed_path(client, circle)
    assert path.startswith(f"/opintopiirit/{circle.pk}/tapaamiset/kalenteri/")
    with django_assert_max_num_queries(10):
        assert client.get(circle.get_absolute_url()).status_code == 200
    guest = client_for(None)
    guest.logout()

    with django_assert_max_num_queries(3):
        response = guest.get(path)
    text = response.content.decode().replace("\r\n ", "")
    assert response.status_code == 200
    assert text.count("BEGIN:VEVENT") == 3 and text.count("STATUS:CANCELLED") == 1
    assert circle.online_link in text

    services.circle_leave(actor=member, circle=circle)
    assert guest.get(path).status_code == 404
    services.circle_join(actor=member, circle=circle)
    assert guest.get(path).status_code == 404


def test_renewing_the_feed_address_stops_the_old_one_at_once(cast, client_for):
    circle = start_circle(cast.member)
    client = client_for(cast.member)
    old = feed_path(client, circle)
    assert feed_path(client, circle, "enable") == old  # asking again changes nothing
    new = feed_path(client, circle, "renew")
    assert new != old
    assert client_for(None).get(old).status_code == 404
    assert client_for(None).get(new).status_code == 200


def test_stopping_the_feed_address_leaves_none_working(cast, client_for):
    circle = start_circle(cast.member)
    client = client_for(cast.member)
    old = feed_path(client, circle)
    assert feed_path(client, circle, "revoke") is None
    assert client_for(None).get(old).status_code == 404
    assert 'value="enable"' in client.get(circle.get_absolute_url()).content.decode()


def test_the_feed_address_tells_no_user_id_and_old_signed_addresses_stop_working(cast, client_for):
    from django.core import signing

    from ideahautomo.circles.models import Membership

    circle = start_circle(cast.member)
    client = client_for(cast.member)
    path = feed_path(client, circle)
    token = path.rstrip("/").rsplit("/", 1)[1]
    with pytest.raises(signing.BadSignature):
        signing.loads(token, salt=session_selectors.FEED_SALT)
    key = token.split(".")[0]
    assert key == Membership.objects.get(circle=circle, user=cast.member).feed_key
    assert len(key) >= 22  # 128 random bits
    old_signed = signing.dumps([circle.pk, cast.member.pk], salt=session_selectors.FEED_SALT)
    url = reverse("circles:session_feed", args=[circle.pk, old_signed])
    assert client_for(None).get(url).status_code == 404


def test_feed_addresses_cannot_be_forged_or_moved_to_another_circle(cast, client_for):
    from ideahautomo.circles.models import Membership

    circle = start_circle(cast.member)
    other = start_circle(cast.mentor)
    path = feed_path(client_for(cast.member), circle)
    token = path.rstrip("/").rsplit("/", 1)[1]
    guest = client_for(None)

    assert guest.get(reverse("circles:session_feed", args=[circle.pk, token])).status_code == 200
    assert guest.get(reverse("circles:session_feed", args=[other.pk, token])).status_code == 404
    forged = token[:-2] + ("xx" if not token.endswith("xx") else "yy")
    assert guest.get(reverse("circles:session_feed", args=[circle.pk, forged])).status_code == 404
    # The stored key alone, as a copy of the database would give it, opens nothing.
    key = Membership.objects.get(circle=circle, user=cast.member).feed_key
    assert guest.get(reverse("circles:session_feed", args=[circle.pk, key])).status_code == 404
    # Guests and people outside the circle are not offered a feed address.
    page = client_for(cast.partner).get(circle.get_absolute_url())
    assert page.context["sessions_feed_url"] is None
    manage = reverse("circles:session_feed_manage", args=[circle.pk])
    assert manage not in page.content.decode()


@pytest.mark.parametrize("visibility", [Circle.Visibility.PUBLIC, Circle.Visibility.PRIVATE])
def test_who_may_manage_a_feed_address(cast, client_for, visibility):
    """Only the circle's active members; the others get what the circle's pages give them."""
    from ideahautomo.circles.models import Membership

    circle = start_circle(cast.member, visibility=visibility)
    url = reverse("circles:session_feed_manage", args=[circle.pk])
    outsiders = 403 if visibility == Circle.Visibility.PUBLIC else 404
    table = expect(outsiders, guest=LOGIN, member=302)
    assert_role_table(
        page_check(client_for, cast.by_role(), url, method="post", data={"action": "enable"}),
        table,
        label=visibility,
    )
    keys = Membership.objects.filter(circle=circle).values_list("feed_key", flat=True)
    assert len([key for key in keys if key]) == 1


def test_the_personal_events_feed_includes_meetings_of_ones_circles(cast, client_for):
    circle = start_circle(cast.member, name="Piirin tapaamiset")
    [session] = schedule(circle, cast.member)
    start_circle(cast.mentor, name="Muiden piiri")
    schedule(Circle.objects.get(name="Muiden piiri"), cast.mentor)
    feed = event_services.calendar_feed_enable(user=cast.member)
    token = event_selectors.calendar_feed_token(feed)

    text = client_for(None).get(reverse("events:feed", args=[token])).content.decode()

    assert f"UID:circle-session-{session.pk}@" in text
    assert "SUMMARY:Piirin tapaamiset" in text
    assert "Muiden piiri" not in text


def test_demo_data_has_meetings_once_and_tells_nobody(demo_data):
    from django.core.management import call_command

    finnish = Circle.objects.get(name="Suomea arjessa – A1")
    assert finnish.sessions.count() == 9
    assert finnish.sessions.filter(series__isnull=False).count() == 8
    assert SessionAttendance.objects.filter(present=True).count() == 3
    assert Circle.objects.get(name="Yrittäjäksi – vertaisryhmä").sessions.count() == 1
    assert not Notification.objects.filter(kind=NotificationKind.CIRCLE_SESSION).exists()

    call_command("demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert CircleSession.objects.count() == 10
