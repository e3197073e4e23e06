"""Send every event reminder that is due and not yet sent (run from cron, e.g. every 10 min)."""

from django.core.management.base import BaseCommand

from ideahautomo.events import services


class Command(BaseCommand):
    help = (
        "Send the event reminders that are due and not yet sent. "
        "Safe to run at any time and from several machines: no reminder is sent twice."
    )

    def handle(self, *args, **options):
        sent = services.reminders_send_due()
        self.stdout.write(f"Event reminders sent: {sent}")
