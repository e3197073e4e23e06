"""Send every invitation whose e-mail a stopped worker left unsent: the sweep after a
restart; safe to repeat."""

from django.core.management.base import BaseCommand

from ideahautomo.accounts import services


class Command(BaseCommand):
    help = (
        "Send the invitations still waiting for their first e-mail ten minutes after they "
        "were made (a stopped worker or a lost task). None is sent twice."
    )

    def handle(self, *args, **options):
        sent = services.invitations_send_lost()
        self.stdout.write(f"Invitations sent: {sent}")
