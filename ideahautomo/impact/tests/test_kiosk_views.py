"""The mood kiosk's pages: who may start it, that anyone with its link may answer, the
clear page of a bad link, the rate per kiosk, and query counts."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ideahautomo.accounts.models import AuditAction, AuditEvent
from ideahautomo.impact import services
from ideahautomo.impact.kiosk import kiosk_token
from ideahautomo.impact.models import KioskAnswer
from ideahautomo.lib import ratelimit
from ideahautomo.points.tests.factories import point_in
from ideahautomo.testing import LOGIN, ROLES, expect, status_of

pytestmark = pytest.mark.django_db

START_TABLE = expect(403, guest=LOGIN, contact_person=302, project_manager=302)


def kiosk_url(token, name="impact:kiosk"):
    return reverse(name, args=[token])


def test_who_may_start_a_kiosk_from_the_points_page(cast, client_for):
    point = point_in(cast.area)
    url = reverse("impact:kiosk_start", args=[point.pk])
    people = cast.by_role()
    for role, wanted in zip(ROLES, START_TABLE, strict=True):
        client = client_for(people[role])
        response = client.post(url)
        got = status_of(response)
        assert got == wanted, f"{role}: {got}, expected {wanted}"
        if got == 302:
            assert response["Location"].startswith("/kioski/")
        client.logout()
    assert AuditEvent.objects.filter(action=AuditAction.MOOD_KIOSK_STARTED).count() == 2


def test_starting_a_kiosk_needs_a_post_an_existing_point_and_one_in_use(cast, client_for):
    point = point_in(cast.area)
    closed = point_in(cast.area, name="Suljettu", is_active=False)
    client = client_for(cast.project_manager)
    assert client.get(reverse("impact:kiosk_start", args=[point.pk])).status_code == 405
    assert client.post(reverse("impact:kiosk_start", args=[point.pk + 99])).status_code == 404
    assert client.post(reverse("impact:kiosk_start", args=[closed.pk])).status_code == 403


def test_the_points_page_offers_the_kiosk_to_its_staff_at_a_point_in_use(cast, client_for):
    point = point_in(cast.area)
    closed = point_in(cast.area, name="Suljettu", is_active=False)
    button = "Käynnistä tunnelmakioski"
    for person in (cast.contact_person, cast.project_manager):
        client = client_for(person)
        assert button in client.get(reverse("points:detail", args=[point.pk])).text
        assert button not in client.get(reverse("points:detail", args=[closed.pk])).text
        client.logout()


def test_a_contact_person_starts_the_kiosk_and_a_visitor_answers(cast, client_for):
    point = point_in(cast.area)
    client = client_for(cast.contact_person)
    response = client.post(reverse("impact:kiosk_start", args=[point.pk]), follow=True)
    assert "Miltä sinusta tuntuu tänään?" in response.text
    kiosk = response.redirect_chain[-1][0]
    response = client.post(kiosk, {"mood": "4", "helped": ["job_search"]})
    assert response["Location"] == kiosk + "kiitos/"
    answer = KioskAnswer.objects.get()
    assert (answer.point, answer.area, answer.mood, answer.helped_job_search) == (
        point,
        cast.area,
        4,
        True,
    )
    assert answer.day == timezone.localtime(timezone.now(), point_timezone()).date()


def point_timezone():
    from ideahautomo.points.models import HELSINKI

    return HELSINKI


@pytest.mark.parametrize("role", ROLES)
def test_anyone_holding_the_link_may_answer(cast, client_for, role):
    point = point_in(cast.area)
    token = kiosk_token(point)
    client = client_for(cast.by_role()[role])
    assert client.get(kiosk_url(token)).status_code == 200
    response = client.post(kiosk_url(token), {"mood": "3"})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert KioskAnswer.objects.filter(point=point, mood=3).count() == 1


def test_the_kiosk_shows_nothing_of_the_signed_in_staff_member(cast, client_for):
    point = point_in(cast.area)
    client = client_for(cast.contact_person)
    token = kiosk_token(point)
    for url in (kiosk_url(token), kiosk_url(token, "impact:kiosk_thanks")):
        html = client.get(url).text
        assert "Sari Yhteys" not in html
        assert "yhteys@example.fi" not in html
        for name in ("accounts:settings", "accounts:sign_out", "messaging:notifications"):
            assert f'href="{reverse(name)}"' not in html
            assert f'action="{reverse(name)}"' not in html
        assert 'href="/tyollisyyspalvelut/' not in html


def test_the_thanks_page_goes_back_to_the_faces_by_itself_and_by_a_button(client, cast):
    point = point_in(cast.area)
    token = kiosk_token(point)
    response = client.get(kiosk_url(token, "impact:kiosk_thanks"))
    assert response.status_code == 200
    assert response["Refresh"].endswith(f"; url={kiosk_url(token)}")
    assert int(response["Refresh"].split(";")[0]) > 0
    assert f'href="{kiosk_url(token)}"' in response.text
    assert "Kiitos!" in response.text


def test_a_missing_mood_or_help_outside_the_list_is_told_and_nothing_stored(client, cast):
    point = point_in(cast.area)
    url = kiosk_url(kiosk_token(point))
    response = client.post(url, {"helped": ["talk"]})
    assert response.status_code == 200
    assert "Valitse yksi viidestä hymiöstä." in response.text
    response = client.post(url, {"mood": "9"})
    assert "Valitse yksi viidestä hymiöstä." in response.text
    response = client.post(url, {"mood": "2", "helped": ["lottery"]})
    assert "Valitse vain listalta." in response.text
    assert not KioskAnswer.objects.exists()


def test_the_kiosks_language_switch_leaves_the_staff_members_language_alone(cast, client_for):
    point = point_in(cast.area)
    token = kiosk_token(point)
    client = client_for(cast.contact_person)
    response = client.get(reverse("impact:kiosk_language", args=[token, "uk"]))
    assert response["Location"] == kiosk_url(token)
    assert response.cookies["django_language"].value == "uk"
    cast.contact_person.refresh_from_db()
    assert cast.contact_person.language == "fi"
    html = client.get(kiosk_url(token)).text
    assert '<html lang="uk">' in html
    for code in ("fi", "sv", "en", "uk"):
        assert reverse("impact:kiosk_language", args=[token, code]) in html
    response = client.get(reverse("impact:kiosk_language", args=[token, "xx"]))
    assert "django_language" not in response.cookies


# Bad links: a clear page in the visitor's language, and nothing stored.


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def test_yesterdays_link_shows_a_clear_page_and_stores_nothing(client, cast, monkeypatch):
    point = point_in(cast.area)
    token = kiosk_token(point, now=utc(2026, 12, 7, 21, 50))  # 23.50 in Helsinki
    monkeypatch.setattr(timezone, "now", lambda: utc(2026, 12, 7, 21, 55))
    assert client.get(kiosk_url(token)).status_code == 200
    monkeypatch.setattr(timezone, "now", lambda: utc(2026, 12, 7, 22, 5))  # 00.05
    client.cookies["django_language"] = "sv"
    for response in (
        client.get(kiosk_url(token)),
        client.post(kiosk_url(token), {"mood": "5"}),
        client.get(kiosk_url(token, "impact:kiosk_thanks")),
    ):
        assert response.status_code == 403
        assert '<html lang="sv">' in response.text
        assert "Kiosklänken har gått ut" in response.text
    assert "Ditt svar sparades inte." in client.post(kiosk_url(token), {"mood": "5"}).text
    assert not KioskAnswer.objects.exists()


def test_a_forged_link_shows_a_clear_page_and_stores_nothing(client, cast):
    point = point_in(cast.area)
    token = kiosk_token(point)
    forged = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    client.cookies["django_language"] = "en"
    for url in (kiosk_url(forged), kiosk_url("abc:def")):
        response = client.post(url, {"mood": "5"})
        assert response.status_code == 403
        assert "This kiosk link does not work" in response.text
    assert not KioskAnswer.objects.exists()


def test_a_link_to_a_removed_point_shows_a_clear_page(client, cast):
    point = point_in(cast.area)
    token = kiosk_token(point)
    point.delete()
    response = client.post(kiosk_url(token), {"mood": "5"})
    assert response.status_code == 404
    assert "Tämä kioski on suljettu" in response.text
    assert not KioskAnswer.objects.exists()


# Rate


def test_one_address_may_answer_many_times(client, cast):
    point = point_in(cast.area)
    url = kiosk_url(kiosk_token(point))
    for mood in [1, 2, 3, 4, 5] * 6:
        assert client.post(url, {"mood": mood}).status_code == 302
    assert KioskAnswer.objects.count() == 30


def test_a_kiosk_takes_at_most_its_hourly_answers_and_says_why(client, cast):
    point = point_in(cast.area)
    other = point_in(cast.area, name="Toinen")
    today = timezone.localtime(timezone.now(), point_timezone()).date()
    for _ in range(services.KIOSK_ANSWERS_PER_HOUR):
        ratelimit.hit(services.KIOSK_SCOPE, f"{point.pk}:{today.isoformat()}", window=3600)
    response = client.post(kiosk_url(kiosk_token(point)), {"mood": "4"})
    assert response.status_code == 429
    assert "Odota hetki" in response.text
    assert not KioskAnswer.objects.exists()
    # Another point's kiosk is not held up.
    assert client.post(kiosk_url(kiosk_token(other)), {"mood": "4"}).status_code == 302


# Queries


def test_the_kiosk_pages_query_counts_stay_bounded_with_a_year_of_answers(
    cast, client_for, django_assert_max_num_queries
):
    point = point_in(cast.area)
    today = date.today()
    KioskAnswer.objects.bulk_create(
        KioskAnswer(
            point=point, area=cast.area, day=today - timedelta(days=n % 365), mood=n % 5 + 1
        )
        for n in range(2000)
    )
    token = kiosk_token(point)
    for person in (None, cast.contact_person):
        client = client_for(person)
        with django_assert_max_num_queries(5):
            assert client.get(kiosk_url(token)).status_code == 200
        with django_assert_max_num_queries(6):
            assert (
                client.post(kiosk_url(token), {"mood": "3", "helped": ["talk"]}).status_code == 302
            )
        with django_assert_max_num_queries(5):
            assert client.get(kiosk_url(token, "impact:kiosk_thanks")).status_code == 200
        client.logout()
