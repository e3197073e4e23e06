"""Demo reports, so that the demo moderator (moderaattori@) finds a queue: members report a
comment on an idea, a post in a circle's discussion and a profile. The content is found
through lib.moderatable's registry, never by importing its feature. Running it again
changes nothing."""

from django.core.exceptions import ValidationError

from ideahautomo.accounts.demo import DEMO_DOMAIN
from ideahautomo.accounts.models import User
from ideahautomo.lib.moderatable import moderatable_kind

from . import services
from .models import Reason, Report

# (who may report, the first of them who sees such an item; kind, reason, details)
ANYONE = ("jasen", "sanna", "mikko", "iryna", "dmytro", "oksana")
REPORTS = [
    (("sanna",), "idea_comment", Reason.SPAM, "Sama mainos monessa paikassa, minusta."),
    (("mikko",), "idea_comment", Reason.INAPPROPRIATE, ""),
    (ANYONE, "circle_post", Reason.OTHER, "Tässä on jonkun puhelinnumero, saako sen näyttää?"),
    (("mikko", "jasen"), "profile", Reason.SCAM, "Pyysi yksityisviestissä rahaa kurssimaksuun."),
    (ANYONE, "event", Reason.INAPPROPRIATE, "Kuulostaa maksulliselta myyntitilaisuudelta."),
    # Messaging's old demo report, of a person: now the person's profile in the one queue.
    (("sanna",), "profile", Reason.SPAM, "Mainostaa maksullisia kursseja yksityisviesteissä."),
]


def _first_item(kind, reporter):
    """The oldest item of kind that reporter may see and did not write."""
    author_field = kind.model.moderation_author_field
    items = kind.model.objects.exclude(**{author_field: reporter}).filter(hidden_at__isnull=True)
    for item in items.order_by("pk")[:50]:
        obj = kind.load(item.pk)
        if obj is not None and kind.can_see(reporter, obj):
            return obj
    return None


def _report(candidates, kind, reason, details):
    for local in candidates:
        reporter = User.objects.filter(email=f"{local}@{DEMO_DOMAIN}").first()
        if reporter is None:
            continue
        obj = _first_item(kind, reporter)
        if obj is None:
            continue
        try:
            services.report_create(
                actor=reporter, kind=kind, obj=obj, reason=reason, details=details
            )
        except ValidationError:
            continue
        return


def demo_create():
    for candidates, key, reason, details in REPORTS:
        kind = moderatable_kind(key)
        if kind is None:
            continue
        emails = [f"{local}@{DEMO_DOMAIN}" for local in candidates]
        if Report.objects.filter(reporter__email__in=emails, kind=key).exists():
            continue
        _report(candidates, kind, reason, details)
