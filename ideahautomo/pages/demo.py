"""Demo content the home page shows that no feature's demo makes: an open report, so that
the moderator's home page has something waiting."""

from ideahautomo.accounts.demo import DEMO_DOMAIN
from ideahautomo.accounts.models import User
from ideahautomo.circles.models import Circle
from ideahautomo.ideas.models import Idea
from ideahautomo.messaging import selectors as messaging_selectors
from ideahautomo.messaging import services as messaging_services
from ideahautomo.messaging.models import Report
from ideahautomo.services.models import Service


def demo_create():
    if messaging_selectors.reports_for_moderation().exists():
        return
    reporter = User.objects.filter(email=f"sanna@{DEMO_DOMAIN}").first()
    reported = User.objects.filter(email=f"mikko@{DEMO_DOMAIN}").first()
    if reporter is None or reported is None:
        return
    messaging_services.report_create(
        actor=reporter,
        reported_user=reported,
        reason=Report.Reason.SPAM,
        details="Mainostaa maksullisia kursseja yksityisviesteissä.",
    )


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
