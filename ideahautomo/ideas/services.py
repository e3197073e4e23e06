"""Every write to ideas: publishing, interest, comments, the team and the status."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ideahautomo.lib import ratelimit
from ideahautomo.lib.markdown import render_markdown
from ideahautomo.lib.moderatable import hold_if_needed
from ideahautomo.lib.searchable import index_object
from ideahautomo.profiles.services import resolve_skills

from . import permissions
from .models import (
    Idea,
    IdeaComment,
    IdeaFollow,
    IdeaInterest,
    IdeaReview,
    IdeaUpdate,
    JoinRequest,
    TeamMember,
)
from .notices import Kind, emit

MAX_NEEDED_SKILLS = 15
# (events, seconds) per member; a flood gets a clear message instead.
LIMITS = {
    "idea": (5, 24 * 3600),
    "comment": (10, 10 * 60),
    "join": (10, 3600),
    # News and status changes, together: each tells every follower.
    "update": (10, 3600),
    "review": (10, 3600),
}


def _limit(kind, actor):
    count, window = LIMITS[kind]
    if not ratelimit.allow(f"ideas-{kind}", actor.pk, limit=count, window=window):
        minutes = max(1, window // 60)
        raise ValidationError(
            _("You are posting very fast. Wait a while: %(count)d in %(minutes)d minutes at most.")
            % {"count": count, "minutes": minutes},
            code="rate_limited",
        )


def _touch(idea):
    Idea.objects.filter(pk=idea.pk).update(last_activity_at=timezone.now())


def _followers(idea):
    return set(idea.follows.values_list("user_id", flat=True)) | {idea.owner_id}


def _team_ids(idea):
    return set(idea.team.values_list("user_id", flat=True)) | {idea.owner_id}


def _fill(idea, *, title, description, category, municipality, online, visibility):
    idea.title = " ".join(title.split())
    idea.description = description.strip()
    idea.description_html = render_markdown(idea.description)
    idea.category = category
    idea.municipality = municipality
    idea.online = online
    idea.visibility = visibility
    if not idea.title:
        raise ValidationError({"title": _("Give the idea a title.")})
    if municipality is None and not online:
        raise ValidationError(
            _("Tell where the idea happens: choose a municipality, online, or both.")
        )
    idea.full_clean(exclude=["owner", "skills"])


def idea_create(*, actor, skill_names=(), skills=(), **fields):
    if not permissions.can_create_idea(actor):
        raise PermissionDenied
    idea = Idea(owner=actor)
    _fill(idea, **fields)
    _limit("idea", actor)
    hold_if_needed(idea, actor, idea.title, idea.description)
    with transaction.atomic():
        idea.save()
        idea_set_skills(actor=actor, idea=idea, skills=skills, names=skill_names)
        IdeaFollow.objects.create(idea=idea, user=actor)
    return idea


def idea_update(*, actor, idea, skill_names=(), skills=(), **fields):
    if not permissions.can_edit_idea(actor, idea):
        raise PermissionDenied
    _fill(idea, **fields)
    with transaction.atomic():
        idea.last_activity_at = timezone.now()
        idea.save()
        idea_set_skills(actor=actor, idea=idea, skills=skills, names=skill_names)
    return idea


def idea_set_skills(*, actor, idea, skills=(), names=()):
    chosen = resolve_skills(skills=skills, names=names, limit=MAX_NEEDED_SKILLS)
    idea.skills.set(chosen)


def idea_change_status(*, actor, idea, status, note):
    """The owner moves the idea on; the short note is shown to followers as an update."""
    if not permissions.can_edit_idea(actor, idea):
        raise PermissionDenied
    if status not in Idea.Status.values:
        raise ValidationError(_("Unknown status."), code="status")
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Write a short note for the followers.")})
    _limit("update", actor)
    with transaction.atomic():
        previous = idea.status
        idea.status = status
        idea.last_activity_at = timezone.now()
        idea.save(update_fields=["status", "last_activity_at"])
        update = IdeaUpdate(idea=idea, author=actor, status=status, body=note)
        update.full_clean()
        update.save()
        emit(
            Kind.STATUS,
            idea=idea,
            actor=actor,
            recipients=_followers(idea) | _team_ids(idea),
            status=status,
            previous=previous,
        )
    return update


def idea_post_update(*, actor, idea, body):
    if not permissions.can_post_update(actor, idea):
        raise PermissionDenied
    update = IdeaUpdate(idea=idea, author=actor, body=body.strip())
    update.full_clean()
    _limit("update", actor)
    with transaction.atomic():
        update.save()
        _touch(idea)
        emit(Kind.UPDATE, idea=idea, actor=actor, recipients=_followers(idea) | _team_ids(idea))
    return update


def idea_archive(*, actor, idea):
    if not permissions.can_edit_idea(actor, idea):
        raise PermissionDenied
    with transaction.atomic():
        Idea.objects.filter(pk=idea.pk).update(archived_at=timezone.now())
        JoinRequest.objects.filter(idea=idea, state=JoinRequest.State.PENDING).update(
            state=JoinRequest.State.DECLINED, decided_at=timezone.now()
        )
        idea.refresh_from_db()
        # An archived idea is found by nobody.
        index_object("idea", idea)


def idea_hand_over(*, actor, idea, new_owner):
    """The owner gives the idea to a team member and stays in the team."""
    if not permissions.can_edit_idea(actor, idea):
        raise PermissionDenied
    if new_owner.pk not in _team_ids(idea) or new_owner.pk == actor.pk:
        raise ValidationError(_("Ownership can be handed over only to a team member."))
    with transaction.atomic():
        TeamMember.objects.filter(idea=idea, user=new_owner).delete()
        TeamMember.objects.get_or_create(idea=idea, user=actor)
        idea.owner = new_owner
        idea.save(update_fields=["owner"])
        emit(Kind.OWNERSHIP, idea=idea, actor=actor, recipients=[new_owner.pk])


def interest_toggle(*, actor, idea):
    """Mark or unmark interest; returns whether the member is now interested."""
    if not permissions.can_show_interest(actor, idea):
        raise PermissionDenied
    with transaction.atomic():
        deleted, _details = IdeaInterest.objects.filter(idea=idea, user=actor).delete()
        if deleted:
            Idea.objects.filter(pk=idea.pk).update(interest_count=F("interest_count") - 1)
            return False
        try:
            with transaction.atomic():
                IdeaInterest.objects.create(idea=idea, user=actor)
        except IntegrityError:
            return True
        Idea.objects.filter(pk=idea.pk).update(interest_count=F("interest_count") + 1)
        return True


def follow_toggle(*, actor, idea):
    if not permissions.can_comment(actor, idea) and not permissions.is_member(actor):
        raise PermissionDenied
    deleted, _details = IdeaFollow.objects.filter(idea=idea, user=actor).delete()
    if deleted:
        return False
    IdeaFollow.objects.get_or_create(idea=idea, user=actor)
    return True


def comment_create(*, actor, idea, body, parent=None):
    if not permissions.can_comment(actor, idea):
        raise PermissionDenied
    if parent is not None:
        if parent.idea_id != idea.pk or parent.deleted_at is not None:
            raise ValidationError(_("The comment you answered no longer exists."))
        parent = parent.parent or parent  # one level of replies is enough
    comment = IdeaComment(idea=idea, author=actor, parent=parent, body=body.strip())
    comment.full_clean()
    _limit("comment", actor)
    hold_if_needed(comment, actor, comment.body)
    with transaction.atomic():
        comment.save()
        _touch(idea)
        if comment.hidden_at is None:  # a held comment is news only once a moderator lets it
            recipients = _followers(idea)
            if parent is not None:
                recipients.add(parent.author_id)
            emit(Kind.COMMENT, idea=idea, actor=actor, recipients=recipients)
    return comment


def comment_update(*, actor, comment, body):
    if not permissions.can_edit_comment(actor, comment):
        raise PermissionDenied
    comment.body = body.strip()
    comment.edited_at = timezone.now()
    comment.full_clean()
    comment.save(update_fields=["body", "edited_at"])
    return comment


def comment_remove(*, actor, comment):
    """Soft delete: the place stays ("removed") so that replies keep their context."""
    if not permissions.can_edit_comment(actor, comment):
        raise PermissionDenied
    IdeaComment.objects.filter(pk=comment.pk).update(deleted_at=timezone.now(), body="")


def join_request_create(*, actor, idea, message=""):
    if not permissions.can_request_to_join(actor, idea):
        if not idea.is_open_for_team:
            raise ValidationError(_("This idea is not looking for team members now."))
        raise PermissionDenied
    request = JoinRequest(idea=idea, user=actor, message=message.strip())
    request.full_clean(validate_constraints=False)
    _limit("join", actor)
    try:
        with transaction.atomic():
            request.save()
            emit(Kind.JOIN_REQUEST, idea=idea, actor=actor, recipients=[idea.owner_id])
    except IntegrityError as error:
        raise ValidationError(
            _("You have already asked to join; the owner will answer soon."), code="duplicate"
        ) from error
    return request


def join_request_decide(*, actor, join_request, accept):
    idea = join_request.idea
    if not permissions.can_edit_idea(actor, idea):
        raise PermissionDenied
    with transaction.atomic():
        locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if locked.state != JoinRequest.State.PENDING:
            raise ValidationError(_("This request has already been answered."))
        locked.state = JoinRequest.State.ACCEPTED if accept else JoinRequest.State.DECLINED
        locked.decided_at = timezone.now()
        locked.save(update_fields=["state", "decided_at"])
        if accept:
            TeamMember.objects.get_or_create(idea=idea, user_id=locked.user_id)
            IdeaFollow.objects.get_or_create(idea=idea, user_id=locked.user_id)
            if idea.status == Idea.Status.IDEA:
                Idea.objects.filter(pk=idea.pk).update(status=Idea.Status.FORMING)
        _touch(idea)
        emit(
            Kind.JOIN_ACCEPTED if accept else Kind.JOIN_DECLINED,
            idea=idea,
            actor=actor,
            recipients=[locked.user_id],
        )
    return locked


def idea_review_ask(*, actor, idea, asking=True):
    """The owner asks mentors for feedback (the idea enters mentors' queues) or stops."""
    if not permissions.can_ask_for_review(actor, idea):
        raise PermissionDenied
    idea.review_requested_at = timezone.now() if asking else None
    Idea.objects.filter(pk=idea.pk).update(review_requested_at=idea.review_requested_at)
    return idea


def idea_review_create(*, actor, idea, strengths, risks, next_step):
    """A mentor's structured review, once per mentor and idea; the owner is told."""
    if not permissions.can_review_idea(actor, idea):
        raise PermissionDenied
    review = IdeaReview(
        idea=idea,
        mentor=actor,
        strengths=(strengths or "").strip(),
        risks=(risks or "").strip(),
        next_step=(next_step or "").strip(),
    )
    try:
        review.full_clean()
    except ValidationError as error:
        if "__all__" in getattr(error, "error_dict", {}):
            raise ValidationError(
                _("You have already reviewed this idea."), code="duplicate"
            ) from error
        raise
    _limit("review", actor)
    with transaction.atomic():
        review.save()
        emit(Kind.REVIEW, idea=idea, actor=actor, recipients=[idea.owner_id])
    return review
