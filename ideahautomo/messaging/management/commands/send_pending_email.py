"""Send every notification e-mail still waiting: the sweep after a restart; safe to repeat."""

from django.core.management.base import BaseCommand

from ideahautomo.messaging import services


class Command(BaseCommand):
    help = (
        "Send the notification e-mails that are still waiting (for example after the worker "
        "was stopped mid-queue). E-mails already sent are never sent again."
    )

    def handle(self, *args, **options):
        sent = services.send_pending_email()
        self.stdout.write(f"Notification e-mails sent: {sent}")
