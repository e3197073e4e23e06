from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ideahautomo.accounts.reference_data import employment_areas_load


class Command(BaseCommand):
    help = "Assign municipalities to employment areas from a CSV of 'area name;municipality code'."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        try:
            count = employment_areas_load(text=path.read_text(encoding="utf-8-sig"))
        except (ValidationError, UnicodeDecodeError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Employment areas loaded: {count}.")
