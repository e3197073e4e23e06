from pathlib import Path

from django.core.management.base import BaseCommand

from ideahautomo.accounts.reference_data import MUNICIPALITIES_CSV, municipalities_load


class Command(BaseCommand):
    help = "Load or update Finland's municipalities and regions from a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path, default=MUNICIPALITIES_CSV)

    def handle(self, *args, path, **options):
        created, updated, deactivated = municipalities_load(path=path)
        self.stdout.write(
            f"Municipalities: {created} created, {updated} updated, {deactivated} marked inactive."
        )
