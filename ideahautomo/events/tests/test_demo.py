"""Demo events: the past webinar with a recording its registered members see, made once."""

import pytest
from django.core.management import call_command

from ideahautomo.accounts.models import User
from ideahautomo.events import permissions
from ideahautomo.events.models import Event, Registration

pytestmark = pytest.mark.django_db


def test_demo_has_one_past_webinar_with_a_recording_for_those_registered():
    call_command("demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [webinar] = Event.objects.filter(kind=Event.Kind.WEBINAR, recording_url__startswith="https://")
    member = User.objects.get(email="jasen@demo.ideahautomo.fi")
    registration = Registration.objects.get(event=webinar, user=member)
    assert permissions.can_see_recording(member, webinar, registration)
    mentor = User.objects.get(email="mentori@demo.ideahautomo.fi")
    assert not permissions.can_see_recording(mentor, webinar, None)
