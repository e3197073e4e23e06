"""The staff impact dashboards and their exports: aggregates only, small groups hidden."""

import codecs

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ideahautomo.accounts.models import EmploymentArea
from ideahautomo.points.models import ServicePoint

from . import dashboards, export, points, selectors
from .forms import PeriodForm, publication_rule
from .permissions import (
    can_see_impact,
    can_see_impact_of_all_areas,
    can_see_impact_of_area,
    can_see_point_figures,
)


def _area_for(request, area_pk):
    """The area asked for (None: all areas), if the viewer may see it."""
    if not can_see_impact(request.user):
        raise PermissionDenied
    if area_pk is None:
        return None if can_see_impact_of_all_areas(request.user) else request.user.contact_area
    area = get_object_or_404(EmploymentArea, pk=area_pk)
    if not can_see_impact_of_area(request.user, area):
        raise PermissionDenied
    return area


# The figures change only when they are refreshed (nightly), so the rendered
# tables and charts are kept until then.
FIGURES_CACHE_SECONDS = 24 * 60 * 60


def _dashboard(area, form):
    first, last = form.period()
    rows = selectors.published_figures(area=area, first=first, last=last)
    return dashboards.dashboard_build(rows=rows, area=area, first=first, last=last)


def _figures(area, form, context):
    """The rendered tables and charts of the period, from the cache when they are there."""
    first, last = form.period()
    key = ":".join(
        [
            "impact:figures",
            str(area.pk if area else "all"),
            f"{first:%Y-%m}",
            f"{last:%Y-%m}",
            get_language(),
            selectors.figures_version(),
        ]
    )
    figures = cache.get(key)
    if figures is None:
        board = _dashboard(area, form)
        context["dashboard"] = board
        figures = {
            "html": render_to_string("impact/figures.html", {"dashboard": board}),
            "comment_months": board.comment_months,
            "period_label": board.period_label,
            "area_name": board.area_name,
            "first": first,
            "last": last,
        }
        cache.set(key, figures, FIGURES_CACHE_SECONDS)
    return figures


@login_required
@require_GET
def dashboard(request, area_pk=None):
    area = _area_for(request, area_pk)
    form = PeriodForm(request.GET, published_until=selectors.published_until())
    context = {
        "form": form,
        "area": area,
        "figures": None,
        "dashboard": None,
        "comments": [],
        "publication_rule": publication_rule(),
    }
    if can_see_impact_of_all_areas(request.user):
        context["areas"] = EmploymentArea.objects.only("pk", "name")
    if area is not None:
        context["points"] = ServicePoint.objects.filter(area=area).only("pk", "name")
    if form.is_valid():
        figures = _figures(area, form, context)
        context["figures"] = figures
        if figures["comment_months"]:
            context["comments"] = selectors.feedback_comments(
                area=area, months=figures["comment_months"]
            )
        context["query"] = request.GET.urlencode() if request.GET else ""
    return render(request, "impact/dashboard.html", context)


def _export_tables(board):
    period = board.period_label
    tables = []
    for table in board.tables:
        rows = [[label, *figures] for label, figures in table.rows]
        if table.total:
            rows.append([table.total[0], *table.total[1]])
        tables.append(
            export.Table(
                title=table.title,
                columns=[table.row_heading, *table.columns],
                rows=rows,
                period=period,
                area=board.area_name,
            )
        )
    return tables


def _file_name(board, extension):
    area = slugify(board.area.name) if board.area else "kaikki-alueet"
    return f"vaikuttavuus-{area}-{board.first:%Y-%m}-{board.last:%Y-%m}.{extension}"


def _export(request, area_pk, extension):
    area = _area_for(request, area_pk)
    form = PeriodForm(request.GET, published_until=selectors.published_until())
    if not form.is_valid():
        errors = " ".join(str(error) for errors in form.errors.values() for error in errors)
        return HttpResponseBadRequest(
            _("The period is not valid: %(errors)s") % {"errors": errors},
            content_type="text/plain; charset=utf-8",
        )
    board = _dashboard(area, form)
    tables = _export_tables(board)
    if extension == "csv":
        # One file, the tables one after another with an empty line between,
        # and the byte order mark only at the start.
        parts = [export.to_csv(table) for table in tables]
        content = parts[0] + b"".join(
            b"\r\n" + part.removeprefix(codecs.BOM_UTF8) for part in parts[1:]
        )
        content_type = "text/csv; charset=utf-8"
    else:
        content = export.to_xlsx(tables)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{_file_name(board, extension)}"'
    return response


@login_required
@require_GET
def export_csv(request, area_pk=None):
    return _export(request, area_pk, "csv")


@login_required
@require_GET
def export_xlsx(request, area_pk=None):
    return _export(request, area_pk, "xlsx")


@login_required
@require_GET
def point_figures(request, point_pk):
    """One drop-in service point's visitors and kiosk moods, for its area's staff."""
    point = get_object_or_404(ServicePoint.objects.select_related("area"), pk=point_pk)
    if not can_see_point_figures(request.user, point):
        raise PermissionDenied
    last_published = selectors.published_until()
    context = {
        "point": point,
        "visitor_tables": points.visitor_tables(point),
        "moods": points.moods_table(point, last_published=last_published),
        "last_published": last_published,
        "publication_rule": publication_rule(),
    }
    return render(request, "impact/point_figures.html", context)
