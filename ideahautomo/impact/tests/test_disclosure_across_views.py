"""The attacks that undid the small-group protection when each table was protected on its
own: subtracting one period's export from another's, and the areas' exports from the
all-areas one. Every figure here comes from rows of the source tables, refreshed and
downloaded as a contact person and the project manager would."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from ideahautomo.accounts.tests.factories import InvitationFactory
from ideahautomo.impact.figures import add_months, first_of_month, refresh_figures

pytestmark = pytest.mark.django_db


def ended_months(count):
    """The last `count` months whose figures are out: those that ended at least five days ago."""
    today = timezone.localdate()
    last = add_months(first_of_month(today), -1)
    if today < add_months(last, 1) + datetime.timedelta(days=5):
        last = add_months(last, -1)
    return [add_months(last, index - count + 1) for index in range(count)]


def order(area, month, count):
    moment = timezone.make_aware(
        datetime.datetime.combine(month.replace(day=12), datetime.time(10))
    )
    for _ in range(count):
        InvitationFactory(area=area, created_at=moment)


def tables(response):
    """{table title: {row label: [cells]}} of a CSV export."""
    text = response.content.decode("utf-8-sig")
    found, title, rows = {}, None, None
    for line in csv.reader(io.StringIO(text), delimiter=";"):
        if not line:
            continue
        if title is None or (len(line) == 1 and rows):
            title, rows = line[0], {}
            found[title] = rows
            continue
        if line[0] in ("Area", "Period") or rows is None:
            continue
        rows[line[0]] = line[1:]
    return found


def csv_of(client, url, first, last):
    response = client.get(url, {"alku": f"{first:%Y-%m}", "loppu": f"{last:%Y-%m}"})
    assert response.status_code == 200
    return tables(response)


def number(text):
    return int(text) if text.isdigit() else None


def test_two_periods_subtracted_do_not_give_a_hidden_month_back(cast, english_client_for):
    first, middle, last = ended_months(3)
    for month, count in ((first, 12), (middle, 9), (last, 3)):
        order(cast.area, month, count)
    for month, count in ((first, 6), (middle, 7), (last, 8)):
        order(cast.other_area, month, count)
    refresh_figures()
    client = english_client_for(cast.contact_person)
    url = reverse("impact:export_csv")

    longer = csv_of(client, url, first, last)["Accounts"]
    shorter = csv_of(client, url, first, middle)["Accounts"]

    month_label = next(label for label in longer if label not in shorter)
    ordered = 0  # the column of accounts ordered
    assert number(longer[month_label][ordered]) is None  # three orders: hidden
    difference = [number(longer["Whole period"][ordered]), number(shorter["Whole period"][ordered])]
    # Both whole-period figures shown would give the hidden 3 back by subtraction.
    assert None in difference


def test_all_areas_minus_each_area_does_not_give_a_hidden_area_back(cast, english_client_for):
    months = ended_months(3)
    for month, (here, there) in zip(months, [(12, 1), (9, 2), (20, 7)], strict=True):
        order(cast.area, month, here)
        order(cast.other_area, month, there)
    refresh_figures()
    client = english_client_for(cast.project_manager)
    first, last = months[0], months[-1]

    together = csv_of(client, reverse("impact:export_csv"), first, last)["Accounts"]
    by_area = [
        csv_of(client, reverse("impact:area_export_csv", args=[area.pk]), first, last)["Accounts"]
        for area in (cast.area, cast.other_area)
    ]

    leaks = []
    for label, figures in together.items():
        for column, text in enumerate(figures):
            parts = [number(area[label][column]) for area in by_area]
            if number(text) is not None and parts.count(None) == 1:
                leaks.append((label, column, number(text) - sum(p for p in parts if p is not None)))
    # The one hidden area would be the all-areas figure minus the shown one.
    assert leaks == []
    # And the small groups are hidden to begin with.
    vantaa = by_area[1]
    assert any(number(figures[0]) is None for label, figures in vantaa.items())
