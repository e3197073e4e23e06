"""The demo history: a past year of quiet demo clients, so that the demo dashboards
show real figures, some of them hidden, and the clients show up nowhere else."""

import io
import re

import openpyxl
import pytest
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from ideahautomo.accounts.demo import DEMO_DOMAIN
from ideahautomo.accounts.models import EmploymentArea, Invitation, Role, User
from ideahautomo.events.models import Event, Feedback, Registration
from ideahautomo.impact.demo_history import CLIENT_PREFIX, demo_history_create
from ideahautomo.impact.models import CheckIn, MonthlyFigure, ServiceFeedback
from ideahautomo.impact.selectors import month_of
from ideahautomo.profiles import matching, selectors
from ideahautomo.profiles.models import Profile

pytestmark = pytest.mark.django_db

HELSINKI = "Helsingin työllisyysalue (demo)"
VANTAA = "Vantaan ja Keravan työllisyysalue (demo)"
ESPOO = "Espoon seudun työllisyysalue (demo)"
HIDDEN = "&lt; 5"


@pytest.fixture
def demo(demo_data):
    return demo_data


@pytest.fixture
def english(client_for):
    def sign_in(email):
        client = client_for(User.objects.get(email=email))
        client.cookies["django_language"] = "en"
        return client

    return sign_in


def clients():
    return User.objects.filter(email__startswith=CLIENT_PREFIX, email__endswith=f"@{DEMO_DOMAIN}")


def snapshot():
    tables = {
        "users": User.objects.values_list("email", "area_id", "date_joined"),
        "invitations": Invitation.objects.values_list(
            "email", "created_at", "accepted_at", "area_id"
        ),
        "check_ins": CheckIn.objects.values_list("user_id", "month", "situation", "mood"),
        "feedback": ServiceFeedback.objects.values_list("user_id", "mood", "text", "created_at"),
        "figures": MonthlyFigure.objects.values_list("month", "area_id", "metric", "key", "value"),
    }
    return {name: sorted(rows, key=repr) for name, rows in tables.items()}


def cells(html, slug):
    """The published figures of a dashboard table's months (not its total row)."""
    section = html.split(f'aria-labelledby="{slug}-heading"', 1)[1].split("</section>", 1)[0]
    body = section.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<td data-label="([^"]+)">([^<]*)</td>', body)


def test_running_the_demo_again_changes_nothing(demo):
    before = snapshot()
    call_command("demo_data", stdout=io.StringIO())
    assert snapshot() == before
    assert demo_history_create() == 0


def test_clients_are_quiet_members_of_the_three_demo_areas(demo):
    people = clients()
    assert 550 <= people.count() <= 800
    by_area = {name: people.filter(area__name=name).count() for name in (HELSINKI, VANTAA, ESPOO)}
    assert by_area[HELSINKI] > 3 * by_area[VANTAA] > 0
    assert by_area[HELSINKI] > 3 * by_area[ESPOO] > 0
    assert sum(by_area.values()) == people.count()
    # Members, but nobody can sign in as them and they have no profile.
    assert people.filter(role_assignments__role=Role.MEMBER).count() == people.count()
    assert not any(user.has_usable_password() for user in people)
    assert not Profile.objects.filter(user__in=people).exists()
    # Each came in through an accepted invitation of their area; some were never accepted.
    ordered = Invitation.objects.filter(email__startswith=CLIENT_PREFIX)
    assert ordered.filter(accepted_user__isnull=False).count() == people.count()
    assert not ordered.exclude(accepted_user=None).exclude(area=F("accepted_user__area")).exists()
    assert ordered.filter(accepted_at=None).exists()
    assert not ordered.filter(created_at__gt=timezone.now()).exists()


def test_clients_answers_follow_the_models_rules(demo):
    answers = CheckIn.objects.filter(user__in=clients())
    assert answers.count() > 500
    # This month stays open, as for the demo members.
    assert not answers.filter(month=month_of()).exists()
    assert not answers.filter(skipped=False, situation="").exists()
    assert not answers.filter(skipped=False, mood=None).exists()
    assert answers.filter(skipped=True).exists()
    situations = set(answers.exclude(skipped=True).values_list("situation", flat=True))
    assert {"looking", "employed", "studying", "business"} <= situations
    for answer in answers.select_related("user"):
        assert answer.area_id == answer.user.area_id
        assert answer.month >= answer.user.date_joined.date().replace(day=1)
    # Feedback from a client is signed, so it has their area; its text is plain Finnish.
    feedback = ServiceFeedback.objects.filter(user__in=clients())
    assert feedback.count() >= 30
    for area in EmploymentArea.objects.filter(name__in=[HELSINKI, VANTAA]):
        written = feedback.filter(area=area).exclude(text="")
        assert written.count() >= 5, area.name
    assert not feedback.filter(created_at__gt=timezone.now()).exists()
    # The anonymous demo feedback stays without a person and an area.
    assert not ServiceFeedback.objects.filter(user=None).exclude(area=None).exists()


def test_clients_went_to_past_events_of_their_own_area(demo):
    registrations = Registration.objects.filter(user__in=clients()).select_related(
        "event__municipality", "user"
    )
    assert registrations.count() > 100
    for registration in registrations:
        event = registration.event
        assert event.ends_at < timezone.now()
        assert event.municipality.employment_area_id == registration.user.area_id
        assert registration.registered_at >= registration.user.date_joined
        assert event.registered_count <= event.capacity
    events = Event.objects.filter(registrations__in=registrations).distinct()
    for event in events:
        assert event.registered_count == event.registrations.filter(status="confirmed").count()
    assert registrations.filter(attended=True).exists()
    assert registrations.filter(attended=False).exists()
    # Event feedback is anonymous: given by those who came, never more.
    given = registrations.exclude(feedback_given_at=None)
    assert not given.exclude(attended=True).exists()
    assert Feedback.objects.filter(event__in=events).count() == given.count()


def test_the_helsinki_dashboard_shows_figures_and_hides_small_groups(demo, english):
    client = english(f"yhteyshenkilo@{DEMO_DOMAIN}")
    response = client.get(reverse("impact:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Impact: Helsingin työllisyysalue (demo)" in html
    assert html.count('role="img"') >= 3  # the charts are drawn

    accounts = cells(html, "accounts")
    published = [int(value) for _column, value in accounts if value.isdigit()]
    assert sum(value >= 5 for value in published) >= 12
    # Mentors invited now and then are a column of their own, too few to show by month.
    staff = [value for column, value in accounts if column.startswith("Staff, mentor")]
    assert HIDDEN in staff

    # The active members of past months, as the nightly refreshes would have stored them.
    active = [value for _column, value in cells(html, "active")]
    assert sum(value.isdigit() and int(value) >= 5 for value in active) >= 10

    outcomes = cells(html, "outcomes")
    answers = [value for column, value in outcomes if column == "Answers"]
    assert sum(value.isdigit() and int(value) >= 5 for value in answers) >= 6
    shares = [value for column, value in outcomes if column != "Answers"]
    percentages = [re.fullmatch(r"(\d+\.\d)\u00a0%", value) for value in shares]
    assert any(match and float(match[1]) > 0 for match in percentages)
    assert any(value == "hidden" for value in shares)

    activity = cells(html, "activity")
    registered = [value for column, value in activity if column == "Event registrations"]
    assert sum(value.isdigit() and int(value) >= 5 for value in registered) >= 8
    # Two events a month are too few to publish.
    held = [value for column, value in activity if column == "Events held"]
    assert HIDDEN in held

    moods = cells(html, "mood-trend")
    assert any(re.fullmatch(r"[1-5][.,]\d", value) for _column, value in moods)
    # Enough people sent written feedback for it to be shown.
    comments = html.split('class="feedback-comments"', 1)[1].split("</ul>", 1)[0]
    assert comments.count("<li>") >= 5


def test_the_vantaa_dashboard_is_mostly_hidden(demo, english):
    html = (
        english(f"yhteyshenkilo.vantaa@{DEMO_DOMAIN}")
        .get(reverse("impact:dashboard"))
        .content.decode()
    )
    accounts = cells(html, "accounts")
    assert sum(value == HIDDEN for _column, value in accounts) >= 6


def test_the_excel_export_has_the_figures_with_small_groups_hidden(demo, english):
    client = english(f"yhteyshenkilo@{DEMO_DOMAIN}")
    response = client.get(reverse("impact:export_xlsx"))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    values = [cell for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "< 5" in values
    assert any(isinstance(value, int) and value >= 5 for value in values)


def test_clients_are_nowhere_in_the_directory_or_suggestions(demo, english):
    ids = set(clients().values_list("pk", flat=True))
    member = User.objects.get(email=f"jasen@{DEMO_DOMAIN}")
    listed = set(
        selectors.directory(viewer=member, filters=selectors.DirectoryFilters()).values_list(
            "pk", flat=True
        )
    )
    assert listed and not listed & ids
    suggested = {
        suggestion.target.pk
        for kind, _label, group in matching.suggestions_for(member, limit=100)
        for suggestion in group
        if kind == "people"
    }
    assert suggested and not suggested & ids
    client = english(f"jasen@{DEMO_DOMAIN}")
    for url in (reverse("profiles:directory"), reverse("profiles:suggestions")):
        html = client.get(url).content.decode()
        assert not any(f"/jasenet/{pk}/" in html for pk in ids), url


def test_the_dashboard_reads_as_few_queries_as_without_the_history(
    english, django_assert_max_num_queries
):
    from ideahautomo.accounts import demo as accounts_demo
    from ideahautomo.impact.figures import refresh_figures

    accounts_demo.demo_create()
    refresh_figures()
    client = english(f"yhteyshenkilo@{DEMO_DOMAIN}")
    url = reverse("impact:dashboard")
    with django_assert_max_num_queries(9) as without:
        assert client.get(url).status_code == 200
    demo_history_create()
    refresh_figures()
    with django_assert_max_num_queries(9) as with_history:
        assert client.get(url).status_code == 200
    # Only the written feedback, once enough people sent some.
    assert len(with_history) <= len(without) + 1
