"""Time pages in-process against the current database: p50/p95 and query counts.

    manage.py benchmark / /tutustu/ --as yhteyshenkilo@demo.ideahautomo.fi --runs 50

Timings come from here, never from tests. Run it against a database filled with
`manage.py demo_data --members 234000` to see the pages at Finland scale.
"""

import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import override_settings

from ideahautomo.accounts.permissions import must_use_two_factor


class Command(BaseCommand):
    help = "Measure response time percentiles and query counts of the given paths."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--as", dest="email", help="Sign in as this user first.")
        parser.add_argument("--runs", type=int, default=30)
        parser.add_argument("--warmup", type=int, default=3)

    def handle(self, *args, paths, email, runs, warmup, **options):
        client = Client()
        if email:
            user = get_user_model().objects.filter(email=email).first()
            if user is None:
                raise CommandError(f"No user {email}.")
            client.force_login(user)
            if must_use_two_factor(user):
                self._verify_two_factor(client, user)
        with override_settings(DEBUG=True, ALLOWED_HOSTS=["testserver", "*"]):
            for path in paths:
                self._measure(client, path, runs=runs, warmup=warmup)

    def _verify_two_factor(self, client, user):
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="benchmark", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

    def _measure(self, client, path, *, runs, warmup):
        for _ in range(warmup):
            client.get(path)
        timings, queries = [], []
        status = None
        for _ in range(runs):
            reset_queries()
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            queries.append(len(connection.queries))
            status = response.status_code
        timings.sort()
        p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
        self.stdout.write(
            f"{path:<50} status {status}  p50 {statistics.median(timings):7.1f} ms  "
            f"p95 {p95:7.1f} ms  queries {max(queries)}"
        )
