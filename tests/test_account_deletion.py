"""Deleting an account leaves nothing that names the person or points to them.

A person is given activity in every app (invitations, profile, ideas, circles, events,
messages, notifications, check-ins), their account is deleted, and then every table of
every installed model is searched for their name and address, and every foreign key to
the user is checked: only what others read as part of their own conversations,
discussions and ideas, the audit log, and rows the statistics count stay, pointing to the
emptied "deleted user" row that no longer tells who it was.
"""

import json
import os
from datetime import timedelta

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.test import TestCase
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from ideahautomo.accounts import services as account_services
from ideahautomo.accounts.models import Invitation, Role, SignUpRequest
from ideahautomo.accounts.tests.factories import InvitationFactory, UserFactory, user_with_role
from ideahautomo.announcements import services as announcement_services
from ideahautomo.circles import discussion_services, session_services
from ideahautomo.circles import services as circle_services
from ideahautomo.circles.models import Circle, Membership, SessionAttendance
from ideahautomo.events import services as event_services
from ideahautomo.events.models import Event, Registration
from ideahautomo.events.tests.factories import EventFactory, in_days
from ideahautomo.guides import services as guide_services
from ideahautomo.ideas import services as idea_services
from ideahautomo.ideas.models import Idea
from ideahautomo.impact import services as impact_services
from ideahautomo.lib.moderatable import moderatable_kind
from ideahautomo.messaging import services as messaging_services
from ideahautomo.messaging.models import DigestDelivery, NotificationKind
from ideahautomo.moderation import services as moderation_services
from ideahautomo.profiles import services as profile_services
from ideahautomo.profiles.models import Profile, Skill

pytestmark = pytest.mark.django_db

NAME = "Pirjo Poistuva"
EMAIL = "pirjo.poistuva@example.fi"
# What would tell who the person was: the name, the address, and the unusual surname
# alone (as the search index keeps it), matched without regard to case.
NEEDLES = [NAME.casefold(), EMAIL, "poistuva"]

# Foreign keys to the user that may still point to the emptied row, and why.
MAY_REMAIN = {
    # The audit log keeps who did what; its rows hold no name or address.
    "accounts.AuditEvent.actor",
    # The accepted invitation, emptied of name and address, counts in "accounts ordered
    # and accepted".
    "accounts.Invitation.accepted_user",
    # What others read in their own conversations, discussions and ideas, shown as
    # written by "Deleted user".
    "messaging.Message.sender",
    "messaging.Participant.user",
    "messaging.Notification.actor",
    "circles.CirclePost.author",
    "ideas.IdeaComment.author",
    "ideas.IdeaUpdate.author",
    "ideas.Idea.owner",
    # Circles and meetings the person started count in the statistics by area.
    "circles.Circle.created_by",
    "circles.CircleSession.created_by",
    # Staff's work on others' records: the invitations they sent, the events they
    # published or approved, the reports they handled.
    "accounts.Invitation.invited_by",
    "events.Event.created_by",
    "events.Event.approved_by",
    "moderation.Case.decided_by",
    # Moderators' suspensions and warnings of others stay on those people's records.
    "accounts.Suspension.suspended_by",
    "accounts.Suspension.lifted_by",
    "accounts.Suspension.appeal_decided_by",
    "accounts.ModerationWarning.warned_by",
    # The guides they wrote stay for their readers, who never see the writer's name.
    "guides.Guide.author",
}


def old_member(**kwargs):
    kwargs.setdefault("date_joined", timezone.now() - timedelta(days=90))
    return UserFactory(**kwargs)


def on_commit():
    return TestCase.captureOnCommitCallbacks(execute=True)


def idea_of(owner, title):
    return idea_services.idea_create(
        actor=owner,
        title=title,
        description="Kuvaus",
        category=Idea.Category.LEARNING,
        municipality=None,
        online=True,
        visibility=Idea.Visibility.MEMBERS,
    )


def circle_of(organiser, name, **overrides):
    values = {
        "name": name,
        "topic": "Suomen kieli",
        "description": "Harjoitellaan.",
        "language": "fi",
        "format": Circle.Format.ONLINE,
        "policy": Circle.Policy.OPEN,
        "visibility": Circle.Visibility.MEMBERS,
    }
    values.update(overrides)
    return circle_services.circle_create(actor=organiser, **values)


def team_up(owner, member, idea):
    request = idea_services.join_request_create(actor=member, idea=idea)
    idea_services.join_request_decide(actor=owner, join_request=request, accept=True)


def give_activity_everywhere(person, cast, settings, tmp_path):
    from ideahautomo.profiles.tests.test_services import image_upload

    friend = old_member(display_name="Kalle Kaveri")
    other = old_member(display_name="Riikka Muu")
    now = timezone.now()

    # Accounts: the accepted invitation, earlier revoked and expired ones to the same
    # address (written differently), a sign-up request, an authenticator, and the
    # administrator's change log naming the person.
    InvitationFactory(
        email=EMAIL,
        name=NAME,
        area=cast.area,
        invited_by=cast.contact_person,
        sent_at=now - timedelta(days=40),
        accepted_at=now - timedelta(days=39),
        accepted_user=person,
    )
    InvitationFactory(
        email=EMAIL.upper(), name=NAME, area=cast.area, revoked_at=now - timedelta(days=60)
    )
    InvitationFactory(
        email=EMAIL,
        name=NAME,
        area=cast.other_area,
        sent_at=now - timedelta(days=50),
        expires_at=now - timedelta(days=40),
        token_hash="a" * 64,
    )
    SignUpRequest.objects.create(user=person, message=f"Olen {NAME}.")
    TOTPDevice.objects.create(user=person, name=f"{NAME}n puhelin", confirmed=True)
    for content_type, object_id, text in [
        (ContentType.objects.get_for_model(person), person.pk, str(person)),
        (
            ContentType.objects.get_for_model(Invitation),
            Invitation.objects.filter(accepted_user=person).get().pk,
            f"{NAME} <{EMAIL}>",
        ),
    ]:
        LogEntry.objects.create(
            user=cast.administrator,
            content_type=content_type,
            object_id=str(object_id),
            object_repr=text,
            action_flag=CHANGE,
            change_message="[]",
        )

    # Moderation: a suspension the person appealed and that was lifted, and a warning,
    # all naming the person.
    suspension = account_services.user_suspend(
        user=person, by=cast.moderator, reason=f"{NAME} kirjoitti asiattomasti."
    )
    suspension = account_services.suspension_appeal_create(
        suspension=suspension, text=f"Olen {NAME}, anteeksi.", client="deletion-test"
    )
    other_moderator = user_with_role(Role.MODERATOR, email="toinen.moderaattori@example.fi")
    account_services.suspension_appeal_decide(
        suspension=suspension, by=other_moderator, lift=True, reason=f"Sovittu: {NAME}."
    )
    account_services.user_warn(user=person, by=cast.moderator, reason=f"{NAME}, ole kohtelias.")

    # Profile, with a photo.
    settings.MEDIA_ROOT = tmp_path
    profile = person.profile
    profile_services.profile_update(
        actor=person, profile=profile, real_name=NAME, introduction=f"Hei, olen {NAME}."
    )
    profile_services.profile_set_skills(
        actor=person, profile=profile, relation="has", names=["leipominen"]
    )
    profile_services.profile_set_photo(actor=person, profile=profile, upload=image_upload())

    # Ideas: one owned with a team, one without; interest, follow, a team, a request,
    # a comment and news in someone else's idea; notifications about them.
    with on_commit():
        teamed = idea_of(person, "Leipomo")
        team_up(person, friend, teamed)
        idea_of(person, "Kirjapiiri")
        theirs = idea_of(friend, "Kahvila")
        idea_services.interest_toggle(actor=person, idea=theirs)
        team_up(friend, person, theirs)
        idea_services.comment_create(actor=person, idea=theirs, body="Hyvä idea")
        idea_services.idea_post_update(actor=person, idea=theirs, body="Uutisia")
        idea_services.comment_create(actor=friend, idea=teamed, body="Kiitos")
        idea_services.join_request_create(
            actor=person, idea=idea_of(other, "Puutarha"), message=f"Terveisin {NAME}"
        )

    # Circles: one the person started and others joined, one they joined with a
    # calendar address, posts, attendance, a wish and invitations both ways.
    with on_commit():
        started = circle_of(person, "Piirin perustaja")
        circle_services.circle_join(actor=friend, circle=started)
        joined = circle_of(friend, "Kaverin piiri")
        circle_services.circle_join(actor=person, circle=joined)
        session_services.session_feed_enable(actor=person, circle=joined)
        discussion_services.post_create(actor=person, circle=joined, body="Hei kaikki")
        discussion_services.post_create(actor=friend, circle=joined, body="Tervetuloa")
        [meeting] = session_services.session_schedule(
            actor=friend,
            circle=joined,
            starts_at=now - timedelta(hours=2),
            ends_at=now - timedelta(hours=1),
            now=now - timedelta(days=1),
        )
        session_services.attendance_record(
            actor=friend, session=meeting, present_user_ids=[person.pk]
        )
        session_services.session_schedule(
            actor=person,
            circle=started,
            starts_at=now + timedelta(days=3),
            ends_at=now + timedelta(days=3, hours=1),
        )
        circle_services.wish_create(
            actor=person,
            skill=Skill.objects.filter(is_curated=True).first(),
            language="fi",
            online_ok=True,
        )
        closed = circle_of(other, "Kutsupiiri", policy=Circle.Policy.INVITE)
        circle_services.circle_invitation_create(actor=other, circle=closed, invitee=person)
        circle_services.circle_invitation_create(actor=person, circle=started, invitee=other)

    # Events: an upcoming registration with answers, a past one attended, a calendar
    # feed and a proposal.
    with on_commit():
        upcoming = EventFactory(ask_dietary_needs=True, capacity=1)
        event_services.event_register(
            actor=person, event=upcoming, dietary_needs=f"{NAME}: gluteeniton"
        )
        event_services.event_register(actor=other, event=upcoming)  # waits for the place
        past = EventFactory(
            starts_at=in_days(-10, 12), ends_at=in_days(-10, 14), registered_count=1
        )
        Registration.objects.create(
            event=past, user=person, status=Registration.Status.CONFIRMED, attended=True
        )
        event_services.calendar_feed_enable(user=person)
        event_services.event_create(
            actor=person,
            kind=Event.Kind.NETWORKING,
            title="Kävelykerho",
            description="Ehdotus",
            starts_at=in_days(20, 10),
            ends_at=in_days(20, 11),
            venue_name="Puisto",
        )

    # Messaging: conversations both ways, blocks both ways, reports both ways,
    # notification choices, a daily summary and notifications to and from the person.
    with on_commit():
        chat = messaging_services.conversation_start(
            actor=person, recipients=[friend], body="Hei Kalle"
        )
        messaging_services.message_send(actor=friend, conversation=chat, body="Hei!")
        messaging_services.conversation_start(
            actor=friend, recipients=[person, other], body="Ryhmä", subject="Porukka"
        )
        troll, blocker = old_member(), old_member()
        troll_chat = messaging_services.conversation_start(
            actor=troll, recipients=[person], body="Osta"
        )
        messaging_services.block_create(actor=person, blocked=troll)
        messaging_services.block_create(actor=blocker, blocked=person)
        # Reports from a conversation go to the moderation queue: a message, a person.
        moderation_services.report_create(
            actor=person,
            kind=moderatable_kind("message"),
            obj=troll_chat.messages.get(),
            reason="spam",
        )
        moderation_services.report_create(
            actor=friend,
            kind=moderatable_kind("profile"),
            obj=Profile.objects.get(pk=person.pk),
            reason="other",
            details=f"{NAME} kiusaa",
        )
        messaging_services.notification_preferences_update(
            user=person, deliveries={NotificationKind.IDEA_COMMENT: "digest"}
        )
        DigestDelivery.objects.create(user=person, day=timezone.localdate())
        messaging_services.notify(
            recipient=friend,
            kind=NotificationKind.IDEA_UPDATE,
            actor=person,
            text_params={"title": "Leipomo"},
        )

    # Announcements: one the person was sent.
    with on_commit():
        announcement_services.announcement_send(
            actor=cast.project_manager, title="Tiedote", body="Tervetuloa"
        )

    # Impact: a check-in and feedback sent with one's name.
    impact_services.check_in_answer(actor=person, situation="looking", mood=3)
    impact_services.feedback_give(actor=person, mood=4, text=f"Terveisin {NAME}", anonymous=False)
    return friend


def searchable_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField | models.JSONField)
    ]


def rows_naming_the_person():
    found = []
    for model in apps.get_models():
        fields = searchable_fields(model)
        if not fields:
            continue
        names = [field.attname for field in fields]
        for row in model._default_manager.values_list("pk", *names):
            for name, value in zip(names, row[1:], strict=True):
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                if any(needle in (text or "").casefold() for needle in NEEDLES):
                    found.append(f"{model._meta.label} #{row[0]} {name}: {text[:80]}")
    return found


def keys_pointing_to(person):
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not field.is_relation or field.related_model is not user_model:
                continue
            label = f"{model._meta.label}.{field.name}"
            count = model._default_manager.filter(**{field.name: person}).count()
            if count and label not in MAY_REMAIN:
                found.append(f"{label}: {count}")
    return found


def test_deleting_an_account_leaves_nothing_that_names_or_points_to_the_person(
    cast, settings, tmp_path
):
    person = old_member(email=EMAIL, display_name=NAME, area=cast.area)
    friend = give_activity_everywhere(person, cast, settings, tmp_path)
    assert rows_naming_the_person()  # the search finds what is there
    photo = Profile.objects.get(pk=person.pk).photo.path

    with on_commit():
        account_services.user_delete(user=person)

    assert rows_naming_the_person() == [], "\n".join(rows_naming_the_person())
    assert keys_pointing_to(person) == [], "\n".join(keys_pointing_to(person))
    assert not os.path.exists(photo)
    # What others need goes on: the circle has an organiser, the idea with a team an
    # owner, the waiting person the freed place.
    started = Circle.objects.get(name="Piirin perustaja")
    assert Membership.objects.get(circle=started, user=friend).is_organiser
    assert Idea.objects.get(title="Leipomo").owner == friend
    assert Idea.objects.get(title="Kirjapiiri").archived_at is not None
    assert not SessionAttendance.objects.filter(user=person).exists()


def test_deleting_a_staff_account_keeps_their_work_for_others_without_their_name(cast):
    staff = user_with_role(Role.CONTACT_PERSON, area=cast.area, email=EMAIL, display_name=NAME)
    for role in (Role.PROJECT_MANAGER, Role.MODERATOR):
        account_services.role_grant(actor=cast.administrator, user=staff, role=role)
    with on_commit():
        invitation = account_services.invitation_create(
            actor=staff, email="uusi@example.fi", name="Uusi Jäsen", language="fi", area=cast.area
        )
        published = event_services.event_create(
            actor=staff,
            kind=Event.Kind.WORKSHOP,
            title="Työpaja",
            description="Kuvaus",
            starts_at=in_days(5, 12),
            ends_at=in_days(5, 14),
            venue_name="Stoa",
        )
        proposal = event_services.event_create(
            actor=cast.member,
            kind=Event.Kind.WORKSHOP,
            title="Ehdotus",
            description="Kuvaus",
            starts_at=in_days(6, 12),
            ends_at=in_days(6, 14),
            venue_name="Stoa",
        )
        event_services.event_proposal_decide(actor=staff, event=proposal, approve=True)
        report = moderation_services.report_create(
            actor=cast.member,
            kind=moderatable_kind("profile"),
            obj=Profile.objects.get(pk=cast.mentor.pk),
            reason="spam",
        )
        moderation_services.case_dismiss(actor=staff, case=report.case)
        suspension = account_services.user_suspend(
            user=cast.mentor, by=staff, reason="Mainostaa kursseja."
        )
        account_services.suspension_lift(suspension=suspension, by=staff, reason="Sovittu.")
        account_services.user_warn(user=cast.partner, by=staff, reason="Ei mainoksia.")
        guide = guide_services.guide_create(
            actor=staff,
            category="benefits",
            texts={"fi": {"title": "Keikkatyö", "body": "Ilmoita tulot."}},
            publish=True,
        )

    with on_commit():
        account_services.user_delete(user=staff)

    assert rows_naming_the_person() == [], "\n".join(rows_naming_the_person())
    assert keys_pointing_to(staff) == [], "\n".join(keys_pointing_to(staff))
    invitation.refresh_from_db()
    assert invitation.email == "uusi@example.fi" and invitation.is_open
    assert Event.objects.filter(pk__in=[published.pk, proposal.pk]).count() == 2
    guide.refresh_from_db()
    assert guide.is_published and guide.texts.count() == 1
