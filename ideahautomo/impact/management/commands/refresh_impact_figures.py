"""Recompute the monthly figures of the staff impact dashboards.

Run it nightly (cron or a systemd timer): `manage.py refresh_impact_figures --months 2`.
"""

import time

from django.core.management.base import BaseCommand

from ideahautomo.impact.figures import refresh_figures


class Command(BaseCommand):
    help = (
        "Recompute the impact dashboards' monthly figures from the source tables. "
        "Without --months, every month is recomputed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help="Only the last N months, the current one included (e.g. 2 for a nightly run).",
        )

    def handle(self, *args, months, **options):
        started = time.monotonic()
        rows = refresh_figures(months=months)
        seconds = time.monotonic() - started
        self.stdout.write(f"Impact figures refreshed: {rows} rows in {seconds:.1f} s.")
