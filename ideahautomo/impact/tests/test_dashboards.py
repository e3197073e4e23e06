"""The staff impact dashboards and their exports: who sees what, periods, hidden small groups."""

import csv
import io
import re

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ideahautomo.accounts.tests.factories import EmploymentAreaFactory, UserFactory
from ideahautomo.impact.models import PublishedMonth, ServiceFeedback
from ideahautomo.testing import LOGIN, assert_role_table, expect, page_check

from .publishing import LAST_PUBLISHED, months_back, publish

pytestmark = pytest.mark.django_db

LAST_MONTH = LAST_PUBLISHED
MONTH_BEFORE = months_back(1)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def published(db):
    """The last month that may be published is, with nothing in it."""
    PublishedMonth.objects.create(month=LAST_MONTH)


def cell(html, column, value):
    """Whether a table cell under column shows value (escaped as the page has it)."""
    return f'data-label="{column}">{value}</td>' in html


# Who sees what

LANDING_TABLE = expect(
    403, guest=LOGIN, contact_person=200, other_contact_person=200, project_manager=200
)
AREA_TABLE = expect(403, guest=LOGIN, contact_person=200, project_manager=200)


@pytest.mark.parametrize(
    "url_name", ["impact:dashboard", "impact:export_csv", "impact:export_xlsx"]
)
def test_who_may_open_the_dashboard(cast, client_for, url_name):
    check = page_check(client_for, cast.by_role(), reverse(url_name), language="en")
    assert_role_table(check, LANDING_TABLE, label=url_name)


@pytest.mark.parametrize(
    "url_name", ["impact:area", "impact:area_export_csv", "impact:area_export_xlsx"]
)
def test_who_may_open_an_areas_dashboard(cast, client_for, url_name):
    url = reverse(url_name, args=[cast.area.pk])
    check = page_check(client_for, cast.by_role(), url, language="en")
    assert_role_table(check, AREA_TABLE, label=url_name)


@pytest.mark.parametrize(
    ("url_name", "args"),
    [("impact:dashboard", []), ("impact:area", [1]), ("impact:export_xlsx", [])],
)
def test_guests_are_sent_to_sign_in(client, url_name, args):
    response = client.get(reverse(url_name, args=args))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign_in"))


def test_an_unknown_area_is_not_found(cast, english_client_for):
    response = english_client_for(cast.project_manager).get(reverse("impact:area", args=[987654]))
    assert response.status_code == 404


def test_contact_person_sees_their_own_area_only(cast, english_client_for):
    publish(
        LAST_MONTH,
        [
            (cast.area, "accounts_accepted", "", 17),
            (cast.other_area, "accounts_accepted", "", 29),
        ],
    )

    html = english_client_for(cast.contact_person).get(reverse("impact:dashboard")).content.decode()

    assert f"Impact: {cast.area.name}" in html
    assert cell(html, "Accounts taken into use", 17)
    assert not cell(html, "Accounts taken into use", 29)
    assert "Employment areas" not in html


def test_project_manager_sees_all_areas_together_and_can_open_each(cast, english_client_for):
    publish(
        LAST_MONTH,
        [
            (cast.area, "accounts_accepted", "", 17),
            (cast.other_area, "accounts_accepted", "", 29),
            (None, "accounts_accepted", "", 6),
        ],
    )
    client = english_client_for(cast.project_manager)

    together = client.get(reverse("impact:dashboard")).content.decode()
    one = client.get(reverse("impact:area", args=[cast.other_area.pk])).content.decode()

    assert cell(together, "Accounts taken into use", 17 + 29 + 6)
    assert reverse("impact:area", args=[cast.area.pk]) in together
    assert cell(one, "Accounts taken into use", 29)
    assert not cell(one, "Accounts taken into use", 17)


def test_the_staff_menu_links_the_dashboard_for_those_who_may_see_it(cast, english_client_for):
    link = f'href="{reverse("impact:dashboard")}"'
    home = reverse("pages:home")
    assert link in english_client_for(cast.contact_person).get(home).content.decode()
    assert link not in english_client_for(cast.member).get(home).content.decode()


# The period


def test_the_default_period_is_the_twelve_months_up_to_the_last_published(cast, english_client_for):
    publish(months_back(11), [(cast.area, "accounts_ordered", "", 8)])
    publish(months_back(12), [(cast.area, "accounts_ordered", "", 9)])

    response = english_client_for(cast.contact_person).get(reverse("impact:dashboard"))
    board = response.context["dashboard"]

    assert (board.first, board.last) == (months_back(11), LAST_MONTH)
    html = response.content.decode()
    assert cell(html, "Accounts ordered", 8)
    assert not cell(html, "Accounts ordered", 9)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"alku": "2026-05", "loppu": "2026-02"}, "The first month must not be after the last"),
        ({"alku": "2026-13", "loppu": "2026-02"}, "Write the month as year and month"),
        ({"alku": "huhtikuu", "loppu": ""}, "Write the month as year and month"),
        ({"alku": "2020-01", "loppu": "2024-12"}, "Choose at most 36 months at a time."),
        ({"alku": "2020-01", "loppu": "2999-12"}, "Figures have been published up to"),
        ({"alku": "1999-01", "loppu": "1999-02"}, "Choose a month from the year 2000 or later."),
    ],
)
def test_an_impossible_period_is_explained_and_not_exported(
    cast, english_client_for, params, message
):
    client = english_client_for(cast.contact_person)

    response = client.get(reverse("impact:dashboard"), params)
    export = client.get(reverse("impact:export_csv"), params)

    assert response.status_code == 200
    assert response.context["dashboard"] is None
    assert message in response.content.decode()
    assert export.status_code == 400


def test_a_month_not_yet_published_is_explained(cast, english_client_for):
    later = months_back(-1)
    params = {"alku": f"{later:%Y-%m}", "loppu": f"{later:%Y-%m}"}

    response = english_client_for(cast.contact_person).get(reverse("impact:dashboard"), params)

    assert response.context["dashboard"] is None
    html = response.content.decode()
    assert f"Figures have been published up to {LAST_MONTH:%Y-%m}." in html
    assert "published on day 6 of the following month" in html


def test_before_anything_is_published_the_page_says_so(cast, english_client_for):
    PublishedMonth.objects.all().delete()

    response = english_client_for(cast.contact_person).get(reverse("impact:dashboard"))

    assert response.context["dashboard"] is None
    assert "No figures have been published yet." in response.content.decode()


def test_a_chosen_period_is_shown_and_kept_in_the_export_links(cast, english_client_for):
    publish(LAST_MONTH, [(cast.area, "accounts_ordered", "", 12)])
    params = {"alku": f"{LAST_MONTH:%Y-%m}", "loppu": f"{LAST_MONTH:%Y-%m}"}

    response = english_client_for(cast.contact_person).get(reverse("impact:dashboard"), params)

    html = response.content.decode()
    assert cell(html, "Accounts ordered", 12)
    assert f"vienti.xlsx?alku={LAST_MONTH:%Y-%m}&amp;loppu={LAST_MONTH:%Y-%m}" in html


# Small groups are hidden


def test_small_groups_show_as_under_five_and_are_not_drawn(cast, english_client_for):
    publish(
        MONTH_BEFORE,
        [(cast.area, "accounts_ordered", "", 3), (cast.area, "accounts_accepted", "", 2)],
    )
    publish(
        LAST_MONTH,
        [(cast.area, "accounts_ordered", "", 40), (cast.area, "accounts_accepted", "", 30)],
    )

    response = english_client_for(cast.contact_person).get(reverse("impact:dashboard"))
    html = response.content.decode()

    assert cell(html, "Accounts ordered", "&lt; 5")
    assert cell(html, "Accounts taken into use", "&lt; 5")
    assert not cell(html, "Accounts ordered", 3)
    assert not cell(html, "Accounts taken into use", 2)
    # The whole period would give the hidden month back (43 - 40): it is hidden.
    assert cell(html, "Accounts ordered", 40)
    assert not cell(html, "Accounts ordered", 43)
    assert cell(html, "Accounts ordered", "hidden")
    accounts = response.context["dashboard"].tables[0]
    chart = accounts.chart["svg"]
    accepted = [figures[1] for _label, figures in accounts.rows]
    drawn = [f for f in accepted if f.is_published and f.value]
    hidden = [f for f in accepted if f.suppressed]
    assert len(hidden) >= 1
    assert chart.count("<rect") == len(drawn)
    assert chart.count("&lt; 5") == len(hidden)
    assert 'role="img"' in chart and "<title" in chart and "<desc" in chart


def _check_ins(area, month, situations, moods):
    return [(area, "check_in_situation", key, count) for key, count in situations.items()] + [
        (area, "check_in_mood", str(key), count) for key, count in moods.items()
    ]


def test_moods_and_outcomes_are_averages_and_shares_of_published_counts(cast, english_client_for):
    # 22 answers, every group of at least five: all published.
    publish(
        LAST_MONTH,
        _check_ins(cast.area, LAST_MONTH, {"employed": 5, "looking": 17}, {3: 6, 4: 11, 5: 5}),
    )
    publish(
        MONTH_BEFORE,
        _check_ins(cast.area, MONTH_BEFORE, {"employed": 6, "looking": 6}, {2: 1, 4: 6, 5: 5}),
    )

    response = english_client_for(cast.contact_person).get(reverse("impact:dashboard"))
    tables = {table.slug: table for table in response.context["dashboard"].tables}

    last = [f.display for f in tables["outcomes"].rows[-1][1]]
    # Employed, part-time or gig work, pay-subsidised, business, light entrepreneurship,
    # studying, volunteering.
    assert last == ["22", "22.7\u00a0%"] + ["0.0\u00a0%"] * 6
    before = [f.display for f in tables["outcomes"].rows[-2][1]]
    assert before[0] == "12" and before[1] == "50.0\u00a0%"
    trend = tables["mood-trend"].rows
    assert trend[-1][1][0].display == "4.0"  # (3*6 + 4*11 + 5*5) / 22 = 3.95
    # One answer of mood 2 the month before: that month's average would tell it.
    assert trend[-2][1][0].display == "hidden"
    # Over both months: the month before hid its one mood 2 and, to protect it, its five
    # of mood 5; a sum over a hidden count is hidden, and so is the average.
    period = tables["moods"].rows[0][1]
    assert [f.display for f in period[:5]] == ["0", "hidden", "6", "17", "hidden"]
    assert period[5].display == "34"  # the answers of both months
    assert period[6].display == "hidden"


def test_whole_period_shares_stay_hidden_when_a_months_count_is_hidden(cast, english_client_for):
    publish(
        MONTH_BEFORE,
        _check_ins(
            cast.area, MONTH_BEFORE, {"employed": 10, "studying": 10, "looking": 10}, {3: 30}
        ),
    )
    publish(
        LAST_MONTH,
        _check_ins(cast.area, LAST_MONTH, {"employed": 6, "studying": 2, "looking": 4}, {3: 12}),
    )

    response = english_client_for(cast.contact_person).get(reverse("impact:dashboard"))
    outcomes = response.context["dashboard"].tables[-1]

    studying = outcomes.columns.index("Studying")
    before = [f.display for f in outcomes.rows[-2][1]]
    assert before[:2] == ["30", "33.3\u00a0%"] and before[studying] == "33.3\u00a0%"
    # 12 of 42 studied; shown, it would give back the two of the last month (12 - 10).
    whole = [f.display for f in outcomes.total[1]]
    assert whole[0] == "42"
    assert whole[studying] == "hidden"


def test_written_feedback_comes_from_months_of_five_people_without_names(cast, english_client_for):
    writer = UserFactory(display_name="Salainen Kirjoittaja", area=cast.area)
    from ideahautomo.impact.figures import start_of

    during = start_of(LAST_MONTH).replace(day=10)
    earlier = start_of(MONTH_BEFORE).replace(day=10)
    ServiceFeedback.objects.create(
        area=cast.area,
        mood=2,
        user=writer,
        text="<script>alert(1)</script> Liian vähän tapahtumia",
        created_at=during,
    )
    ServiceFeedback.objects.create(
        area=cast.area, mood=1, user=writer, text="Yksinäinen palaute", created_at=earlier
    )
    ServiceFeedback.objects.create(
        area=cast.other_area, mood=1, text="Toisen alueen palaute", created_at=during
    )
    publish(MONTH_BEFORE, [(cast.area, "service_feedback_mood", "1", 1)])
    publish(
        LAST_MONTH,
        [
            (cast.area, "service_feedback_mood", "4", 4),
            (cast.area, "service_feedback_mood", "2", 1),
        ],
    )
    client = english_client_for(cast.contact_person)

    last_month_only = {"alku": f"{LAST_MONTH:%Y-%m}", "loppu": f"{LAST_MONTH:%Y-%m}"}
    html = client.get(reverse("impact:dashboard"), last_month_only).content.decode()
    both = client.get(reverse("impact:dashboard")).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt; Liian vähän tapahtumia" in html
    assert "<script>alert(1)" not in html
    assert "Salainen Kirjoittaja" not in html
    assert "Toisen alueen palaute" not in html
    assert "Mood 2/5" not in html  # a comment's own mood would tell the hidden count
    # The month before had one person: its feedback never shows, whatever the period.
    assert "Yksinäinen palaute" not in both
    assert "Liian vähän tapahtumia" in both


def test_written_feedback_waits_for_a_month_of_five_people(cast, english_client_for):
    ServiceFeedback.objects.create(area=cast.area, mood=4, text="Hyvä palvelu")
    publish(LAST_MONTH, [(cast.area, "service_feedback_mood", "4", 4)])

    html = english_client_for(cast.contact_person).get(reverse("impact:dashboard")).content.decode()

    assert "Hyvä palvelu" not in html
    assert "Written feedback is shown from the months when at least 5 people" in html


# Empty periods and exports


def test_an_empty_period_says_so_and_still_exports(cast, english_client_for):
    client = english_client_for(cast.contact_person)

    html = client.get(reverse("impact:dashboard")).content.decode()
    csv_file = client.get(reverse("impact:export_csv"))
    xlsx_file = client.get(reverse("impact:export_xlsx"))

    assert "There are no figures for this period." in html
    assert "<svg" not in html
    assert csv_file.status_code == 200
    assert csv_file["Content-Type"].startswith("text/csv")
    assert cast.area.name in csv_file.content.decode("utf-8-sig")
    assert xlsx_file.status_code == 200
    assert xlsx_file["Content-Type"] == XLSX
    assert xlsx_file.content[:2] == b"PK"


def test_exports_hide_small_groups_and_name_the_period_and_area(cast, english_client_for):
    publish(MONTH_BEFORE, [(cast.area, "accounts_ordered", "", 3)])
    publish(LAST_MONTH, [(cast.area, "accounts_ordered", "", 40)])
    params = {"alku": f"{MONTH_BEFORE:%Y-%m}", "loppu": f"{LAST_MONTH:%Y-%m}"}
    client = english_client_for(cast.contact_person)

    response = client.get(reverse("impact:export_csv"), params)
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=_delimiter(text)))

    assert 'filename="vaikuttavuus-' in response["Content-Disposition"]
    assert cast.area.name in text
    assert any("< 5" in row for row in rows)
    assert not any("3" in row for row in rows)
    # 43 - 40 would give the hidden month back: the whole period is hidden.
    assert any("40" in row for row in rows)
    assert not any("43" in row for row in rows)
    xlsx = client.get(reverse("impact:export_xlsx"), params)
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    sheet = workbook.worksheets[0]
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert len(workbook.worksheets) == 7
    assert cast.area.name in values
    assert "< 5" in values
    assert 3 not in values
    assert 40 in values
    assert 43 not in values


def _delimiter(text):
    return ";" if text.count(";") > text.count(",") else ","


def test_other_areas_export_is_refused(cast, english_client_for):
    response = english_client_for(cast.other_contact_person).get(
        reverse("impact:area_export_csv", args=[cast.area.pk])
    )
    assert response.status_code == 403


# Queries


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("role", ["contact_person", "project_manager"])
def test_dashboard_queries_do_not_grow_with_the_data(
    cast, english_client_for, role, django_assert_max_num_queries
):
    client = english_client_for(getattr(cast, role))
    url = reverse("impact:dashboard")
    before = _queries(client, url)

    areas = [cast.area] + [EmploymentAreaFactory() for _ in range(14)]
    for back in range(12):
        month = months_back(back)
        counts = [(area, "accounts_ordered", "", number + 5) for number, area in enumerate(areas)]
        counts += [(area, "service_feedback_mood", "4", 5) for area in areas]
        counts += [
            (cast.area, "event_registrations", "", 5),
            (cast.area, "service_feedback_mood", "3", 30),
        ]
        publish(month, counts)
    ServiceFeedback.objects.bulk_create(
        ServiceFeedback(area=cast.area, mood=3, text=f"Palaute {n}") for n in range(30)
    )
    from ideahautomo.impact.figures import start_of

    ServiceFeedback.objects.update(created_at=start_of(LAST_MONTH).replace(day=12))

    with django_assert_max_num_queries(10):
        after = _queries(client, url)
    assert after <= before + 1  # the written feedback, once there are enough people
    assert re.search(r"Palaute \d+", client.get(url).content.decode())


def test_the_rendered_figures_are_kept_until_the_next_refresh(cast, english_client_for):
    from ideahautomo.impact.figures import refresh_figures
    from ideahautomo.impact.models import MonthlyFigure

    publish(LAST_MONTH, [(cast.area, "accounts_ordered", "", 17)])
    client = english_client_for(cast.contact_person)
    url = reverse("impact:dashboard")

    first = _queries(client, url)
    second = _queries(client, url)
    kept = client.get(url).content.decode()
    MonthlyFigure.objects.all().delete()
    PublishedMonth.objects.all().delete()
    refresh_figures()  # there are no invitations: the 17 goes away
    refreshed = client.get(url).content.decode()

    assert second < first
    assert cell(kept, "Accounts ordered", 17)
    assert not cell(refreshed, "Accounts ordered", 17)


def test_charts_draw_with_decimal_dots_in_finnish_too(cast, client_for):
    for back in range(3):
        publish(
            months_back(back),
            [
                (cast.area, "check_in_mood", "4", 6),
                (cast.area, "check_in_mood", "5", 7),
                (cast.area, "check_in_situation", "looking", 13),
                (cast.area, "accounts_accepted", "", 7 + back),
            ],
        )

    html = client_for(cast.contact_person).get(reverse("impact:dashboard")).content.decode()

    charts = re.findall(r"<svg viewBox.*?</svg>", html, flags=re.S)
    assert len(charts) == 3
    numbers = re.findall(r' (?:x|y|x1|x2|y1|y2|cx|cy|width|height)="([^"]*)"', "".join(charts))
    numbers = [number for number in numbers if number != "100%"]
    assert numbers and all(re.fullmatch(r"-?\d+(\.\d+)?", number) for number in numbers)
    for points in re.findall(r'points="([^"]*)"', "".join(charts)):
        assert re.fullmatch(r"\d+(\.\d+)?,\d+(\.\d+)?( \d+(\.\d+)?,\d+(\.\d+)?)*", points)


def test_events_and_participants_by_type_hide_small_groups(cast):
    from ideahautomo.impact import dashboards, selectors

    publish(
        LAST_MONTH,
        [
            (cast.area, "events_held", "workshop", 6),
            (cast.area, "events_held", "webinar", 2),
            (cast.area, "event_attendance", "workshop", 30),
            (cast.area, "event_attendance", "webinar", 3),
        ],
    )
    rows = selectors.published_figures(area=cast.area, first=LAST_MONTH, last=LAST_MONTH)
    board = dashboards.dashboard_build(rows=rows, area=cast.area, first=LAST_MONTH, last=LAST_MONTH)
    table = next(table for table in board.tables if table.slug == "event-kinds")
    from ideahautomo.events.models import Event

    webinar = table.rows[list(Event.Kind.values).index("webinar")][1]
    assert all(figure.suppressed for figure in webinar)
    shown = [figure.value for _label, figures in table.rows for figure in figures]
    assert 2 not in shown and 3 not in shown
    # The types add up to the area's own figure of all events, which is shown.
    assert [figure.value for figure in table.total[1]] == [8, 33]
    activity = next(table for table in board.tables if table.slug == "activity")
    assert 8 in [figure.value for figure in activity.rows[-1][1]]
