"""Pages of moderation: the report form, the moderators' queue and case page with their
actions, and the author's page of a decision with the one appeal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ideahautomo.accounts.permissions import can_suspend_user
from ideahautomo.lib.forms import add_service_errors
from ideahautomo.lib.moderatable import moderatable_kind

from . import permissions, selectors, services
from .forms import AppealForm, DecisionForm, ReportForm
from .models import Appeal, Case

CASES_PER_PAGE = 25


def _item_or_404(request, kind_key, pk):
    kind = moderatable_kind(kind_key)
    if kind is None:
        raise Http404
    obj = kind.load(pk)
    if obj is None or obj.hidden_from(request.user) or not kind.can_see(request.user, obj):
        raise Http404
    return kind, obj


def _back_to(request, kind, obj):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return target
    return kind.url(obj) or "/"


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request, kind, pk):
    if not permissions.can_report(request.user):
        raise PermissionDenied
    kind, obj = _item_or_404(request, kind, pk)
    text, author = kind.snapshot(obj)
    may_report = permissions.can_report_item(request.user, kind, obj, author)
    own = not may_report  # the reporter sees it (else 404 above): so it is their own
    already = selectors.already_reported(reporter=request.user, kind=kind, obj=obj)
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and may_report and form.is_valid():
        try:
            services.report_create(
                actor=request.user,
                kind=kind,
                obj=obj,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you. The moderators will look into your report."))
            return redirect(_back_to(request, kind, obj))
    status = 200
    if own:
        status = 403
    elif form.errors:
        status = 400
    return render(
        request,
        "moderation/report_form.html",
        {
            "form": form,
            "kind": kind,
            # Who may report but not read the item (lib.moderatable) is shown only whose it is.
            "snapshot": text
            if kind.readable_by(request.user, obj)
            else getattr(author, "display_name", ""),
            "own": own,
            "already": already,
            "next": _back_to(request, kind, obj),
        },
        status=status,
    )


def _require_moderator(request):
    if not permissions.can_moderate(request.user):
        raise PermissionDenied


@login_required
def queue(request):
    _require_moderator(request)
    page = selectors.queue_page(number=request.GET.get("sivu"), per_page=CASES_PER_PAGE)
    for case in page.object_list:
        case.kind_label = selectors.kind_label(case)
        case.reasons = sorted({report.get_reason_display() for report in case.reports.all()})
    appeals = selectors.appeals_waiting_for(request.user)
    for appeal in appeals:
        appeal.case.kind_label = selectors.kind_label(appeal.case)
    return render(
        request,
        "moderation/queue.html",
        {
            "page": page,
            "appeals": appeals,
            "held": selectors.held_items(),
            "guidelines": DecisionForm.base_fields["guideline"].choices,
        },
    )


@login_required
@require_POST
def held_approve(request, kind, pk):
    _require_moderator(request)
    kind, obj = selectors.held_item(kind, pk)
    services.held_approve(actor=request.user, kind=kind, obj=obj)
    messages.success(request, _("The post is now visible to others."))
    return redirect("moderation:queue")


@login_required
@require_POST
def held_decline(request, kind, pk):
    _require_moderator(request)
    kind, obj = selectors.held_item(kind, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.held_decline(
                actor=request.user,
                kind=kind,
                obj=obj,
                guideline=form.cleaned_data["guideline"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The post stays hidden. Its author was told why."))
    return redirect("moderation:queue")


def _case_page(request, case, form=None, status=200):
    appeal = selectors.appeal_of(case)
    return render(
        request,
        "moderation/case_detail.html",
        {
            "case": case,
            "kind_label": selectors.kind_label(case),
            "item_url": selectors.item_url(case),
            "appeal": appeal,
            "form": form or DecisionForm(),
            "can_decide": permissions.can_decide_case(request.user, case),
            "can_suspend_author": case.author is not None
            and can_suspend_user(request.user, case.author),
            "can_restore": permissions.can_restore_case(request.user, case),
            "can_decide_appeal": permissions.can_decide_appeal(request.user, appeal),
            "appeal_for_other": appeal is not None
            and appeal.decided_at is None
            and not permissions.can_decide_appeal(request.user, appeal),
        },
        status=status,
    )


@login_required
def case_detail(request, pk):
    _require_moderator(request)
    case = selectors.case_for_moderator(viewer=request.user, pk=pk)
    return _case_page(request, case)


def _decision(request, pk, rule, act, done):
    _require_moderator(request)
    case = get_object_or_404(Case, pk=pk)
    if not rule(request.user, case):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            act(case, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("moderation:queue")
    case = selectors.case_for_moderator(viewer=request.user, pk=pk)
    return _case_page(request, case, form=form, status=400)


@login_required
@require_POST
def case_hide(request, pk):
    return _decision(
        request,
        pk,
        permissions.can_decide_case,
        lambda case, data: services.case_hide(
            actor=request.user, case=case, guideline=data["guideline"], note=data["note"]
        ),
        _("The content is hidden. Its author and the reporters were told."),
    )


@login_required
@require_POST
def case_warn(request, pk):
    return _decision(
        request,
        pk,
        permissions.can_decide_case,
        lambda case, data: services.case_warn(
            actor=request.user, case=case, guideline=data["guideline"], note=data["note"]
        ),
        _("The author was reminded of the guideline. The reporters were told."),
    )


@login_required
@require_POST
def case_dismiss(request, pk):
    return _decision(
        request,
        pk,
        permissions.can_decide_case,
        lambda case, data: services.case_dismiss(actor=request.user, case=case, note=data["note"]),
        _("The reports were dismissed. The reporters were told."),
    )


@login_required
@require_POST
def case_restore(request, pk):
    return _decision(
        request,
        pk,
        permissions.can_restore_case,
        lambda case, data: services.case_restore(actor=request.user, case=case),
        _("The content is visible again. Its author was told."),
    )


@login_required
@require_POST
def appeal_uphold(request, pk):
    _require_moderator(request)
    appeal = get_object_or_404(Appeal.objects.select_related("case"), case_id=pk)
    if not permissions.can_decide_appeal(request.user, appeal):
        raise PermissionDenied
    services.appeal_uphold(actor=request.user, appeal=appeal)
    messages.success(request, _("The content stays hidden. Its author was told."))
    return redirect("moderation:queue")


@login_required
@require_http_methods(["GET", "POST"])
def decision(request, pk):
    """The author's page of a hidden item: why, and the form for the one appeal."""
    case = selectors.case_for_author(viewer=request.user, pk=pk)
    can_appeal = permissions.can_appeal(request.user, case)
    form = AppealForm(request.POST if request.method == "POST" else None) if can_appeal else None
    if request.method == "POST":
        if not can_appeal:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.appeal_create(
                    actor=request.user, case=case, text=form.cleaned_data["text"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Thank you. Another moderator will look at it again."))
                return redirect("moderation:decision", case.pk)
    return render(
        request,
        "moderation/decision.html",
        {"case": case, "appeal": selectors.appeal_of(case), "form": form},
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def decision_for(request, kind, pk):
    """From the author's hidden item (its kind and id) to the page of the decision."""
    case = selectors.case_for_author(viewer=request.user, kind=kind, object_id=pk)
    return redirect("moderation:decision", case.pk)
