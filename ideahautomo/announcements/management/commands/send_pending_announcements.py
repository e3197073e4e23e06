"""Finish the announcements a stopped worker left half delivered: the sweep after a
restart; safe to repeat."""

from django.core.management.base import BaseCommand

from ideahautomo.announcements import services


class Command(BaseCommand):
    help = (
        "Deliver the rest of every announcement still being delivered (a stopped worker or "
        "a lost task). Nobody is told twice."
    )

    def handle(self, *args, **options):
        finished = services.announcements_deliver_unfinished()
        self.stdout.write(f"Announcements finished: {finished}")
