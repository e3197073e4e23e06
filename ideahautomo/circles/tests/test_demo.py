"""Demo circles and their discussion: created once, and running again changes nothing."""

import pytest
from django.core.management import call_command

from ideahautomo.circles.models import Circle, CirclePost

pytestmark = pytest.mark.django_db


def test_demo_discussion_is_created_once(demo_data):
    finnish = Circle.objects.get(name="Suomea arjessa – A1")
    posts = CirclePost.objects.filter(circle=finnish)
    assert posts.count() == 3
    assert posts.filter(parent__isnull=False).count() == 1
    assert all(post.link.startswith("https://") for post in posts.exclude(link=""))
    call_command("demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert CirclePost.objects.count() == 3


def test_demo_finnish_circle_also_uses_ukrainian_once(demo_data):
    finnish = Circle.objects.get(name="Suomea arjessa – A1")
    finnish.other_languages.all().delete()
    call_command("demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert finnish.language == "fi"
    assert list(finnish.other_languages.values_list("language", flat=True)) == ["uk"]


def test_demo_peer_groups_are_made_once():
    from ideahautomo.accounts.models import Role, User

    call_command("demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    partner = User.objects.get(email="kumppani@demo.ideahautomo.fi")
    group = Circle.objects.get(name="Jaksamisen vertaisryhmä")
    assert group.kind == Circle.Kind.PEER_GROUP
    assert group.organiser_organisation == partner.roles[Role.PARTNER].organisation
    assert Circle.objects.get(name="Työnhaun virtuaaliryhmä").kind == Circle.Kind.VIRTUAL_GROUP
    assert Circle.objects.filter(kind=Circle.Kind.PEER_GROUP).count() == 2
