"""The rules of mentoring where they live: asking, answering, capacity, goals, meetings,
ending and feedback, with bad input refused and nothing half-saved."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ideahautomo.mentoring import services
from ideahautomo.mentoring.limits import MAX_OPEN_REQUESTS
from ideahautomo.mentoring.models import Feedback, Meeting, Mentoring
from ideahautomo.messaging.models import Notification, NotificationKind
from ideahautomo.profiles.models import MentorProfile
from ideahautomo.testing.factories import idea_for

from .factories import member, mentor_profile_for, mentor_with_profile, mentoring_for

pytestmark = pytest.mark.django_db


def kinds_of(person):
    return list(Notification.objects.filter(recipient=person).values_list("kind", flat=True))


def test_a_request_is_answered_and_both_are_told(cast):
    mentor_profile_for(cast.mentor)
    mentoring = services.mentoring_request(
        actor=cast.member, mentor=cast.mentor, need="Apua kahvilan liiketoimintasuunnitelmaan"
    )
    assert mentoring.status == Mentoring.Status.REQUESTED
    assert kinds_of(cast.mentor) == [NotificationKind.MENTORING_REQUEST]
    services.mentoring_answer(actor=cast.mentor, mentoring=mentoring, accept=True, answer="Hei!")
    mentoring.refresh_from_db()
    assert mentoring.status == Mentoring.Status.ACTIVE
    assert mentoring.answer == "Hei!"
    assert kinds_of(cast.member) == [NotificationKind.MENTORING_ACCEPTED]


def test_a_declined_request_tells_the_member(cast):
    mentor_profile_for(cast.mentor)
    mentoring = mentoring_for(cast.member, cast.mentor)
    services.mentoring_answer(actor=cast.mentor, mentoring=mentoring, accept=False, answer="Ei nyt")
    mentoring.refresh_from_db()
    assert mentoring.status == Mentoring.Status.DECLINED
    assert kinds_of(cast.member) == [NotificationKind.MENTORING_DECLINED]


def test_an_unavailable_mentor_cannot_be_asked(cast):
    mentor_profile_for(cast.mentor, is_available=False)
    with pytest.raises(ValidationError) as refused:
        services.mentoring_request(actor=cast.member, mentor=cast.mentor, need="Apua")
    assert refused.value.code == "unavailable"
    assert not Mentoring.objects.exists()


def test_a_mentor_without_a_mentor_profile_cannot_be_asked(cast):
    with pytest.raises(ValidationError) as refused:
        services.mentoring_request(actor=cast.member, mentor=cast.mentor, need="Apua")
    assert refused.value.code == "unavailable"


def test_a_mentor_at_capacity_cannot_be_asked_or_accept(cast):
    mentor_profile_for(cast.mentor, capacity=1)
    waiting = mentoring_for(member(), cast.mentor)
    mentoring_for(member(), cast.mentor, accept=True)
    with pytest.raises(ValidationError) as refused:
        services.mentoring_request(actor=cast.member, mentor=cast.mentor, need="Apua")
    assert refused.value.code == "full"
    with pytest.raises(ValidationError) as full:
        services.mentoring_answer(actor=cast.mentor, mentoring=waiting, accept=True)
    assert full.value.code == "full"
    waiting.refresh_from_db()
    assert waiting.status == Mentoring.Status.REQUESTED


def test_a_second_open_request_to_the_same_mentor_is_refused(cast):
    mentor_profile_for(cast.mentor)
    mentoring_for(cast.member, cast.mentor)
    with pytest.raises(ValidationError) as refused:
        services.mentoring_request(actor=cast.member, mentor=cast.mentor, need="Taas")
    assert refused.value.code == "duplicate"
    assert Mentoring.objects.count() == 1


def test_a_member_has_at_most_three_requests_waiting(cast):
    for _number in range(MAX_OPEN_REQUESTS):
        mentoring_for(cast.member, mentor_with_profile())
    with pytest.raises(ValidationError) as refused:
        services.mentoring_request(actor=cast.member, mentor=mentor_with_profile(), need="Apua")
    assert refused.value.code == "too_many_open"
    assert Mentoring.objects.filter(mentee=cast.member).count() == MAX_OPEN_REQUESTS


def test_requests_are_rate_limited(cast, settings):
    for _number in range(3):
        mentoring = mentoring_for(cast.member, mentor_with_profile())
        services.mentoring_withdraw(actor=cast.member, mentoring=mentoring)
    from ideahautomo.mentoring import limits

    settings_limit = limits.LIMITS["request"]
    limits.LIMITS["request"] = (3, settings_limit[1], settings_limit[2])
    try:
        with pytest.raises(ValidationError) as refused:
            services.mentoring_request(actor=cast.member, mentor=mentor_with_profile(), need="A")
    finally:
        limits.LIMITS["request"] = settings_limit
    assert refused.value.code == "rate_limited"


def test_only_members_ask_and_not_themselves(cast):
    mentor_profile_for(cast.mentor)
    for person in (cast.partner, cast.contact_person, cast.project_manager, cast.mentor):
        with pytest.raises(PermissionDenied):
            services.mentoring_request(actor=person, mentor=cast.mentor, need="Apua")
    with pytest.raises(PermissionDenied):
        services.mentoring_request(actor=cast.member, mentor=cast.member, need="Apua")


def test_an_empty_need_is_explained(cast):
    mentor_profile_for(cast.mentor)
    with pytest.raises(ValidationError) as refused:
        services.mentoring_request(actor=cast.member, mentor=cast.mentor, need="   ")
    assert "need" in refused.value.error_dict


def test_a_shared_idea_must_be_the_members_visible_idea_by_https_or_path(cast):
    mentor_profile_for(cast.mentor)
    idea = idea_for(cast.member)
    with pytest.raises(ValidationError) as insecure:
        services.mentoring_request(
            actor=cast.member,
            mentor=cast.mentor,
            need="Apua",
            idea_address=f"http://example.fi/ideat/{idea.pk}/",
        )
    assert insecure.value.error_dict["idea_address"][0].code == "not_https"
    with pytest.raises(ValidationError) as unknown:
        services.mentoring_request(
            actor=cast.member, mentor=cast.mentor, need="Apua", idea_address="/ideat/999999/"
        )
    assert unknown.value.error_dict["idea_address"][0].code == "bad_idea"
    assert not Mentoring.objects.exists()
    mentoring = services.mentoring_request(
        actor=cast.member, mentor=cast.mentor, need="Apua", idea_address=f"/ideat/{idea.pk}/"
    )
    assert mentoring.idea_id == idea.pk


def test_goals_are_sanitised_and_links_must_be_https(cast):
    mentor_profile_for(cast.mentor)
    mentoring = mentoring_for(cast.member, cast.mentor, accept=True)
    with pytest.raises(ValidationError) as refused:
        services.mentoring_update(
            actor=cast.member, mentoring=mentoring, goals="x", video_link="http://meet.example/a"
        )
    assert refused.value.error_dict["video_link"][0].code == "not_https"
    services.mentoring_update(
        actor=cast.member,
        mentoring=mentoring,
        goals="**Budjetti** <script>alert(1)</script>",
        video_link="https://meet.jit.si/abc",
    )
    mentoring.refresh_from_db()
    assert "<strong>Budjetti</strong>" in mentoring.goals_html
    assert "<script>" not in mentoring.goals_html


def test_meetings_are_recorded_only_while_the_mentoring_goes_on(cast):
    mentor_profile_for(cast.mentor)
    mentoring = mentoring_for(cast.member, cast.mentor)
    with pytest.raises(PermissionDenied):
        services.meeting_create(actor=cast.member, mentoring=mentoring, date=date(2026, 3, 1))
    services.mentoring_answer(actor=cast.mentor, mentoring=mentoring, accept=True)
    mentoring.refresh_from_db()
    meeting = services.meeting_create(
        actor=cast.mentor, mentoring=mentoring, date=date(2026, 3, 1), notes="<b>x</b> *kyllä*"
    )
    assert "<b>" not in meeting.notes_html and "<em>kyllä</em>" in meeting.notes_html
    with pytest.raises(PermissionDenied):
        services.meeting_create(actor=member(), mentoring=mentoring, date=date(2026, 3, 1))
    assert Meeting.objects.count() == 1


def test_the_mentee_ends_and_both_give_feedback_once(cast):
    mentor_profile_for(cast.mentor)
    mentoring = mentoring_for(cast.member, cast.mentor, accept=True)
    with pytest.raises(PermissionDenied):
        services.feedback_create(actor=cast.member, mentoring=mentoring, mood=5)
    services.mentoring_end(actor=cast.member, mentoring=mentoring)
    assert mentoring.status == Mentoring.Status.ENDED
    assert NotificationKind.MENTORING_ENDED in kinds_of(cast.mentor)
    services.feedback_create(actor=cast.member, mentoring=mentoring, mood=5, text="Kiitos!")
    services.feedback_create(actor=cast.mentor, mentoring=mentoring, mood=4)
    with pytest.raises(ValidationError) as again:
        services.feedback_create(actor=cast.member, mentoring=mentoring, mood=1)
    assert again.value.code == "duplicate"
    assert sorted(Feedback.objects.values_list("is_mentor", "mood")) == [(False, 5), (True, 4)]
    with pytest.raises(PermissionDenied):
        services.mentoring_end(actor=cast.mentor, mentoring=mentoring)


def test_a_bad_mood_is_refused(cast):
    mentor_profile_for(cast.mentor)
    mentoring = mentoring_for(cast.member, cast.mentor, accept=True)
    services.mentoring_end(actor=cast.mentor, mentoring=mentoring)
    with pytest.raises(ValidationError):
        services.feedback_create(actor=cast.member, mentoring=mentoring, mood=9)
    assert not Feedback.objects.exists()


def test_a_deleted_account_takes_its_mentorings_and_mentor_profile(cast):
    from ideahautomo.accounts import services as account_services

    mentor_profile_for(cast.mentor)
    mentoring = mentoring_for(cast.member, cast.mentor, accept=True)
    services.meeting_create(actor=cast.member, mentoring=mentoring, date=date(2026, 3, 1))
    account_services.user_delete(user=cast.mentor)
    assert not Mentoring.objects.exists()
    assert not Meeting.objects.exists()
    assert not MentorProfile.objects.exists()


def test_the_persons_own_data_download_holds_their_mentorings(cast):
    from ideahautomo.mentoring.personal_data import mentoring_export

    mentor_profile_for(cast.mentor)
    mentoring = mentoring_for(cast.member, cast.mentor, accept=True)
    services.meeting_create(
        actor=cast.member, mentoring=mentoring, date=date(2026, 3, 1), notes="n"
    )
    exported = mentoring_export(cast.member)
    assert exported["mentorings"][0]["need"] == mentoring.need
    assert exported["meetings"][0]["notes"] == "n"
    assert mentoring_export(member()) == {"mentorings": [], "meetings": [], "feedback_given": []}
