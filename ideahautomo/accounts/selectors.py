"""Reads that the accounts pages need, with their joins and visibility rules applied."""

from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Q, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import (
    AuditAction,
    EmploymentArea,
    Invitation,
    ModerationWarning,
    Role,
    RoleAssignment,
    SignUpRequest,
    Suspension,
    User,
    invitation_state_q,
)
from .permissions import can_manage_invitation, can_see_all_areas


def invitations_for_staff(*, viewer, state="", query="", area=None):
    """Invitations the viewer may manage: their own area, or every area for the project manager."""
    invitations = Invitation.objects.select_related("area", "invited_by")
    if can_see_all_areas(viewer):
        if area is not None:
            invitations = invitations.filter(area=area)
    else:
        invitations = invitations.filter(area=viewer.contact_area)
    if state in Invitation.State.values:
        invitations = invitations.in_state(state)
    query = query.strip()
    if query:
        invitations = invitations.filter(Q(name__icontains=query) | Q(email__icontains=query))
    return invitations


def invitation_for_staff(*, viewer, pk):
    """One invitation the viewer may manage; 404 for any other, so existence stays private."""
    invitation = Invitation.objects.select_related("area").filter(pk=pk).first()
    if invitation is None or not can_manage_invitation(viewer, invitation):
        raise Http404
    return invitation


UNACCEPTED_STATES = [state for state in Invitation.State.values if state != "accepted"]


def invitation_state_counts(*, viewer):
    """How many of the viewer's invitations are in each state.

    Two indexed queries: the total, and the states of the unaccepted few; the
    accepted ones (most of them) are the difference.
    """
    now = timezone.now()
    invitations = invitations_for_staff(viewer=viewer).order_by()
    counts = invitations.filter(accepted_at__isnull=True).aggregate(
        **{state: Count("pk", filter=invitation_state_q(state, now)) for state in UNACCEPTED_STATES}
    )
    counts["accepted"] = invitations.count() - sum(counts.values())
    return counts


def areas_overview(*, viewer):
    """Every employment area with its municipalities, active accounts and invitations;
    the look is recorded in the audit log.

    Grouped queries on indexes, whatever the number of people; joining them in
    one query would multiply accounts by invitations.
    """
    from .services import audit_event_record

    audit_event_record(actor=viewer, action=AuditAction.AREAS_VIEWED)
    now = timezone.now()
    areas = list(
        EmploymentArea.objects.annotate(municipality_count=Count("municipalities")).order_by("name")
    )
    accounts = dict(
        User.objects.filter(is_active=True, area__isnull=False)
        .order_by()
        .values_list("area")
        .annotate(count=Count("pk"))
    )
    totals = dict(Invitation.objects.order_by().values_list("area").annotate(count=Count("pk")))
    invitations = {
        row["area"]: row
        for row in Invitation.objects.filter(accepted_at__isnull=True)
        .order_by()
        .values("area")
        .annotate(
            open=Count(
                "pk",
                filter=invitation_state_q("sent", now) | invitation_state_q("opened", now),
            ),
            expired=Count("pk", filter=invitation_state_q("expired", now)),
            unaccepted=Count("pk"),
        )
    }
    empty = {"open": 0, "expired": 0, "unaccepted": 0}
    for area in areas:
        area.account_count = accounts.get(area.pk, 0)
        counts = dict(invitations.get(area.pk, empty))
        counts["accepted"] = totals.get(area.pk, 0) - counts["unaccepted"]
        area.invitation_counts = counts
    return areas


def invitations_page(*, viewer, number, per_page, state="", query="", area=None):
    """One page of the invitations the viewer may see; the look is recorded in the audit log."""
    from .services import audit_event_record

    invitations = invitations_for_staff(viewer=viewer, state=state, query=query, area=area)
    page = Paginator(invitations, per_page).get_page(number)
    audit_event_record(
        actor=viewer,
        action=AuditAction.INVITATIONS_VIEWED,
        area=viewer.contact_area,
        page=page.number,
        state=state,
        query=bool(query),
    )
    return page


def sign_up_requests_page(*, viewer, number, per_page):
    """One page of the sign-up requests the viewer decides; the look is recorded."""
    from .services import audit_event_record

    page = Paginator(sign_up_requests_for_staff(viewer=viewer), per_page).get_page(number)
    audit_event_record(actor=viewer, action=AuditAction.SIGN_UPS_VIEWED, area=viewer.contact_area)
    return page


def sign_up_requests_for_staff(*, viewer):
    requests = SignUpRequest.objects.filter(decided_at__isnull=True).select_related(
        "user", "user__municipality", "user__area"
    )
    if can_see_all_areas(viewer):
        return requests
    return requests.filter(user__area=viewer.contact_area)


def contact_person_assignments():
    """Every active contact person with the area they serve, in one query."""
    return (
        RoleAssignment.objects.filter(role=Role.CONTACT_PERSON, user__is_active=True)
        .select_related("user", "area")
        .order_by("area__name", "user__display_name")
    )


# Suspensions and warnings


def suspension_active_for(user, *, now=None):
    """The suspension keeping user from signing in now, or None."""
    return Suspension.objects.active(now=now).filter(user=user).order_by("-created_at").first()


def suspensions_page(*, appeals_only, number, per_page):
    """Suspensions in force and those with an appeal waiting (waiting appeals first),
    or only those with an appeal waiting; one query for the rows, one for the count."""
    suspensions = Suspension.objects.select_related("user", "suspended_by")
    if appeals_only:
        suspensions = suspensions.appeal_open().order_by("appealed_at", "pk")
    else:
        suspensions = (
            suspensions.filter(
                Q(lifted_at__isnull=True)
                & (Q(ends_at__isnull=True) | Q(ends_at__gt=timezone.now()))
                | Q(appealed_at__isnull=False, appeal_decided_at__isnull=True)
            )
            .annotate(
                waiting=Case(
                    When(appealed_at__isnull=False, appeal_decided_at__isnull=True, then=0),
                    default=1,
                    output_field=IntegerField(),
                )
            )
            .order_by("waiting", "-created_at", "-pk")
        )
    return Paginator(suspensions, per_page).get_page(number)


def open_appeal_count():
    return Suspension.objects.appeal_open().count()


def suspension_for_moderator(*, pk):
    return get_object_or_404(
        Suspension.objects.select_related("user", "suspended_by", "lifted_by", "appeal_decided_by"),
        pk=pk,
    )


MODERATION_RECORD_ROWS = 20


def moderation_record(*, user):
    """A person's latest suspensions and warnings, for moderators deciding what to do."""
    return {
        "suspensions": list(
            Suspension.objects.filter(user=user).select_related("suspended_by")[
                :MODERATION_RECORD_ROWS
            ]
        ),
        "warnings": list(
            ModerationWarning.objects.filter(user=user).select_related("warned_by")[
                :MODERATION_RECORD_ROWS
            ]
        ),
    }
