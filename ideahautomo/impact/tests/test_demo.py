"""Demo check-ins and feedback: the demo members' months, and a synthetic population's year."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count, F
from django.utils import timezone

from ideahautomo.accounts.demo import DEMO_DOMAIN, synthetic_members_create
from ideahautomo.impact import demo
from ideahautomo.impact.demo_history import CLIENT_PREFIX
from ideahautomo.impact.models import CheckIn, ServiceFeedback
from ideahautomo.impact.selectors import month_of

pytestmark = pytest.mark.django_db


def quiet(*args, **kwargs):
    pass


def test_demo_members_have_earlier_months_but_this_month_is_still_open(demo_data):
    aino = CheckIn.objects.filter(user__email=f"jasen@{DEMO_DOMAIN}").order_by("month")
    assert aino.count() == 5
    assert [c.situation for c in aino] == ["looking", "looking", "", "training", "employed"]
    assert aino[2].skipped
    assert all(c.area_id is not None for c in aino)
    assert not CheckIn.objects.filter(month=month_of()).exists()
    # Only people with the member role answer.
    assert not CheckIn.objects.filter(user__role_assignments__role="contact_person").exists()
    # Besides the demo history's feedback, signed by its invented clients.
    demo_feedback = ServiceFeedback.objects.exclude(user__email__startswith=CLIENT_PREFIX)
    assert demo_feedback.count() == len(demo.DEMO_FEEDBACK)
    anonymous = ServiceFeedback.objects.filter(user=None)
    assert anonymous.count() == 2 and not anonymous.exclude(area=None).exists()


def test_running_the_demo_again_changes_nothing(demo_data):
    counts = CheckIn.objects.count(), ServiceFeedback.objects.count()
    call_command("demo_data", stdout=io.StringIO())
    assert (CheckIn.objects.count(), ServiceFeedback.objects.count()) == counts


def test_synthetic_members_get_a_year_of_check_ins_for_about_a_third(demo_data):
    synthetic_members_create(total=1000, log=quiet)
    demo.synthetic_check_ins_create(log=quiet)
    people = CheckIn.objects.filter(user__email__endswith="synteettinen.invalid")
    answering = people.values("user").distinct().count()
    assert 230 <= answering <= 370
    months = set(people.values_list("month", flat=True))
    assert len(months) <= 12 and max(months) == month_of()
    assert not people.filter(month__day__gt=1).exists()
    most = people.values("user").annotate(n=Count("id")).order_by("-n").first()["n"]
    assert most <= 12
    # Answers follow the rules of the model: skipped, or a situation and a mood.
    assert not people.filter(skipped=False, situation="").exists()
    assert not people.filter(skipped=False, mood=None).exists()
    assert people.filter(skipped=True).exists()
    assert set(people.exclude(skipped=True).values_list("situation", flat=True)) >= {
        "looking",
        "employed",
    }
    # The area is the member's area.
    assert people.exclude(area=None).exists()
    # Dates and times are stored as Django stores them, so that filters find them.
    assert people.filter(created_at__lte=timezone.now()).count() == people.count()
    first = month_of().replace(year=month_of().year - 1)
    assert people.filter(month__gt=first, updated_at__gte=F("created_at")).count() == people.count()
    assert not people.exclude(area=F("user__area")).exists()


def test_synthetic_check_ins_are_made_once_even_when_the_population_grows(demo_data):
    synthetic_members_create(total=300, log=quiet)
    demo.synthetic_check_ins_create(log=quiet)
    first = CheckIn.objects.count()
    demo.synthetic_check_ins_create(log=quiet)
    assert CheckIn.objects.count() == first
    synthetic_members_create(total=600, log=quiet)
    demo.synthetic_check_ins_create(log=quiet)
    assert CheckIn.objects.count() > first
    doubled = CheckIn.objects.values("user", "month").annotate(n=Count("id")).filter(n__gt=1)
    assert not doubled.exists()


def test_synthetic_check_ins_in_small_batches_write_the_same_rows():
    synthetic_members_create(total=200, log=quiet)
    demo.synthetic_check_ins_create(batch_size=7, log=quiet)
    small = sorted(CheckIn.objects.values_list("user_id", "month", "situation", "mood"))
    CheckIn.objects.all().delete()
    demo.synthetic_check_ins_create(log=quiet)
    assert sorted(CheckIn.objects.values_list("user_id", "month", "situation", "mood")) == small
