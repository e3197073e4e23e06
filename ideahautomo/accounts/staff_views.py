"""Pages of the employment services' staff: ordering accounts and approving sign-ups."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from ideahautomo.lib.actions import call_and_tell

from . import selectors, services
from .forms import InvitationFileForm, InvitationForm
from .invitation_files import problem_summary, read_invitation_file
from .models import EmploymentArea, Invitation, SignUpRequest
from .permissions import (
    can_decide_sign_up,
    can_order_accounts,
    can_order_accounts_in_area,
    can_see_all_areas,
)

PREVIEW_SESSION_KEY = "invitation_file_previews"
INVITATIONS_PER_PAGE = 50


def _require_ordering(request):
    if not can_order_accounts(request.user):
        raise PermissionDenied


@login_required
def invitation_list(request):
    _require_ordering(request)
    state = request.GET.get("tila", "")
    query = request.GET.get("haku", "")[:100]
    area = None
    if can_see_all_areas(request.user) and request.GET.get("alue", "").isdigit():
        area = EmploymentArea.objects.filter(pk=request.GET["alue"]).first()
    page = selectors.invitations_page(
        viewer=request.user,
        number=request.GET.get("sivu"),
        per_page=INVITATIONS_PER_PAGE,
        state=state,
        query=query,
        area=area,
    )
    counts = selectors.invitation_state_counts(viewer=request.user)
    return render(
        request,
        "accounts/staff/invitation_list.html",
        {
            "page": page,
            "state": state,
            "query": query,
            "area": area,
            "areas": EmploymentArea.objects.all() if can_see_all_areas(request.user) else None,
            "states": Invitation.State.choices,
            "state_summary": [
                (value, label, counts[value]) for value, label in Invitation.State.choices
            ],
            "contact_area": request.user.contact_area,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_create(request):
    _require_ordering(request)
    form = InvitationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        area = form.chosen_area()
        if not can_order_accounts_in_area(request.user, area):
            raise PermissionDenied
        try:
            invitation = services.invitation_create(
                actor=request.user,
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                language=form.cleaned_data["language"],
                area=area,
                role=form.chosen_role(),
                also_member=form.chosen_also_member(),
                organisation=form.chosen_organisation(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The invitation to %(email)s is on its way.") % {"email": invitation.email},
            )
            if "another" in request.POST:
                return redirect("accounts:invitation_create")
            return redirect("accounts:invitation_list")
    return render(
        request,
        "accounts/staff/invitation_form.html",
        {"form": form, "contact_area": request.user.contact_area},
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_upload(request):
    """Upload, check and preview a CSV file; nothing is created before confirmation."""
    _require_ordering(request)
    form = InvitationFileForm(request.POST or None, request.FILES or None, user=request.user)
    context = {"form": form, "contact_area": request.user.contact_area}
    if request.method == "POST" and form.is_valid():
        area = form.chosen_area()
        if not can_order_accounts_in_area(request.user, area):
            raise PermissionDenied
        upload = form.cleaned_data["file"]
        invitation_file = read_invitation_file(upload.read())
        context.update(invitation_file=invitation_file, file_name=upload.name, area=area)
        if invitation_file.is_clean:
            preview_id = secrets.token_urlsafe(16)
            # One preview at a time: a new upload replaces an older preview.
            request.session[PREVIEW_SESSION_KEY] = {
                preview_id: {
                    "area": area.pk,
                    "file_name": upload.name,
                    "rows": [row.as_dict() for row in invitation_file.rows],
                }
            }
            context["preview_id"] = preview_id
            return render(request, "accounts/staff/invitation_preview.html", context)
        context["summary"] = (
            problem_summary(invitation_file) if invitation_file.problem_rows else ""
        )
    return render(request, "accounts/staff/invitation_upload.html", context)


@login_required
@require_POST
def invitation_upload_confirm(request):
    _require_ordering(request)
    previews = request.session.get(PREVIEW_SESSION_KEY, {})
    preview = previews.get(request.POST.get("preview", ""))
    if preview is None:
        messages.error(
            request, _("The preview has expired or was already used. Upload the file again.")
        )
        return redirect("accounts:invitation_upload")
    area = get_object_or_404(EmploymentArea, pk=preview["area"])
    if not can_order_accounts_in_area(request.user, area):
        raise PermissionDenied
    try:
        batch = services.invitation_batch_create(
            actor=request.user, area=area, rows=preview["rows"], file_name=preview["file_name"]
        )
    except ValidationError as error:
        if getattr(error, "code", None) == "rate_limited":
            messages.error(request, " ".join(error.messages))
        else:
            messages.error(
                request,
                _("Nothing was created, because the situation changed after the preview: %(e)s")
                % {"e": " ".join(error.messages)},
            )
        return redirect("accounts:invitation_upload")
    finally:
        request.session[PREVIEW_SESSION_KEY] = {}
    count = len(preview["rows"])
    messages.success(
        request,
        ngettext(
            "%(count)d invitation created from %(file)s; it is being sent.",
            "%(count)d invitations created from %(file)s; they are being sent.",
            count,
        )
        % {"count": count, "file": batch.file_name},
    )
    return redirect("accounts:invitation_list")


def _invitation_action(request, pk, service, success):
    """Resend or revoke one invitation the staff member may see; success names its
    %(email)s."""
    _require_ordering(request)
    invitation = selectors.invitation_for_staff(viewer=request.user, pk=pk)
    call_and_tell(
        request,
        service,
        success % {"email": invitation.email},
        actor=request.user,
        invitation=invitation,
    )
    return redirect("accounts:invitation_list")


@login_required
@require_POST
def invitation_resend(request, pk):
    return _invitation_action(
        request,
        pk,
        services.invitation_resend,
        _("A new link was sent to %(email)s; the old link no longer works."),
    )


@login_required
@require_POST
def invitation_revoke(request, pk):
    return _invitation_action(
        request,
        pk,
        services.invitation_revoke,
        _("The invitation to %(email)s was revoked; its link no longer works."),
    )


@login_required
def sign_up_list(request):
    _require_ordering(request)
    page = selectors.sign_up_requests_page(
        viewer=request.user, number=request.GET.get("sivu"), per_page=INVITATIONS_PER_PAGE
    )
    return render(request, "accounts/staff/sign_up_list.html", {"page": page})


@login_required
@require_POST
def sign_up_decide(request, pk):
    _require_ordering(request)
    sign_up_request = (
        SignUpRequest.objects.select_related("user").filter(pk=pk, decided_at=None).first()
    )
    if sign_up_request is None:
        messages.error(request, _("This request has already been decided."))
        return redirect("accounts:sign_up_list")
    if not can_decide_sign_up(request.user, sign_up_request):
        raise Http404
    approve = request.POST.get("decision") == "approve"
    services.sign_up_request_decide(
        actor=request.user, sign_up_request=sign_up_request, approve=approve
    )
    messages.success(
        request,
        (_("%(name)s can now sign in.") if approve else _("The request of %(name)s was declined."))
        % {"name": sign_up_request.user.display_name},
    )
    return redirect("accounts:sign_up_list")


@login_required
def areas_overview(request):
    if not can_see_all_areas(request.user):
        raise PermissionDenied
    return render(
        request,
        "accounts/staff/areas_overview.html",
        {
            "areas": selectors.areas_overview(viewer=request.user),
            "contact_persons": selectors.contact_person_assignments(),
        },
    )
