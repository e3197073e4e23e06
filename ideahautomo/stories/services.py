"""Every write to success stories: writing, consent, publishing and withdrawal."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ideahautomo.accounts.models import AuditAction, Role, User
from ideahautomo.accounts.services import audit_event_record
from ideahautomo.lib.linkable import links_for, source_from_address
from ideahautomo.lib.markdown import render_markdown
from ideahautomo.messaging.models import NotificationKind
from ideahautomo.messaging.services import notify, notify_many

from . import limits
from .models import Shown, Story, StoryConsent
from .permissions import (
    can_answer_consent,
    can_draft_story_about,
    can_edit_story,
    can_withdraw_consent,
    can_write_own_story,
    is_project_manager,
)


def _source(actor, address):
    """(kind, id) of the page the address points to, if the writer may see it."""
    if not (address or "").strip():
        return "", None
    pair = source_from_address(address)
    if pair is None or not links_for(actor, [pair]):
        raise ValidationError(
            {
                "source_address": _(
                    "Give the address of an idea, a study circle or a service page, "
                    "for example /ideat/12/."
                )
            },
            code="bad_source",
        )
    return pair


def _shown(shown_as, pseudonym):
    pseudonym = (pseudonym or "").strip()
    if shown_as == Shown.PSEUDONYM and not pseudonym:
        raise ValidationError(
            {"pseudonym": _("Write the pseudonym you want to be shown with.")}, code="no_pseudonym"
        )
    return shown_as, pseudonym if shown_as == Shown.PSEUDONYM else ""


def _fill(story, *, title, body, language, source):
    story.title = title.strip()
    story.body = body.strip()
    story.body_html = render_markdown(story.body)
    story.language = language
    story.source_kind, story.source_id = source
    story.updated_at = timezone.now()


def valid_consent(story):
    return story.consents.filter(withdrawn_at__isnull=True, text_changed_at__isnull=True).first()


def _project_managers():
    return list(
        User.objects.filter(is_active=True, role_assignments__role=Role.PROJECT_MANAGER).distinct()
    )


def _consent_record(story, person):
    """Record the person's consent to the story's current text and way of showing them;
    the project managers are told that the story waits for publishing."""
    notify_many(
        recipients=[manager for manager in _project_managers() if manager.pk != person.pk],
        kind=NotificationKind.STORY_CONSENTED,
        target=story,
        text_params={"title": story.title},
        url=reverse("stories:queue"),
    )
    return StoryConsent.objects.create(
        story=story,
        person=person,
        title=story.title,
        body=story.body,
        text_hash=story.text_hash,
        shown_as=story.shown_as,
        pseudonym=story.pseudonym,
    )


def _consent_required():
    return ValidationError(
        {"consent": _("To send the story, tick that you consent to its publishing.")},
        code="no_consent",
    )


def _ask_consent(story, actor):
    notify(
        recipient=story.person,
        kind=NotificationKind.STORY_CONSENT_ASKED,
        actor=actor,
        target=story,
        text_params={"title": story.title},
        url=story.get_absolute_url(),
    )


def story_create(
    *,
    actor,
    person,
    title,
    body,
    language,
    shown_as=Shown.ANONYMOUS,
    pseudonym="",
    source_address="",
    submit=False,
    consent=False,
):
    """A member writes their own story (person is the actor), consenting by ticking the
    box as they send it; or staff draft one about a client, who is asked to consent."""
    own = person is not None and actor.pk == person.pk
    if own:
        if not can_write_own_story(actor):
            raise PermissionDenied
        shown_as, pseudonym = _shown(shown_as, pseudonym)
        if submit and not consent:
            raise _consent_required()
    else:
        if not can_draft_story_about(actor, person):
            raise ValidationError(
                {"person_email": _("No client of yours has this e-mail address.")},
                code="not_client",
            )
        shown_as, pseudonym = Shown.ANONYMOUS, ""
    story = Story(person=person, author=actor, shown_as=shown_as, pseudonym=pseudonym)
    _fill(story, title=title, body=body, language=language, source=_source(actor, source_address))
    story.full_clean(exclude=["body_html"])
    limits.limit("own" if own else "draft", actor)
    with transaction.atomic():
        if submit:
            story.status = Story.Status.CONSENTED if own else Story.Status.WAITING
        story.save()
        if own and submit:
            _consent_record(story, actor)
        elif submit:
            _ask_consent(story, actor)
        if not own:
            audit_event_record(
                actor=actor, action=AuditAction.STORY_DRAFTED, target=story, client=person.pk
            )
    return story


def story_update(
    *,
    actor,
    story,
    title,
    body,
    language,
    shown_as=None,
    pseudonym="",
    source_address="",
    submit=False,
    consent=False,
):
    """Save the writer's changes. A change of the text (or of how the person is shown)
    ends the consent given to the old one: the person must consent again."""
    if not can_edit_story(actor, story):
        raise PermissionDenied
    own = story.person_id == actor.pk
    if own:
        shown_as, pseudonym = _shown(shown_as, pseudonym)
        if submit and not consent:
            raise _consent_required()
    source = _source(actor, source_address)
    limits.limit("save", actor)
    with transaction.atomic():
        story = (
            Story.objects.select_for_update(of=("self",)).select_related("person").get(pk=story.pk)
        )
        if not can_edit_story(actor, story):
            raise ValidationError(_("This story can no longer be edited."), code="not_editable")
        _fill(story, title=title, body=body, language=language, source=source)
        if own:
            story.shown_as, story.pseudonym = shown_as, pseudonym
        story.full_clean(exclude=["body_html"])
        consent_held = valid_consent(story)
        if consent_held and (
            consent_held.text_hash != story.text_hash
            or consent_held.shown_as != story.shown_as
            or consent_held.pseudonym != story.pseudonym
        ):
            consent_held.text_changed_at = timezone.now()
            consent_held.save(update_fields=["text_changed_at"])
            consent_held = None
        if consent_held or (own and submit):
            story.status = Story.Status.CONSENTED
        elif submit:
            story.status = Story.Status.WAITING
        else:
            story.status = Story.Status.DRAFT
        story.save()
        if own and submit and not consent_held:
            _consent_record(story, actor)
        elif submit and not own and not consent_held:
            _ask_consent(story, actor)
        if not own:
            audit_event_record(actor=actor, action=AuditAction.STORY_UPDATED, target=story)
    return story


def story_consent_give(*, actor, story, shown_as, pseudonym="", text_hash):
    """The person consents to the exact text they read (text_hash), shown as they chose."""
    shown_as, pseudonym = _shown(shown_as, pseudonym)
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story.pk)
        if not can_answer_consent(actor, story):
            raise ValidationError(
                _("This story is not waiting for your consent."), code="not_waiting"
            )
        if text_hash != story.text_hash:
            raise ValidationError(
                _("The text changed while you were reading it. Read the new text below."),
                code="text_changed",
            )
        story.shown_as, story.pseudonym = shown_as, pseudonym
        story.status = Story.Status.CONSENTED
        story.save(update_fields=["shown_as", "pseudonym", "status"])
        _consent_record(story, actor)
    return story


def story_consent_decline(*, actor, story):
    """The person says no; the writer is told."""
    with transaction.atomic():
        story = (
            Story.objects.select_for_update(of=("self",)).select_related("author").get(pk=story.pk)
        )
        if not can_answer_consent(actor, story) or story.status == Story.Status.DECLINED:
            raise ValidationError(
                _("This story is not waiting for your consent."), code="not_waiting"
            )
        story.status = Story.Status.DECLINED
        story.save(update_fields=["status"])
        if story.author is not None:
            notify(
                recipient=story.author,
                kind=NotificationKind.STORY_DECLINED,
                actor=actor,
                target=story,
                text_params={"title": story.title},
                url=story.get_absolute_url(),
            )
    return story


def story_publish(*, actor, story):
    """The project manager publishes a story, only with the person's consent to its
    current text."""
    if not is_project_manager(actor):
        raise PermissionDenied
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story.pk)
        if story.status == Story.Status.PUBLISHED:
            return story
        consent = valid_consent(story)
        if story.status == Story.Status.WITHDRAWN:
            raise ValidationError(
                _(
                    "The person has withdrawn their consent to this story, "
                    "so it cannot be published."
                ),
                code="withdrawn",
            )
        if (
            story.status != Story.Status.CONSENTED
            or consent is None
            or consent.text_hash != story.text_hash
        ):
            raise ValidationError(
                _(
                    "This story cannot be published: the person has not consented "
                    "to its current text."
                ),
                code="no_consent",
            )
        story.status = Story.Status.PUBLISHED
        story.published_at = timezone.now()
        story.save(update_fields=["status", "published_at"])
        audit_event_record(actor=actor, action=AuditAction.STORY_PUBLISHED, target=story)
    return story


def story_consent_withdraw(*, actor, story):
    """The person withdraws their consent: the story is unpublished at once and the
    project managers are told."""
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story.pk)
        if not can_withdraw_consent(actor, story):
            raise ValidationError(
                _("There is no consent to withdraw for this story."), code="no_consent"
            )
        was_published = story.status == Story.Status.PUBLISHED
        StoryConsent.objects.filter(
            story=story, withdrawn_at__isnull=True, text_changed_at__isnull=True
        ).update(withdrawn_at=timezone.now())
        story.status = Story.Status.WITHDRAWN
        story.published_at = None
        story.save(update_fields=["status", "published_at"])
        notify_many(
            recipients=_project_managers(),
            kind=NotificationKind.STORY_WITHDRAWN,
            target=story,
            text_params={"title": story.title},
            url=story.get_absolute_url(),
        )
        if was_published:
            audit_event_record(actor=actor, action=AuditAction.STORY_UNPUBLISHED, target=story)
    return story
