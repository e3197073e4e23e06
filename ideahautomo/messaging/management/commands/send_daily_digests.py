"""Send today's daily summaries; a person gets at most one a day however often this runs."""

from django.core.management.base import BaseCommand

from ideahautomo.messaging import services


class Command(BaseCommand):
    help = (
        "E-mail the daily summary to everyone with notifications waiting for one. "
        "Running it again the same day sends nothing twice."
    )

    def handle(self, *args, **options):
        sent, failed = services.send_daily_digests()
        self.stdout.write(f"Daily summaries sent: {sent}, failed: {failed}")
        if failed:
            self.stderr.write("Some summaries failed; they are sent on the next run.")
