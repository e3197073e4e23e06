"""Every write of moderation: reports, the moderators' decisions and the authors' appeals.

Each decision changes the case and the item in one transaction, writes its audit row and
tells the author and every reporter through notify()."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ideahautomo.accounts.models import AuditAction
from ideahautomo.accounts.services import audit_event_record
from ideahautomo.lib import ratelimit
from ideahautomo.lib.moderatable import Guideline, moderatable_kind
from ideahautomo.messaging.models import NotificationKind
from ideahautomo.messaging.services import notify

from .models import Appeal, Case, Reason, Report

REPORT_SCOPE = "moderation-report"
REPORTS_PER_HOUR = 10
APPEAL_SCOPE = "moderation-appeal"
APPEALS_PER_HOUR = 5

# What a reporter is told of the decision, in the reporter's language.
OUTCOMES = {
    Case.State.HIDDEN: gettext_lazy("it was hidden"),
    Case.State.WARNED: gettext_lazy("the author was reminded of the community guidelines"),
    Case.State.DISMISSED: gettext_lazy("it did not break the community guidelines"),
}


def report_create(*, actor, kind, obj, reason, details=""):
    """Report obj (of a registered kind) to the moderators, with its text as it is now.

    One report per person per item; nobody reports what they wrote themselves."""
    text, author = kind.snapshot(obj)
    if author is not None and author.pk == actor.pk:
        raise ValidationError(_("You cannot report what you wrote yourself."), code="own")
    if reason not in Reason.values:
        raise ValidationError({"reason": _("Choose a reason from the list.")}, code="reason")
    if Report.objects.filter(reporter=actor, kind=kind.key, object_id=obj.pk).exists():
        raise ValidationError(
            _("You have already reported this. The moderators will look into it."),
            code="already_reported",
        )
    if not ratelimit.allow(REPORT_SCOPE, actor.pk, limit=REPORTS_PER_HOUR, window=60 * 60):
        raise ValidationError(
            _("You have sent many reports in a short time. Try again in an hour."),
            code="rate_limited",
        )
    report = Report(
        reporter=actor,
        kind=kind.key,
        object_id=obj.pk,
        snapshot=text,
        author=author,
        reason=reason,
        details=(details or "").strip(),
    )
    try:
        with transaction.atomic():
            case, created = Case.objects.select_for_update().get_or_create(
                kind=kind.key,
                object_id=obj.pk,
                defaults={"author": author, "snapshot": text},
            )
            if not created and case.state in (
                Case.State.DISMISSED,
                Case.State.WARNED,
                Case.State.RESTORED,
            ):
                # Reported again after a decision: the item waits for a new look, as it is now.
                case.state = Case.State.OPEN
                case.opened_at = timezone.now()
                case.snapshot = text
                case.save(update_fields=["state", "opened_at", "snapshot"])
            report.case = case
            report.full_clean(exclude=["case", "reporter", "author"])
            report.save()
            audit_event_record(
                actor=actor,
                action=AuditAction.CONTENT_REPORTED,
                target=report,
                kind=kind.key,
                reason=reason,
            )
    except IntegrityError as error:  # the same person reported it at the same moment
        raise ValidationError(
            _("You have already reported this. The moderators will look into it."),
            code="already_reported",
        ) from error
    return report


def _object_of(case):
    kind = moderatable_kind(case.kind)
    return kind, (kind.load(case.object_id) if kind is not None else None)


def _in_language(person, make):
    with translation.override(getattr(person, "language", None) or "fi"):
        return make()


def _guideline_name(case):
    return str(Guideline(case.guideline).label) if case.guideline else ""


def _tell_reporters(case):
    reporters = [report.reporter for report in case.reports.select_related("reporter")]
    for reporter in reporters:
        if reporter is None:
            continue
        notify(
            recipient=reporter,
            kind=NotificationKind.REPORT_HANDLED,
            target=case,
            text_params=_in_language(
                reporter, lambda: {"title": case.title, "outcome": str(OUTCOMES[case.state])}
            ),
        )


def _decision_url(case):
    return reverse("moderation:decision", args=[case.pk])


def _require_open(case):
    if case.state != Case.State.OPEN:
        raise ValidationError(_("This case has already been decided."), code="decided")


def _require_guideline(guideline):
    if guideline not in Guideline.values:
        raise ValidationError(
            {"guideline": _("Choose the community guideline it breaks.")}, code="guideline"
        )


def _decide(case, *, actor, state, guideline="", note=""):
    case.state = state
    case.guideline = guideline
    case.note = (note or "").strip()
    case.decided_by = actor
    case.decided_at = timezone.now()
    case.save(update_fields=["state", "guideline", "note", "decided_by", "decided_at"])


def case_hide(*, actor, case, guideline, note=""):
    """Hide the reported item: others see a placeholder, the author is told why and may
    appeal once, and the reporters hear the outcome."""
    _require_guideline(guideline)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        _require_open(case)
        kind, obj = _object_of(case)
        if obj is not None:
            kind.hide(obj, guideline=guideline)
        _decide(case, actor=actor, state=Case.State.HIDDEN, guideline=guideline, note=note)
        case.hidden_by = actor
        case.save(update_fields=["hidden_by"])
        audit_event_record(
            actor=actor, action=AuditAction.CONTENT_HIDDEN, target=case, guideline=guideline
        )
        _tell_author_hidden(case)
        _tell_reporters(case)
    return case


def _tell_author_hidden(case):
    if case.author is not None:
        notify(
            recipient=case.author,
            kind=NotificationKind.CONTENT_HIDDEN,
            target=case,
            text_params=_in_language(
                case.author,
                lambda: {"title": case.title, "guideline": _guideline_name(case)},
            ),
            url=_decision_url(case),
        )


def _require_held(obj):
    if obj.hidden_at is None or obj.hidden_guideline:
        raise ValidationError(_("This is not waiting for a moderator."), code="not_held")


def held_approve(*, actor, kind, obj):
    """Let a new account's held post be seen by others."""
    _require_held(obj)
    with transaction.atomic():
        kind.restore(obj)
        audit_event_record(actor=actor, action=AuditAction.HELD_APPROVED, target=obj, kind=kind.key)
    return obj


def held_decline(*, actor, kind, obj, guideline, note=""):
    """Keep a held post hidden under a guideline: it becomes a hidden case, so its author
    is told why and may appeal as for any hidden item."""
    _require_guideline(guideline)
    _require_held(obj)
    text, author = kind.snapshot(obj)
    with transaction.atomic():
        case, _created = Case.objects.select_for_update().get_or_create(
            kind=kind.key, object_id=obj.pk, defaults={"author": author, "snapshot": text}
        )
        kind.hide(obj, guideline=guideline)
        _decide(case, actor=actor, state=Case.State.HIDDEN, guideline=guideline, note=note)
        case.hidden_by = actor
        case.save(update_fields=["hidden_by"])
        audit_event_record(
            actor=actor, action=AuditAction.CONTENT_HIDDEN, target=case, guideline=guideline
        )
        _tell_author_hidden(case)
    return case


def case_warn(*, actor, case, guideline, note=""):
    """Leave the item visible and remind its author of the guideline it came near."""
    _require_guideline(guideline)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        _require_open(case)
        _decide(case, actor=actor, state=Case.State.WARNED, guideline=guideline, note=note)
        audit_event_record(
            actor=actor, action=AuditAction.AUTHOR_WARNED, target=case, guideline=guideline
        )
        if case.author is not None:
            notify(
                recipient=case.author,
                kind=NotificationKind.CONTENT_WARNED,
                target=case,
                text_params=_in_language(
                    case.author,
                    lambda: {
                        "title": case.title,
                        "guideline": _guideline_name(case),
                        "note": case.note,
                    },
                ),
                url=reverse("pages:guidelines"),
            )
        _tell_reporters(case)
    return case


def case_dismiss(*, actor, case, note=""):
    """The item breaks no guideline: it stays as it is, the reporters hear so."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        _require_open(case)
        _decide(case, actor=actor, state=Case.State.DISMISSED, note=note)
        audit_event_record(actor=actor, action=AuditAction.CASE_DISMISSED, target=case)
        _tell_reporters(case)
    return case


def case_restore(*, actor, case):
    """Show a hidden item again; answers the author's waiting appeal, which only a
    moderator other than the one who hid the item may decide."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.state != Case.State.HIDDEN:
            raise ValidationError(_("Only a hidden item can be restored."), code="not_hidden")
        appeal = Appeal.objects.filter(case=case, decided_at__isnull=True).first()
        if appeal is not None:
            _require_other_moderator(case, actor)
            appeal.outcome = Appeal.Outcome.RESTORED
            appeal.decided_at = timezone.now()
            appeal.decided_by = actor
            appeal.save(update_fields=["outcome", "decided_at", "decided_by"])
        kind, obj = _object_of(case)
        if obj is not None:
            kind.restore(obj)
        case.state = Case.State.RESTORED
        case.decided_by = actor
        case.decided_at = timezone.now()
        case.save(update_fields=["state", "decided_by", "decided_at"])
        audit_event_record(
            actor=actor,
            action=AuditAction.CONTENT_RESTORED,
            target=case,
            appeal=appeal is not None,
        )
        if case.author is not None:
            notify(
                recipient=case.author,
                kind=NotificationKind.CONTENT_RESTORED,
                target=case,
                text_params={"title": case.title},
            )
    return case


def _require_other_moderator(case, actor):
    if case.hidden_by_id == actor.pk:
        raise ValidationError(
            _("Another moderator decides the appeal of an item you hid."), code="same_moderator"
        )


def appeal_create(*, actor, case, text):
    """The author's one request for another look at a hidden item."""
    text = (text or "").strip()
    if case.author_id != actor.pk or case.state != Case.State.HIDDEN:
        raise ValidationError(_("Only the author of a hidden item may appeal."), code="not_author")
    if not text:
        raise ValidationError({"text": _("Tell the moderators why to look again.")}, code="empty")
    if Appeal.objects.filter(case=case).exists():
        raise ValidationError(_("You have already asked for another look."), code="twice")
    if not ratelimit.allow(APPEAL_SCOPE, actor.pk, limit=APPEALS_PER_HOUR, window=60 * 60):
        raise ValidationError(
            _("You have sent many appeals in a short time. Try again in an hour."),
            code="rate_limited",
        )
    appeal = Appeal(case=case, author=actor, text=text)
    appeal.full_clean(exclude=["case", "author"])
    try:
        with transaction.atomic():
            appeal.save()
            audit_event_record(actor=actor, action=AuditAction.APPEAL_CREATED, target=case)
    except IntegrityError as error:
        raise ValidationError(
            _("You have already asked for another look."), code="twice"
        ) from error
    return appeal


def appeal_uphold(*, actor, appeal):
    """Keep the item hidden after another moderator's look; the author is told."""
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().select_related("case").get(pk=appeal.pk)
        if appeal.decided_at is not None:
            raise ValidationError(_("This appeal has already been decided."), code="decided")
        _require_other_moderator(appeal.case, actor)
        appeal.outcome = Appeal.Outcome.UPHELD
        appeal.decided_at = timezone.now()
        appeal.decided_by = actor
        appeal.save(update_fields=["outcome", "decided_at", "decided_by"])
        audit_event_record(actor=actor, action=AuditAction.APPEAL_UPHELD, target=appeal.case)
        if appeal.case.author is not None:
            notify(
                recipient=appeal.case.author,
                kind=NotificationKind.APPEAL_UPHELD,
                target=appeal.case,
                text_params={"title": appeal.case.title},
                url=_decision_url(appeal.case),
            )
    return appeal


def user_moderation_forget(*, user):
    """A deleted account's reports stay for the moderators without its name; what it
    wrote stays, as everything it wrote for others does. The case of its profile goes
    with the profile (a profile's id is its user's)."""
    with transaction.atomic():
        Report.objects.filter(reporter=user).update(reporter=None)
        Case.objects.filter(kind="profile", object_id=user.pk).delete()
