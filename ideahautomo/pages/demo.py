"""Addresses of demo pages that the demo command hands to features which may not read
each other (the mentoring and story demos)."""

from ideahautomo.circles.models import Circle
from ideahautomo.ideas.models import Idea
from ideahautomo.services.models import Service


def mentoring_idea_address():
    """The demo café idea's page, which the demo member shares with their mentor."""
    from ideahautomo.ideas.demo import IDEAS

    idea = Idea.objects.filter(title=IDEAS[0]["title"]).first()
    return idea.get_absolute_url() if idea else ""


def story_source_addresses():
    """{(kind, title): address} of the demo pages the demo stories came from; the stories
    app may not read other features, so the demo command hands these over."""
    from ideahautomo.stories.demo import STORIES, WAITING

    models = {
        "idea": (Idea, "title"),
        "circle": (Circle, "name"),
        "service": (Service, "title"),
    }
    addresses = {}
    for kind, title in {spec["source"] for spec in [*STORIES, WAITING]}:
        model, field = models[kind]
        found = model.objects.filter(**{field: title}).first()
        if found is not None:
            addresses[(kind, title)] = found.get_absolute_url()
    return addresses
