"""Build the search index again from everything there is (all kinds, or those named)."""

from django.core.management.base import BaseCommand

from ideahautomo.search import registry
from ideahautomo.search.services import reindex


class Command(BaseCommand):
    help = "Build the search index again from the content (all kinds, or the kinds named)."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", choices=registry.kind_names())

    def handle(self, *args, kinds=(), **options):
        count = reindex(kinds or None)
        self.stdout.write(f"{count} documents indexed.")
