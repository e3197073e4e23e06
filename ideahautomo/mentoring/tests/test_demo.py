"""Demo mentoring: the demo mentor has a mentor profile, a mentoring in progress with the
demo member about the café idea and one ended with feedback from both; the café idea has
a mentor's review; running the demo again changes nothing."""

import pytest
from django.core.management import call_command

from ideahautomo.ideas.models import IdeaReview
from ideahautomo.mentoring.models import Feedback, Meeting, Mentoring
from ideahautomo.profiles.models import MentorProfile

pytestmark = pytest.mark.django_db


def test_the_demo_shows_mentoring_once():
    call_command("demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    mentor = MentorProfile.objects.get(user__email="mentori@demo.ideahautomo.fi")
    assert mentor.is_available and mentor.skills.exists()
    active = Mentoring.objects.get(status=Mentoring.Status.ACTIVE)
    assert active.mentee.email == "jasen@demo.ideahautomo.fi"
    assert active.idea_id is not None and active.goals_html
    assert Mentoring.objects.filter(status=Mentoring.Status.ENDED).count() == 1
    assert Feedback.objects.count() == 2
    assert Meeting.objects.count() == 2
    assert IdeaReview.objects.count() == 1
    call_command("demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Mentoring.objects.count() == 2
    assert MentorProfile.objects.count() == 1
