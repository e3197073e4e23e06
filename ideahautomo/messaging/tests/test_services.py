"""The rules of conversations, blocks and reports, at the level where they live (reports
from a conversation through the moderation app)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ideahautomo.accounts.models import AuditEvent, Role
from ideahautomo.accounts.tests.factories import UserFactory, user_with_role
from ideahautomo.lib.moderatable import moderatable_kind
from ideahautomo.messaging import selectors, services
from ideahautomo.messaging.models import (
    MESSAGE_MAX_LENGTH,
    Block,
    Conversation,
    Message,
    Notification,
    NotificationKind,
    Participant,
)
from ideahautomo.moderation import services as moderation_services
from ideahautomo.moderation.models import Case
from ideahautomo.moderation.models import Report as ModerationReport
from ideahautomo.profiles.models import Profile

from .helpers import conversation, old_member, send

pytestmark = pytest.mark.django_db


def code_of(excinfo):
    error = excinfo.value
    if hasattr(error, "error_dict"):  # tied to a field: its code, or else the field's name
        field, errors = next(iter(error.error_dict.items()))
        return errors[0].code or field
    return error.error_list[0].code


def test_two_members_share_one_conversation_whoever_starts_it():
    aino, oksana = old_member(), old_member()
    first = conversation(aino, oksana, body="Hei Oksana!")
    second = conversation(oksana, aino, body="Hei Aino!")
    assert first == second
    assert not first.is_group
    assert [m.body for m in first.messages.order_by("id")] == ["Hei Oksana!", "Hei Aino!"]
    assert Participant.objects.filter(conversation=first).count() == 2


def test_a_small_group_can_talk_together():
    people = [old_member() for _ in range(4)]
    group = conversation(people[0], *people[1:], subject="Ompelimo")
    assert group.is_group
    assert group.subject == "Ompelimo"
    services.message_send(actor=people[2], conversation=group, body="Mukana!")
    assert group.messages.count() == 2


def test_a_conversation_has_at_most_ten_people():
    actor = old_member()
    nine = [old_member() for _ in range(9)]
    conversation(actor, *nine)
    with pytest.raises(ValidationError) as excinfo:
        conversation(actor, *nine, old_member())
    assert code_of(excinfo) == "too_many"


@pytest.mark.parametrize(
    ("body", "code"),
    [("", "empty"), ("   \n ", "empty"), ("x" * (MESSAGE_MAX_LENGTH + 1), "too_long")],
)
def test_empty_and_oversized_messages_are_refused(body, code):
    aino, oksana = old_member(), old_member()
    with pytest.raises(ValidationError) as excinfo:
        conversation(aino, oksana, body=body)
    assert code_of(excinfo) == code
    assert not Conversation.objects.exists()


def test_the_longest_allowed_message_goes_through():
    aino, oksana = old_member(), old_member()
    conversation(aino, oksana, body="x" * MESSAGE_MAX_LENGTH)
    assert Message.objects.get().body == "x" * MESSAGE_MAX_LENGTH


def test_nobody_messages_themselves():
    aino = old_member()
    with pytest.raises(ValidationError) as excinfo:
        conversation(aino, aino)
    assert code_of(excinfo) == "self"


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.ADMINISTRATOR])
def test_moderators_and_administrators_are_not_members_to_message(role, cast):
    staff = user_with_role(role, area=cast.area)
    with pytest.raises(ValidationError) as excinfo:
        conversation(old_member(area=cast.area), staff)
    assert code_of(excinfo) == "not_member"


@pytest.mark.parametrize("role", [Role.CONTACT_PERSON, Role.PROJECT_MANAGER])
def test_a_member_writes_to_staff_only_to_their_own_areas_contact_person(role, cast):
    staff = user_with_role(role, area=cast.area)
    client = old_member(area=cast.area)
    if role == Role.CONTACT_PERSON:
        chat = conversation(client, staff, body="Kysyisin tunnuksestani")
        assert chat.messages.get().body == "Kysyisin tunnuksestani"
    else:
        with pytest.raises(ValidationError) as excinfo:
            conversation(client, staff)
        assert code_of(excinfo) == "area"
    with pytest.raises(ValidationError) as excinfo:
        conversation(old_member(area=cast.other_area), staff)
    assert code_of(excinfo) == "area"


def test_a_contact_person_writes_to_the_clients_of_their_area_and_to_staff(cast):
    contact = cast.contact_person
    client = old_member(area=cast.area)
    chat = conversation(contact, client, body="Tervetuloa palveluun!")
    send(client, chat, "Kiitos!")
    assert list(chat.messages.values_list("body", flat=True)) == [
        "Tervetuloa palveluun!",
        "Kiitos!",
    ]
    conversation(contact, cast.project_manager, body="Kuukauden luvut ovat valmiit")
    with pytest.raises(ValidationError) as excinfo:
        conversation(contact, old_member(area=cast.other_area))
    assert code_of(excinfo) == "area"
    # Mentors and partners are not clients: the community writes to them, staff do not.
    with pytest.raises(ValidationError) as excinfo:
        conversation(contact, cast.mentor)
    assert code_of(excinfo) == "area"


def test_staff_talk_one_to_one_so_clients_never_meet_through_them(cast):
    clients = [old_member(area=cast.area) for _ in range(2)]
    with pytest.raises(ValidationError) as excinfo:
        conversation(cast.contact_person, *clients)
    assert code_of(excinfo) == "staff_group"
    assert not Conversation.objects.exists()


def test_a_client_who_moved_to_another_area_gets_no_more_messages(cast):
    client = old_member(area=cast.area)
    chat = conversation(cast.contact_person, client)
    client.area = cast.other_area
    client.save()
    with pytest.raises(ValidationError) as excinfo:
        send(cast.contact_person, chat, "Vielä yksi asia")
    assert code_of(excinfo) == "area"
    with pytest.raises(ValidationError):
        send(client, chat, "Hei")
    assert chat.messages.count() == 1


def test_closed_accounts_cannot_be_messaged():
    with pytest.raises(ValidationError) as excinfo:
        conversation(old_member(), old_member(is_active=False))
    assert code_of(excinfo) == "not_member"


def test_staff_roles_cannot_send_messages(cast):
    with pytest.raises(ValidationError) as excinfo:
        conversation(cast.moderator, cast.member)
    assert code_of(excinfo) == "role"


def test_mentors_and_partners_take_part(cast):
    first = conversation(cast.mentor, cast.partner, body="Hei kumppani")
    second = conversation(cast.partner, cast.member, body="Hei Aino")
    assert set(first.participants.values_list("user_id", flat=True)) == {
        cast.mentor.pk,
        cast.partner.pk,
    }
    assert second.messages.get().sender == cast.partner


def test_a_blocked_person_can_no_longer_reach_the_blocker():
    aino, stranger = old_member(), old_member()
    existing = conversation(stranger, aino)
    services.block_create(actor=aino, blocked=stranger)
    with pytest.raises(ValidationError) as excinfo:
        conversation(stranger, aino)
    assert code_of(excinfo) == "blocked"
    with pytest.raises(ValidationError) as excinfo:
        services.message_send(actor=stranger, conversation=existing, body="Vastaa!")
    assert code_of(excinfo) == "blocked"
    assert existing.messages.count() == 1


def test_the_blocker_cannot_write_to_the_blocked_either():
    aino, stranger = old_member(), old_member()
    services.block_create(actor=aino, blocked=stranger)
    with pytest.raises(ValidationError) as excinfo:
        conversation(aino, stranger)
    assert code_of(excinfo) == "blocked"


def test_a_blocked_person_cannot_be_put_in_a_group():
    aino, stranger, friend = old_member(), old_member(), old_member()
    services.block_create(actor=aino, blocked=stranger)
    with pytest.raises(ValidationError) as excinfo:
        conversation(stranger, friend, aino)
    assert code_of(excinfo) == "blocked"


def test_unblocking_lets_messages_through_again():
    aino, stranger = old_member(), old_member()
    services.block_create(actor=aino, blocked=stranger)
    services.block_remove(actor=aino, blocked=stranger)
    chat = conversation(stranger, aino, body="Hei taas")
    assert not Block.objects.filter(blocker=aino, blocked=stranger).exists()
    assert chat.messages.get().body == "Hei taas"


def test_nobody_blocks_themselves():
    aino = old_member()
    with pytest.raises(ValidationError):
        services.block_create(actor=aino, blocked=aino)


def test_blocked_user_ids_see_both_directions():
    aino, blocked, blocker, other = old_member(), old_member(), old_member(), old_member()
    services.block_create(actor=aino, blocked=blocked)
    services.block_create(actor=blocker, blocked=aino)
    services.block_create(actor=blocker, blocked=other)
    assert selectors.blocked_user_ids(aino) == {blocked.pk, blocker.pk}
    assert selectors.blocked_user_ids(other) == {blocker.pk}
    assert selectors.blocked_user_ids_by_id(aino.pk) == {blocked.pk, blocker.pk}


def test_a_new_member_reaches_at_most_three_strangers_on_the_first_day():
    newcomer = UserFactory()  # joined just now
    strangers = [old_member() for _ in range(4)]
    for person in strangers[:3]:
        conversation(newcomer, person)
    with pytest.raises(ValidationError) as excinfo:
        conversation(newcomer, strangers[3])
    assert code_of(excinfo) == "new_member_limit"
    # Writing on in the conversations they have, or answering, stays possible.
    conversation(newcomer, strangers[0], body="Jatketaan")
    writer = old_member()
    first = conversation(writer, newcomer)
    services.message_send(actor=newcomer, conversation=first, body="Kiitos viestistä!")


def test_the_first_day_limit_ends_after_a_day():
    newcomer = UserFactory(date_joined=timezone.now() - timedelta(hours=25))
    for _ in range(5):
        conversation(newcomer, old_member())
    assert Conversation.objects.filter(participants__user=newcomer).count() == 5


def test_sending_is_rate_limited_with_a_clear_message():
    aino, oksana = old_member(), old_member()
    chat = conversation(aino, oksana)
    for number in range(services.MESSAGES_PER_WINDOW - 1):
        services.message_send(actor=aino, conversation=chat, body=f"Viesti {number}")
    with pytest.raises(ValidationError) as excinfo:
        services.message_send(actor=aino, conversation=chat, body="Yksi liikaa")
    assert code_of(excinfo) == "rate_limited"
    assert chat.messages.count() == services.MESSAGES_PER_WINDOW
    # The other person is not slowed down by it.
    services.message_send(actor=oksana, conversation=chat, body="Rauhoitu")


def test_only_participants_send_into_a_conversation():
    aino, oksana, outsider = old_member(), old_member(), old_member()
    chat = conversation(aino, oksana)
    with pytest.raises(ValidationError) as excinfo:
        services.message_send(actor=outsider, conversation=chat, body="Hei")
    assert code_of(excinfo) == "not_participant"


def test_leaving_a_group_stops_its_messages():
    people = [old_member() for _ in range(3)]
    group = conversation(*people)
    services.conversation_leave(actor=people[2], conversation=group)
    with pytest.raises(ValidationError):
        services.message_send(actor=people[2], conversation=group, body="Vielä")
    assert selectors.conversation_with_participants(group.pk).active[0].user in people[:2]


def test_a_one_to_one_conversation_is_not_left_but_blocked():
    aino, oksana = old_member(), old_member()
    chat = conversation(aino, oksana)
    with pytest.raises(ValidationError) as excinfo:
        services.conversation_leave(actor=aino, conversation=chat)
    assert code_of(excinfo) == "not_group"


def test_unread_counts_follow_reading(django_assert_num_queries):
    aino, oksana = old_member(), old_member()
    chat = conversation(oksana, aino)
    with django_assert_num_queries(1):
        assert selectors.unread_counts(aino) == (1, 1)
    assert selectors.unread_counts(oksana) == (0, 0)
    services.conversation_mark_read(user=aino, conversation=chat)
    assert selectors.unread_counts(aino) == (0, 0)


# Reports from a conversation are moderation's (a message, or the person's profile).


def _report(actor, kind, obj, reason="spam", details=""):
    return moderation_services.report_create(
        actor=actor, kind=moderatable_kind(kind), obj=obj, reason=reason, details=details
    )


def test_a_report_keeps_the_reported_message_text():
    aino, troll = old_member(), old_member()
    chat = conversation(troll, aino, body="Rumaa puhetta")
    message = chat.messages.get()
    report = _report(aino, "message", message, reason="harassment", details="Uhkailua")
    assert (report.snapshot, report.author, report.details) == ("Rumaa puhetta", troll, "Uhkailua")
    assert report.case.state == Case.State.OPEN
    assert AuditEvent.objects.filter(
        action="moderation.reported", object_id=str(report.pk)
    ).exists()


def test_a_member_can_be_reported_without_a_message():
    aino, troll = old_member(), old_member()
    conversation(troll, aino)
    report = _report(aino, "profile", Profile.objects.get(pk=troll.pk))
    assert (report.kind, report.object_id, report.author) == ("profile", troll.pk, troll)


@pytest.mark.parametrize("problem", ["own", "reason"])
def test_reports_that_make_no_sense_are_refused(problem):
    aino, troll = old_member(), old_member()
    target = {"own": aino, "reason": troll}[problem]
    reason = {"own": "spam", "reason": "boring"}[problem]
    with pytest.raises(ValidationError) as excinfo:
        _report(aino, "profile", Profile.objects.get(pk=target.pk), reason=reason)
    assert code_of(excinfo) == problem
    assert not ModerationReport.objects.exists()


def test_reporting_is_rate_limited():
    aino = old_member()
    for _ in range(moderation_services.REPORTS_PER_HOUR):
        _report(aino, "profile", Profile.objects.get(pk=old_member().pk))
    with pytest.raises(ValidationError) as excinfo:
        _report(aino, "profile", Profile.objects.get(pk=old_member().pk))
    assert code_of(excinfo) == "rate_limited"


def test_a_moderator_dismisses_a_reported_message(cast):
    aino, troll = old_member(), old_member()
    message = conversation(troll, aino, body="Hei").messages.get()
    case = _report(aino, "message", message).case
    moderation_services.case_dismiss(actor=cast.moderator, case=case)
    case.refresh_from_db()
    assert (case.state, case.decided_by) == (Case.State.DISMISSED, cast.moderator)
    assert case.decided_at is not None


def test_a_deleted_account_leaves_no_blocks_reports_about_it_or_notifications():
    from ideahautomo.accounts.services import user_delete

    leaving, other, third = old_member(), old_member(), old_member()
    chat = conversation(leaving, other, body="Hei")
    services.block_create(actor=leaving, blocked=third)
    services.block_create(actor=other, blocked=leaving)
    _report(other, "profile", Profile.objects.get(pk=leaving.pk))
    own = _report(leaving, "profile", Profile.objects.get(pk=third.pk))
    services.notify(
        recipient=leaving, kind=NotificationKind.ANNOUNCEMENT, text_params={"title": "x"}
    )

    user_delete(user=leaving)

    assert not Block.objects.exists()
    assert list(ModerationReport.objects.all()) == [own]
    assert list(Case.objects.values_list("object_id", flat=True)) == [third.pk]
    own.refresh_from_db()
    assert own.reporter is None
    assert not Notification.objects.filter(recipient=leaving).exists()
    # What they wrote stays for the other person in the conversation.
    assert chat.messages.get().sender_id == leaving.pk
