"""Every write of mentoring: asking, answering, goals, meetings, ending and feedback.

Each checks its rule, writes in one transaction and tells the other person through
messaging.notify() in the same transaction (it is recorded with the write)."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ideahautomo.lib.linkable import links_for, source_from_address
from ideahautomo.lib.markdown import render_markdown
from ideahautomo.messaging.models import NotificationKind
from ideahautomo.messaging.services import notify
from ideahautomo.profiles.models import MentorProfile

from . import limits
from .models import Feedback, Meeting, Mentoring
from .permissions import (
    can_answer_request,
    can_end_mentoring,
    can_give_feedback,
    can_request_mentor,
    can_withdraw_request,
    can_work_on_mentoring,
)


def _tell(mentoring, *, recipient, actor, kind):
    notify(
        recipient=recipient,
        kind=kind,
        actor=actor,
        target=mentoring,
        url=mentoring.get_absolute_url(),
    )


def idea_from_address(*, actor, address):
    """The id of the idea an address points to, if the actor may see it; else None for
    an empty address. Only local paths and https addresses are accepted."""
    address = (address or "").strip()
    if not address:
        return None
    scheme = urlsplit(address).scheme
    if scheme and scheme != "https":
        raise ValidationError(
            {
                "idea_address": ValidationError(
                    _("Give an https address or a path such as /ideat/12/."), code="not_https"
                )
            }
        )
    pair = source_from_address(address)
    if pair is None or pair[0] != "idea" or not links_for(actor, [pair]):
        raise ValidationError(
            {
                "idea_address": ValidationError(
                    _("Give the address of an idea you can see, for example /ideat/12/."),
                    code="bad_idea",
                )
            }
        )
    return pair[1]


def active_mentee_count(mentor):
    return Mentoring.objects.filter(mentor=mentor, status=Mentoring.Status.ACTIVE).count()


def _check_room(mentor_profile, mentor):
    if mentor_profile is None or not mentor_profile.is_available:
        raise ValidationError(
            _("This mentor does not take new mentees at the moment."), code="unavailable"
        )
    if active_mentee_count(mentor) >= mentor_profile.capacity:
        raise ValidationError(
            _("This mentor has no free places at the moment. Try another mentor."),
            code="full",
        )


def mentoring_request(*, actor, mentor, need, idea_address=""):
    """A member asks a mentor: what they need and optionally an idea to share.

    Refused when the mentor is unavailable or full, when the member already has an open
    request or mentoring with them, or MAX_OPEN_REQUESTS requests waiting."""
    if not can_request_mentor(actor, mentor):
        raise PermissionDenied
    need = (need or "").strip()
    if not need:
        raise ValidationError({"need": _("Tell the mentor what you would like help with.")})
    idea_id = idea_from_address(actor=actor, address=idea_address)
    with transaction.atomic():
        # The mentor's row serialises requests and answers against the capacity.
        mentor_profile = MentorProfile.objects.select_for_update().filter(pk=mentor.pk).first()
        _check_room(mentor_profile, mentor)
        open_with_mentor = Mentoring.objects.filter(
            mentee=actor, mentor=mentor, status__in=Mentoring.OPEN_STATUSES
        )
        if open_with_mentor.exists():
            raise ValidationError(
                _("You already have an open request or mentoring with this mentor."),
                code="duplicate",
            )
        waiting = Mentoring.objects.filter(mentee=actor, status=Mentoring.Status.REQUESTED)
        if waiting.count() >= limits.MAX_OPEN_REQUESTS:
            raise ValidationError(
                _(
                    "You have %(count)d requests waiting for an answer. Wait for an answer "
                    "or take one back before asking another mentor."
                )
                % {"count": limits.MAX_OPEN_REQUESTS},
                code="too_many_open",
            )
        limits.limit("request", actor)
        mentoring = Mentoring(mentee=actor, mentor=mentor, need=need, idea_id=idea_id)
        mentoring.full_clean()
        try:
            with transaction.atomic():
                mentoring.save()
        except IntegrityError as error:
            raise ValidationError(
                _("You already have an open request or mentoring with this mentor."),
                code="duplicate",
            ) from error
        _tell(mentoring, recipient=mentor, actor=actor, kind=NotificationKind.MENTORING_REQUEST)
    return mentoring


def mentoring_answer(*, actor, mentoring, accept, answer=""):
    """The mentor accepts (if a place is still free) or declines, with a message."""
    if not can_answer_request(actor, mentoring):
        raise PermissionDenied
    with transaction.atomic():
        mentor_profile = MentorProfile.objects.select_for_update().filter(pk=actor.pk).first()
        mentoring = Mentoring.objects.select_for_update().get(pk=mentoring.pk)
        if mentoring.status != Mentoring.Status.REQUESTED:
            raise ValidationError(_("This request has already been answered."), code="answered")
        if accept and (
            mentor_profile is None or active_mentee_count(actor) >= mentor_profile.capacity
        ):
            raise ValidationError(
                _(
                    "You have no free places: end a mentoring or raise the number of "
                    "mentees in your mentor profile first."
                ),
                code="full",
            )
        mentoring.status = Mentoring.Status.ACTIVE if accept else Mentoring.Status.DECLINED
        mentoring.answer = (answer or "").strip()
        mentoring.answered_at = timezone.now()
        mentoring.full_clean()
        mentoring.save()
        _tell(
            mentoring,
            recipient=mentoring.mentee,
            actor=actor,
            kind=NotificationKind.MENTORING_ACCEPTED
            if accept
            else NotificationKind.MENTORING_DECLINED,
        )
    return mentoring


def mentoring_withdraw(*, actor, mentoring):
    """The mentee takes back a request not yet answered."""
    if not can_withdraw_request(actor, mentoring):
        raise PermissionDenied
    updated = Mentoring.objects.filter(pk=mentoring.pk, status=Mentoring.Status.REQUESTED).update(
        status=Mentoring.Status.WITHDRAWN, ended_at=timezone.now(), ended_by=actor
    )
    if not updated:
        raise ValidationError(_("This request has already been answered."), code="answered")
    mentoring.refresh_from_db()
    return mentoring


def mentoring_update(*, actor, mentoring, goals, video_link=""):
    """The agreed goals (Markdown, sanitised here) and the video meeting link (https)."""
    if not can_work_on_mentoring(actor, mentoring):
        raise PermissionDenied
    video_link = (video_link or "").strip()
    if video_link and urlsplit(video_link).scheme != "https":
        raise ValidationError(
            {
                "video_link": ValidationError(
                    _("The link must start with https://."), code="not_https"
                )
            }
        )
    limits.limit("write", actor)
    mentoring.goals = (goals or "").strip()
    mentoring.goals_html = render_markdown(mentoring.goals)
    mentoring.video_link = video_link
    mentoring.full_clean()
    mentoring.save(update_fields=["goals", "goals_html", "video_link"])
    return mentoring


def meeting_create(*, actor, mentoring, date, notes=""):
    """Record a meeting with notes only the two see (Markdown, sanitised here)."""
    if not can_work_on_mentoring(actor, mentoring):
        raise PermissionDenied
    if date is None:
        raise ValidationError({"date": _("Give the date of the meeting.")})
    if date > timezone.localdate() + timedelta(days=366):
        raise ValidationError({"date": _("Give a date within the next year.")})
    limits.limit("meeting", actor)
    meeting = Meeting(
        mentoring=mentoring,
        author=actor,
        date=date,
        notes=(notes or "").strip(),
    )
    meeting.notes_html = render_markdown(meeting.notes)
    meeting.full_clean()
    meeting.save()
    return meeting


def mentoring_end(*, actor, mentoring):
    """Either of the two ends the mentoring; the other is told and asked for feedback."""
    if not can_end_mentoring(actor, mentoring):
        raise PermissionDenied
    with transaction.atomic():
        updated = Mentoring.objects.filter(pk=mentoring.pk, status=Mentoring.Status.ACTIVE).update(
            status=Mentoring.Status.ENDED, ended_at=timezone.now(), ended_by=actor
        )
        if not updated:
            raise ValidationError(_("This mentoring has already ended."), code="ended")
        mentoring.refresh_from_db()
        _tell(
            mentoring,
            recipient=mentoring.other_party(actor),
            actor=actor,
            kind=NotificationKind.MENTORING_ENDED,
        )
    return mentoring


def feedback_create(*, actor, mentoring, mood, text=""):
    """Each of the two gives feedback once after the end: a mood from 1 to 5 and text."""
    if not can_give_feedback(actor, mentoring):
        raise PermissionDenied
    limits.limit("write", actor)
    feedback = Feedback(
        mentoring=mentoring,
        author=actor,
        is_mentor=actor.pk == mentoring.mentor_id,
        mood=mood,
        text=(text or "").strip(),
    )
    try:
        feedback.full_clean()
    except ValidationError as error:
        if "__all__" in getattr(error, "error_dict", {}):
            raise ValidationError(
                _("You have already given feedback on this mentoring."), code="duplicate"
            ) from error
        raise
    feedback.save()
    return feedback


def mentorings_forget(*, user):
    """A deleted account's mentorings go with their meetings and feedback: they were
    private to the two."""
    Mentoring.objects.filter(mentee=user).delete()
    Mentoring.objects.filter(mentor=user).delete()
    MentorProfile.objects.filter(pk=user.pk).delete()
