"""Demo reports: the demo moderator finds open items in the queue; running the demo again
changes nothing."""

import pytest
from django.core.management import call_command

from ideahautomo.accounts.demo import DEMO_DOMAIN
from ideahautomo.accounts.models import User
from ideahautomo.moderation.models import Case, Report

pytestmark = pytest.mark.django_db


def test_the_demo_moderator_finds_open_reports(client):
    call_command("demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    reports = Report.objects.count()
    assert reports >= 3
    assert Case.objects.filter(state=Case.State.OPEN).count() >= 3
    kinds = {report.kind for report in Report.objects.all()}
    assert kinds >= {"idea_comment", "circle_post", "profile"}
    # Messaging's old demo report of a person (paid courses advertised in private
    # messages) is a profile report in the one queue.
    sanna = Report.objects.get(details="Mainostaa maksullisia kursseja yksityisviesteissä.")
    assert (sanna.kind, sanna.reporter.email) == ("profile", f"sanna@{DEMO_DOMAIN}")
    call_command("demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Report.objects.count() == reports
    client.force_login(User.objects.get(email=f"moderaattori@{DEMO_DOMAIN}"))
    page = client.get("/moderointi/")
    assert page.status_code == 200
    assert page.content.decode().count('class="card"') >= 3
