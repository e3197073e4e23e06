"""Demo guides: at least six, published, in all four languages, with sanitised links
only to https addresses; running the demo again changes nothing."""

import re

import pytest
from django.core.management import call_command

from ideahautomo.guides import demo
from ideahautomo.guides.models import Guide, GuideText
from ideahautomo.lib.language import CONTENT_LANGUAGES

pytestmark = pytest.mark.django_db


def test_demo_guides_are_published_in_every_language_once(demo_data):
    guides = Guide.objects.all()
    assert guides.count() == len(demo.GUIDES) >= 6
    assert all(guide.is_published for guide in guides)
    assert len({guide.category for guide in guides}) >= 4
    languages = [code for code, _name in CONTENT_LANGUAGES]
    for guide in guides:
        assert sorted(guide.texts.values_list("language", flat=True)) == sorted(languages)
    assert guides.filter(reviewed_on__isnull=False).count() == guides.count()
    assert any(guide.needs_review for guide in guides)  # the writers' list shows the mark
    call_command("demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Guide.objects.count() == len(demo.GUIDES)


def test_demo_texts_link_only_to_https_and_keep_their_markdown():
    demo.demo_create()  # without the demo accounts nothing is made
    assert not Guide.objects.exists()
    call_command("demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for text in GuideText.objects.all():
        assert text.body_html.startswith("<p>")
        assert "<h2>" in text.body_html  # the ### subheadings follow the title
        for href in re.findall(r'href="([^"]*)"', text.body_html):
            assert href.startswith("https://"), (text, href)
