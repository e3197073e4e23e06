"""Demo guides, written by the project manager in all four languages and published.
Running it again changes nothing."""

from datetime import timedelta

from django.utils import timezone

from ideahautomo.accounts.demo import DEMO_DOMAIN
from ideahautomo.accounts.models import User

from . import services
from .demo_texts import GUIDES
from .models import Guide


def demo_create():
    author = User.objects.filter(email=f"projektipaallikko@{DEMO_DOMAIN}").first()
    if author is None:
        return
    existing = set(Guide.objects.values_list("slug", flat=True))
    today = timezone.localdate()
    for guide in GUIDES:
        if guide["slug"] in existing:
            continue
        services.guide_create(
            actor=author,
            slug=guide["slug"],
            category=guide["category"],
            reviewed_on=today - timedelta(days=guide["reviewed_days_ago"]),
            texts={
                language: {"title": title, "summary": summary, "body": body}
                for language, (title, summary, body) in guide["texts"].items()
            },
            publish=True,
        )
