"""The rules of stories and consent: who writes, what consent covers, publishing and
withdrawal."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.utils import timezone

from ideahautomo.accounts.models import AuditAction, AuditEvent
from ideahautomo.accounts.tests.factories import UserFactory
from ideahautomo.messaging.models import Notification, NotificationKind
from ideahautomo.stories import selectors, services
from ideahautomo.stories.models import Shown, Story, StoryConsent

from .factories import TEXT, consented_story, drafted_story, own_story, published_story

pytestmark = pytest.mark.django_db


def test_a_member_consents_to_their_own_story_by_sending_it(cast):
    story = own_story(cast.member)

    assert story.status == Story.Status.CONSENTED
    consent = story.consents.get()
    assert consent.person == cast.member
    assert (consent.title, consent.body) == (story.title, story.body)
    assert consent.text_hash == story.text_hash
    assert (consent.shown_as, consent.pseudonym) == (Shown.PSEUDONYM, "Tiina, 34")
    assert "<strong>opintopiirissä</strong>" in story.body_html


def test_sending_without_ticking_consent_saves_nothing(cast):
    with pytest.raises(ValidationError) as error:
        services.story_create(
            actor=cast.member, person=cast.member, submit=True, consent=False, **TEXT
        )
    assert "consent" in error.value.error_dict
    assert not Story.objects.exists()


def test_a_pseudonym_needs_its_text(cast):
    with pytest.raises(ValidationError) as error:
        own_story(cast.member, pseudonym=" ")
    assert "pseudonym" in error.value.error_dict
    assert not Story.objects.exists()


def test_a_draft_has_no_consent(cast):
    story = own_story(cast.member, submit=False)
    assert story.status == Story.Status.DRAFT
    assert not story.consents.exists()


def test_a_story_body_is_sanitised(cast):
    story = own_story(cast.member, body="<script>alert(1)</script> [x](javascript:alert(1))")
    assert "<script>" not in story.body_html
    assert "javascript:" not in story.body_html


def test_the_contact_person_drafts_about_own_client_who_is_asked(cast):
    story = drafted_story(cast.contact_person, cast.member)

    assert story.status == Story.Status.WAITING
    assert story.author == cast.contact_person
    asked = Notification.objects.get(kind=NotificationKind.STORY_CONSENT_ASKED)
    assert asked.recipient == cast.member
    assert asked.url == story.get_absolute_url()
    assert AuditEvent.objects.filter(action=AuditAction.STORY_DRAFTED).exists()


def test_a_contact_person_cannot_draft_about_another_areas_client(cast):
    with pytest.raises(ValidationError) as error:
        drafted_story(cast.other_contact_person, cast.member)
    assert "person_email" in error.value.error_dict
    assert not Story.objects.exists()
    assert not Notification.objects.exists()


def test_members_and_partners_cannot_draft_about_others(cast):
    for actor in (UserFactory(area=cast.area), cast.partner, cast.moderator):
        with pytest.raises(ValidationError):
            drafted_story(actor, cast.member)
    assert not Story.objects.exists()


def test_staff_only_accounts_cannot_write_an_own_story(cast):
    with pytest.raises(PermissionDenied):
        own_story(cast.moderator)


def test_the_person_consents_to_the_text_they_read(cast):
    story = consented_story(cast.contact_person, cast.member, shown_as=Shown.ANONYMOUS)

    assert story.status == Story.Status.CONSENTED
    assert story.shown_as == Shown.ANONYMOUS and story.pseudonym == ""
    consent = story.consents.get()
    assert consent.text_hash == story.text_hash and consent.body == story.body
    told = Notification.objects.get(kind=NotificationKind.STORY_CONSENTED)
    assert told.recipient == cast.project_manager
    assert told.url == "/tarinat/julkaistavat/"


def test_a_consent_to_an_older_text_is_refused(cast):
    story = drafted_story(cast.contact_person, cast.member)
    old_hash = story.text_hash
    services.story_update(
        actor=cast.contact_person, story=story, submit=True, **{**TEXT, "body": "Uusi teksti."}
    )

    with pytest.raises(ValidationError) as error:
        services.story_consent_give(
            actor=cast.member, story=story, shown_as=Shown.ANONYMOUS, text_hash=old_hash
        )
    assert error.value.code == "text_changed"
    assert not StoryConsent.objects.exists()


def test_only_the_person_consents(cast):
    story = drafted_story(cast.contact_person, cast.member)
    for actor in (cast.contact_person, cast.project_manager, UserFactory()):
        with pytest.raises(ValidationError):
            services.story_consent_give(
                actor=actor, story=story, shown_as=Shown.ANONYMOUS, text_hash=story.text_hash
            )


def test_declining_tells_the_writer(cast):
    story = drafted_story(cast.contact_person, cast.member)
    services.story_consent_decline(actor=cast.member, story=story)

    story.refresh_from_db()
    assert story.status == Story.Status.DECLINED
    told = Notification.objects.get(kind=NotificationKind.STORY_DECLINED)
    assert told.recipient == cast.contact_person


def test_editing_the_text_after_consent_needs_consent_again(cast):
    story = consented_story(cast.contact_person, cast.member)
    with TestCase.captureOnCommitCallbacks(execute=True):
        story = services.story_update(
            actor=cast.contact_person,
            story=story,
            submit=True,
            **{**TEXT, "body": "Muutettu teksti."},
        )

    assert story.status == Story.Status.WAITING
    consent = story.consents.get()
    assert consent.text_changed_at is not None
    assert selectors.Story.objects.get(pk=story.pk).status == Story.Status.WAITING
    with pytest.raises(ValidationError) as error:
        services.story_publish(actor=cast.project_manager, story=story)
    assert error.value.code == "no_consent"
    assert Notification.objects.filter(kind=NotificationKind.STORY_CONSENT_ASKED).count() == 2


def test_changing_only_the_language_keeps_the_consent(cast):
    story = consented_story(cast.contact_person, cast.member)
    story = services.story_update(
        actor=cast.contact_person, story=story, **{**TEXT, "language": "sv"}
    )
    assert story.status == Story.Status.CONSENTED
    assert services.valid_consent(story) is not None


def test_an_own_story_edited_is_consented_again_with_the_box(cast):
    story = own_story(cast.member)
    with pytest.raises(ValidationError):
        services.story_update(
            actor=cast.member,
            story=story,
            submit=True,
            consent=False,
            shown_as=Shown.NAME,
            **TEXT,
        )
    story = services.story_update(
        actor=cast.member, story=story, submit=True, consent=True, shown_as=Shown.NAME, **TEXT
    )
    assert story.status == Story.Status.CONSENTED
    assert story.consents.count() == 2
    assert services.valid_consent(story).shown_as == Shown.NAME


def test_the_project_manager_publishes_a_consented_story(cast):
    story = published_story(cast.project_manager, cast.contact_person, cast.member)

    assert story.status == Story.Status.PUBLISHED and story.published_at is not None
    assert list(selectors.published_stories()) == [story]
    assert AuditEvent.objects.filter(action=AuditAction.STORY_PUBLISHED).exists()


def test_only_the_project_manager_publishes(cast):
    story = consented_story(cast.contact_person, cast.member)
    for actor in (cast.contact_person, cast.member, cast.moderator):
        with pytest.raises(PermissionDenied):
            services.story_publish(actor=actor, story=story)


def test_a_story_waiting_for_consent_is_not_published(cast):
    story = drafted_story(cast.contact_person, cast.member)
    with pytest.raises(ValidationError) as error:
        services.story_publish(actor=cast.project_manager, story=story)
    assert "not consented" in error.value.messages[0] or error.value.code == "no_consent"
    story.refresh_from_db()
    assert story.status == Story.Status.WAITING


def test_withdrawing_unpublishes_at_once_and_tells_the_project_manager(cast):
    story = published_story(cast.project_manager, cast.contact_person, cast.member)
    services.story_consent_withdraw(actor=cast.member, story=story)

    story.refresh_from_db()
    assert story.status == Story.Status.WITHDRAWN and story.published_at is None
    assert story.consents.get().withdrawn_at is not None
    assert not selectors.published_stories().exists()
    told = Notification.objects.get(kind=NotificationKind.STORY_WITHDRAWN)
    assert told.recipient == cast.project_manager


def test_publishing_a_withdrawn_story_is_refused_with_a_clear_message(cast):
    story = consented_story(cast.contact_person, cast.member)
    services.story_consent_withdraw(actor=cast.member, story=story)

    with pytest.raises(ValidationError) as error:
        services.story_publish(actor=cast.project_manager, story=story)
    assert error.value.code == "withdrawn"
    story.refresh_from_db()
    assert story.status == Story.Status.WITHDRAWN


def test_only_the_person_withdraws(cast):
    story = published_story(cast.project_manager, cast.contact_person, cast.member)
    for actor in (cast.contact_person, cast.project_manager, UserFactory()):
        with pytest.raises(ValidationError):
            services.story_consent_withdraw(actor=actor, story=story)
    story.refresh_from_db()
    assert story.is_published


def test_the_database_keeps_one_valid_consent_per_story(cast):
    story = own_story(cast.member)
    with pytest.raises(IntegrityError), transaction.atomic():
        StoryConsent.objects.create(
            story=story,
            person=cast.member,
            title=story.title,
            body=story.body,
            text_hash=story.text_hash,
            shown_as=Shown.ANONYMOUS,
        )


def test_the_database_refuses_a_published_story_without_a_date(cast):
    story = own_story(cast.member)
    with pytest.raises(IntegrityError), transaction.atomic():
        Story.objects.filter(pk=story.pk).update(status=Story.Status.PUBLISHED)
    Story.objects.filter(pk=story.pk).update(
        status=Story.Status.PUBLISHED, published_at=timezone.now()
    )


def test_creating_stories_is_rate_limited(cast):
    for _ in range(10):
        own_story(cast.member, submit=False)
    with pytest.raises(ValidationError) as error:
        own_story(cast.member, submit=False)
    assert error.value.code == "rate_limited"
    assert Story.objects.count() == 10


def test_drafting_is_rate_limited(cast):
    for _ in range(30):
        drafted_story(cast.project_manager, cast.member, submit=False)
    with pytest.raises(ValidationError) as error:
        drafted_story(cast.project_manager, cast.member, submit=False)
    assert error.value.code == "rate_limited"


def test_a_deleted_account_takes_the_stories_about_the_person(cast):
    from ideahautomo.accounts.services import user_delete

    published_story(cast.project_manager, cast.contact_person, cast.member)
    written = drafted_story(cast.contact_person, UserFactory(area=cast.area))
    user_delete(user=cast.member)

    assert list(Story.objects.all()) == [written]
    assert not StoryConsent.objects.exists()
    user_delete(user=cast.contact_person)
    written.refresh_from_db()
    assert written.author_id == cast.contact_person.pk  # the emptied "deleted user"


def test_the_person_downloads_their_stories_and_consents(cast):
    from ideahautomo.accounts.services import user_data_export

    story = own_story(cast.member)
    data = user_data_export(user=cast.member)["stories"]
    assert data["about_you"][0]["title"] == story.title
    assert data["consents"][0]["body"] == story.body


def test_the_excerpt_is_plain_words_without_markdown(cast):
    story = own_story(cast.member, body="**Tärkeintä** oli\n\n- luottamus & tuki")
    assert story.excerpt == "Tärkeintä oli luottamus & tuki"
