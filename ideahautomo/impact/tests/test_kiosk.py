"""The mood kiosk's answers and its link: what is stored, what is refused, and how long a
link opens the kiosk."""

from datetime import UTC, date, datetime

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError

from ideahautomo.accounts.models import AuditAction, AuditEvent
from ideahautomo.impact import permissions, services
from ideahautomo.impact.kiosk import SALT, KioskClosed, kiosk_open, kiosk_token
from ideahautomo.impact.models import KioskAnswer
from ideahautomo.points.tests.factories import point_in
from ideahautomo.testing import ROLES

pytestmark = pytest.mark.django_db


def utc(*args):
    return datetime(*args, tzinfo=UTC)


# 23.50 on 7 December in Helsinki (UTC+2), and ten minutes later, past midnight.
LATE_EVENING = utc(2026, 12, 7, 21, 50)
PAST_MIDNIGHT = utc(2026, 12, 7, 22, 0)


def test_an_answer_is_stored_with_the_point_its_area_and_the_day_only(cast):
    point = point_in(cast.area)
    answer = services.kiosk_answer(point=point, day=date(2026, 12, 7), mood=4)
    answer.refresh_from_db()
    assert (answer.point, answer.area, answer.day, answer.mood) == (
        point,
        cast.area,
        date(2026, 12, 7),
        4,
    )
    # No person and no time of day: nothing to match with a visit the counter saw.
    names = {field.name for field in KioskAnswer._meta.get_fields()}
    assert not names & {"user", "created_at", "counted_at", "text"}


def test_what_helped_is_stored_from_the_fixed_list(cast):
    point = point_in(cast.area)
    answer = services.kiosk_answer(
        point=point, day=date(2026, 12, 7), mood="5", helped=["talk", "others"]
    )
    answer.refresh_from_db()
    assert (answer.mood, answer.helped_talk, answer.helped_others) == (5, True, True)
    assert not (answer.helped_job_search or answer.helped_services or answer.helped_other)


def test_the_area_stays_the_one_the_point_had_when_answered(cast):
    point = point_in(cast.area)
    services.kiosk_answer(point=point, day=date(2026, 12, 7), mood=3)
    point.area = cast.other_area
    point.save()
    services.kiosk_answer(point=point, day=date(2026, 12, 8), mood=3)
    assert list(KioskAnswer.objects.order_by("day").values_list("area", flat=True)) == [
        cast.area.pk,
        cast.other_area.pk,
    ]


@pytest.mark.parametrize("mood", [0, 6, -1, "", None, "great", "3.5"])
def test_a_bad_mood_is_refused_and_nothing_is_stored(cast, mood):
    point = point_in(cast.area)
    with pytest.raises(ValidationError) as error:
        services.kiosk_answer(point=point, day=date(2026, 12, 7), mood=mood)
    assert "mood" in error.value.message_dict
    assert not KioskAnswer.objects.exists()


def test_help_outside_the_list_is_refused_and_nothing_is_stored(cast):
    point = point_in(cast.area)
    with pytest.raises(ValidationError) as error:
        services.kiosk_answer(
            point=point, day=date(2026, 12, 7), mood=4, helped=["talk", "my phone number"]
        )
    assert "helped" in error.value.message_dict
    assert not KioskAnswer.objects.exists()


def test_a_point_out_of_use_takes_no_answers(cast):
    point = point_in(cast.area, is_active=False)
    with pytest.raises(PermissionDenied):
        services.kiosk_answer(point=point, day=date(2026, 12, 7), mood=4)
    assert not KioskAnswer.objects.exists()


def test_the_database_refuses_a_mood_outside_one_to_five(cast):
    from django.db import IntegrityError, transaction

    point = point_in(cast.area)
    with pytest.raises(IntegrityError), transaction.atomic():
        KioskAnswer.objects.create(point=point, area=cast.area, day=date(2026, 12, 7), mood=9)


# The link


def test_a_link_made_today_opens_the_kiosk_of_its_point_until_midnight(cast):
    point = point_in(cast.area)
    token = kiosk_token(point, now=utc(2026, 12, 7, 6, 0))  # 8.00 in Helsinki
    assert kiosk_open(token, now=LATE_EVENING) == (point, date(2026, 12, 7))


def test_a_link_expires_at_midnight_in_helsinki_not_in_utc(cast):
    point = point_in(cast.area)
    token = kiosk_token(point, now=utc(2026, 12, 7, 6, 0))
    with pytest.raises(KioskClosed) as closed:
        kiosk_open(token, now=PAST_MIDNIGHT)  # still 7 December in UTC
    assert (closed.value.reason, closed.value.status) == ("expired", 403)


def test_a_link_started_just_after_midnight_in_helsinki_is_for_the_new_day(cast):
    point = point_in(cast.area)
    token = kiosk_token(point, now=PAST_MIDNIGHT)
    assert kiosk_open(token, now=PAST_MIDNIGHT) == (point, date(2026, 12, 8))


def test_a_changed_link_is_forged(cast):
    point = point_in(cast.area)
    other = point_in(cast.other_area, name="Toinen")
    token = kiosk_token(point, now=LATE_EVENING)
    payload, _, signature = token.rpartition(":")
    forged_payload = signing.dumps({"p": other.pk, "d": "2026-12-07"}, salt=SALT).split(":")[0]
    for bad in [
        f"{forged_payload}:{signature}",
        f"{payload}:{signature[:-2]}xx",
        "kioski",
        "",
    ]:
        with pytest.raises(KioskClosed) as closed:
            kiosk_open(bad, now=LATE_EVENING)
        assert (closed.value.reason, closed.value.status) == ("forged", 403)


def test_a_link_signed_with_another_salt_or_key_is_forged(cast):
    point = point_in(cast.area)
    payload = {"p": point.pk, "d": "2026-12-07"}
    other_salt = signing.dumps(payload, salt="ideahautomo.accounts.something-else")
    other_key = signing.dumps(payload, salt=SALT, key="not the secret key of this site")
    for token in (other_salt, other_key):
        with pytest.raises(KioskClosed) as closed:
            kiosk_open(token, now=LATE_EVENING)
        assert closed.value.reason == "forged"


def test_a_link_to_a_removed_or_closed_point_opens_nothing(cast):
    point = point_in(cast.area)
    token = kiosk_token(point, now=LATE_EVENING)
    point.is_active = False
    point.save()
    with pytest.raises(KioskClosed) as closed:
        kiosk_open(token, now=LATE_EVENING)
    assert (closed.value.reason, closed.value.status) == ("gone", 404)
    point.delete()
    with pytest.raises(KioskClosed) as closed:
        kiosk_open(token, now=LATE_EVENING)
    assert (closed.value.reason, closed.value.status) == ("gone", 404)


# Who may start a kiosk


def test_who_may_start_a_kiosk(cast):
    point = point_in(cast.area)
    closed = point_in(cast.area, name="Suljettu", is_active=False)
    people = cast.by_role()
    allowed = {role for role in ROLES if permissions.can_start_kiosk(people[role], point)}
    assert allowed == {"contact_person", "project_manager"}
    assert not any(permissions.can_start_kiosk(people[role], closed) for role in ROLES)


def test_starting_a_kiosk_is_audited_and_gives_todays_link(cast):
    point = point_in(cast.area)
    token = services.kiosk_start(actor=cast.contact_person, point=point, now=LATE_EVENING)
    assert kiosk_open(token, now=LATE_EVENING) == (point, date(2026, 12, 7))
    event = AuditEvent.objects.get(action=AuditAction.MOOD_KIOSK_STARTED)
    assert (event.actor, event.object_id, event.area) == (
        cast.contact_person,
        str(point.pk),
        cast.area,
    )


def test_staff_of_another_area_cannot_start_a_kiosk(cast):
    point = point_in(cast.area)
    with pytest.raises(PermissionDenied):
        services.kiosk_start(actor=cast.other_contact_person, point=point)
    assert not AuditEvent.objects.filter(action=AuditAction.MOOD_KIOSK_STARTED).exists()
