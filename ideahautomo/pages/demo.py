"""Demo content the home page shows that no feature's demo makes: an open report, so that
the moderator's home page has something waiting."""

from ideahautomo.accounts.demo import DEMO_DOMAIN
from ideahautomo.accounts.models import User
from ideahautomo.messaging import selectors as messaging_selectors
from ideahautomo.messaging import services as messaging_services
from ideahautomo.messaging.models import Report


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
