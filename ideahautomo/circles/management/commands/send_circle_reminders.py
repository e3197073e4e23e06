"""Send every circle meeting reminder that is due and not yet sent (run from cron, e.g.
every 10 min, beside send_event_reminders)."""

from django.core.management.base import BaseCommand

from ideahautomo.circles import session_services


class Command(BaseCommand):
    help = (
        "Send the study circle meeting reminders that are due and not yet sent. "
        "Safe to run at any time and from several machines: no reminder is sent twice."
    )

    def handle(self, *args, **options):
        sent = session_services.session_reminders_send_due()
        self.stdout.write(f"Circle meeting reminders sent: {sent}")
