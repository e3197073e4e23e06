"""Stories made through the services, as the pages make them."""

from django.test import TestCase

from ideahautomo.stories import services
from ideahautomo.stories.models import Shown

TEXT = {
    "title": "Kahvilasta oma yritys",
    "body": "Aloitin **opintopiirissä**, ja nyt minulla on oma kahvila.",
    "language": "fi",
}


def own_story(member, *, submit=True, **fields):
    values = {**TEXT, "shown_as": Shown.PSEUDONYM, "pseudonym": "Tiina, 34", **fields}
    return services.story_create(
        actor=member, person=member, submit=submit, consent=submit, **values
    )


def drafted_story(staff, person, *, submit=True, **fields):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.story_create(
            actor=staff, person=person, submit=submit, **{**TEXT, **fields}
        )


def consented_story(staff, person, *, shown_as=Shown.PSEUDONYM, pseudonym="Tiina, 34", **fields):
    story = drafted_story(staff, person, **fields)
    return services.story_consent_give(
        actor=person, story=story, shown_as=shown_as, pseudonym=pseudonym, text_hash=story.text_hash
    )


def published_story(manager, staff, person, **fields):
    story = consented_story(staff, person, **fields)
    return services.story_publish(actor=manager, story=story)
