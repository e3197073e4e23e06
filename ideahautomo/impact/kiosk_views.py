"""The mood kiosk: a point's staff start it, then visitors answer on a tablet.

The kiosk pages depend only on the link, never on who is signed in: the tablet may be
the staff member's own browser, so the pages are rendered without the site's layout,
its menus or anything of the session."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ideahautomo.lib.forms import add_service_errors
from ideahautomo.lib.language import CONTENT_LANGUAGES, remember_language
from ideahautomo.points import permissions as point_permissions
from ideahautomo.points import selectors as point_selectors

from . import services
from .forms import KioskForm
from .kiosk import KioskClosed, kiosk_open
from .models import MOODS

# The thank-you page goes back to the faces by itself after this many seconds.
THANKS_SECONDS = 8
FACES = ["😞", "😟", "😐", "😊", "😄"]


@login_required
@require_POST
def kiosk_start(request, pk):
    if not point_permissions.can_manage_points(request.user):
        raise PermissionDenied
    point = point_selectors.point_for_page(pk=pk)
    if point is None:
        raise Http404
    token = services.kiosk_start(actor=request.user, point=point)
    return redirect("impact:kiosk", token=token)


def _kiosk_render(request, template_name, context, status=200):
    """Render without the site's context processors, so nothing of the session shows."""
    context = {
        "csrf_token": get_token(request),
        "languages": [code for code, _name in CONTENT_LANGUAGES],
        **context,
    }
    return HttpResponse(render_to_string(template_name, context), status=status)


def _closed(request, token, error):
    return _kiosk_render(
        request,
        "impact/kiosk/closed.html",
        {"token": token, "reason": error.reason, "posted": request.method == "POST"},
        status=error.status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def kiosk(request, token):
    try:
        point, day = kiosk_open(token)
    except KioskClosed as error:
        return _closed(request, token, error)
    status = 200
    if request.method == "POST":
        form = KioskForm(request.POST)
        if form.is_valid():
            try:
                services.kiosk_answer(point=point, day=day, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
                if any(e.code == "rate_limited" for e in error.error_list):
                    status = 429
            else:
                return redirect("impact:kiosk_thanks", token=token)
    else:
        form = KioskForm()
    faces = [(value, label, face) for (value, label), face in zip(MOODS, FACES, strict=True)]
    return _kiosk_render(
        request,
        "impact/kiosk/kiosk.html",
        {"token": token, "point": point, "form": form, "faces": faces},
        status=status,
    )


@never_cache
@require_GET
def kiosk_thanks(request, token):
    try:
        point, _day = kiosk_open(token)
    except KioskClosed as error:
        return _closed(request, token, error)
    response = _kiosk_render(request, "impact/kiosk/thanks.html", {"token": token, "point": point})
    # A header rather than <meta http-equiv="refresh">: the page only thanks, the answer
    # is already saved, and the next visitor needs the faces back.
    response["Refresh"] = f"{THANKS_SECONDS}; url={reverse('impact:kiosk', args=[token])}"
    return response


@require_GET
def kiosk_language(request, token, language):
    """The kiosk's own language switch: it sets the language cookie only, and never the
    signed-in person's saved language, as the tablet may be a staff member's browser."""
    response = redirect("impact:kiosk", token=token)
    if language in dict(settings.LANGUAGES):
        remember_language(response, language)
    return response
