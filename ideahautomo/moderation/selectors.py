"""Reads of moderation: the queue, one case for a moderator and a decision for its author."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404

from ideahautomo.accounts.models import AuditAction
from ideahautomo.accounts.services import audit_event_record
from ideahautomo.lib.moderatable import holding_kinds, moderatable_kind

from .models import Appeal, Case, Report
from .permissions import can_view_decision

APPEALS_SHOWN = 50
HELD_SHOWN = 20  # of each kind


def open_cases():
    """Reported items waiting for a moderator, oldest first, each with its reports'
    count and its reports (one query for a page of them)."""
    return (
        Case.objects.filter(state=Case.State.OPEN)
        .select_related("author")
        .annotate(report_count=Count("reports"))
        .prefetch_related(Prefetch("reports", queryset=Report.objects.only("case_id", "reason")))
        .order_by("opened_at", "id")
    )


def open_case_count():
    """How many reported items wait for a moderator (the moderator's home page)."""
    return Case.objects.filter(state=Case.State.OPEN).count()


def queue_page(*, number, per_page):
    return Paginator(open_cases(), per_page).get_page(number)


def appeals_waiting_for(viewer):
    """Appeals the viewer may decide: never those of items they hid themselves."""
    return list(
        Appeal.objects.filter(decided_at__isnull=True, case__state=Case.State.HIDDEN)
        .exclude(case__hidden_by=viewer)
        .select_related("case", "case__author")
        .order_by("created_at", "id")[:APPEALS_SHOWN]
    )


def case_for_moderator(*, viewer, pk):
    """The case with its reports and appeal; the look is recorded in the audit log."""
    case = (
        Case.objects.select_related("author", "decided_by", "hidden_by")
        .prefetch_related(Prefetch("reports", queryset=Report.objects.select_related("reporter")))
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    audit_event_record(actor=viewer, action=AuditAction.MODERATION_CASE_VIEWED, target=case)
    return case


def item_url(case):
    """Where the reported item is, for moderators; None for items without a page."""
    kind = moderatable_kind(case.kind)
    if kind is None:
        return None
    obj = kind.load(case.object_id)
    return kind.url(obj) if obj is not None else None


def kind_label(case):
    kind = moderatable_kind(case.kind)
    return kind.label if kind is not None else case.kind


def case_for_author(*, viewer, pk=None, kind=None, object_id=None):
    """A hidden item's decision for its author (by the case's id, or by the item's kind and
    id); anyone else is answered as for an unknown id."""
    if pk is not None:
        case = Case.objects.filter(pk=pk).first()
    else:
        case = Case.objects.filter(kind=kind, object_id=object_id).first()
    if case is None or not can_view_decision(viewer, case):
        raise Http404
    return case


def appeal_of(case):
    return Appeal.objects.filter(case=case).first()


def held_items():
    """New accounts' posts with links waiting for a moderator, oldest first: one query per
    kind that holds posts, each item with .kind, .snapshot_text and .snapshot_author."""
    items = []
    for kind in holding_kinds():
        author_field = kind.model.moderation_author_field
        held = (
            kind.model.objects.filter(hidden_at__isnull=False, hidden_guideline="")
            .select_related(author_field)
            .order_by("hidden_at", "pk")[:HELD_SHOWN]
        )
        for obj in held:
            obj.kind = kind
            obj.snapshot_text, obj.snapshot_author = kind.snapshot(obj)
            items.append(obj)
    return sorted(items, key=lambda obj: obj.hidden_at)


def held_item(kind_key, pk):
    """A held post of a holding kind, or 404."""
    kind = moderatable_kind(kind_key)
    if kind is None or not kind.holds:
        raise Http404
    obj = kind.load(pk)
    if obj is None or obj.hidden_at is None or obj.hidden_guideline:
        raise Http404
    return kind, obj


def already_reported(*, reporter, kind, obj):
    return Report.objects.filter(reporter=reporter, kind=kind.key, object_id=obj.pk).exists()
