"""Recompute the monthly figures of the staff impact dashboards and publish ended months.

Run it nightly (cron or a systemd timer): `manage.py refresh_impact_figures`.
"""

import time

from django.core.management.base import BaseCommand

from ideahautomo.impact.figures import refresh_figures


class Command(BaseCommand):
    help = (
        "Recompute the impact dashboards' figures of the months not yet published from the "
        "source tables, and publish each month that may be: its figures are protected then "
        "and never change again."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        rows = refresh_figures()
        seconds = time.monotonic() - started
        self.stdout.write(f"Impact figures refreshed: {rows} rows in {seconds:.1f} s.")
