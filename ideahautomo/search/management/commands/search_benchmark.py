"""Time search at size: fill a scratch set of documents with bulk inserts, then time
two-word queries through the page's own selectors and print p50 and p95.

    manage.py search_benchmark --documents 1000000 --runs 50

Run it by hand against a database of its own (never in the test suite): the scratch
documents are of their own kind ("benchmark"), found only here, and --clean removes
them. Filling a million documents takes minutes; --reuse times an earlier fill again.
"""

import itertools
import random
import statistics
import time

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from ideahautomo.search import backends, registry, selectors
from ideahautomo.search.models import Audience, Document
from ideahautomo.search.text import query_words

KIND = "benchmark"
BATCH = 5_000
SYLLABLES = [
    "ka", "ta", "la", "ma", "pa", "sa", "va", "ko", "to", "lo", "mo", "po", "so", "ki",
    "ti", "li", "mi", "pi", "si", "ku", "tu", "lu", "mu", "pu", "su", "ke", "te", "le",
    "me", "pe", "se", "ve", "jä", "hä", "nä", "rä", "ny", "ry", "ly", "hy",
]  # fmt: skip
ENDINGS = ["", "n", "a", "ssa", "sta", "lla", "lle", "t", "ksi", "ja", "ien", "ista"]
# Words of the timed queries, in the forms people write, at everyday frequencies.
TOPICAL = {
    "suomen": 0.02, "suomea": 0.02, "suomeksi": 0.01, "kurssi": 0.01, "kurssilla": 0.01,
    "kurssit": 0.005, "opintopiiri": 0.005, "opintopiirissä": 0.005, "yrittäjä": 0.01,
    "yrittäjille": 0.005, "työnhaku": 0.01, "työnhakuun": 0.01, "kahvila": 0.002,
    "ompelu": 0.001, "ompelemaan": 0.001,
}  # fmt: skip
# As migration 0002 of search creates it.
CREATE_INDEX = (
    "CREATE INDEX search_document_vector ON search_document USING gin (vector)"
    " WITH (fastupdate = off)"
)
QUERIES = ["suomen kurssi", "opintopiiri yrittäjä", "työnhaku kahvila", "ompelu kurssi"]


def vocabulary(rng, size=20_000):
    words = set()
    while len(words) < size:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        words.add(stem + rng.choice(ENDINGS))
    return sorted(words)


def text(rng, words, cumulative, length):
    chosen = rng.choices(words, cum_weights=cumulative, k=length)
    for word, share in TOPICAL.items():
        if rng.random() < share:
            chosen[rng.randrange(length)] = word
    return " ".join(chosen)


class Command(BaseCommand):
    help = "Fill scratch search documents in bulk and time two-word queries (p50, p95)."

    def add_arguments(self, parser):
        parser.add_argument("--documents", type=int, default=100_000)
        parser.add_argument("--runs", type=int, default=50)
        parser.add_argument("--reuse", action="store_true", help="Time the documents there are.")
        parser.add_argument("--clean", action="store_true", help="Only remove the documents.")
        parser.add_argument("--query", action="append", dest="queries")
        parser.add_argument(
            "--index-after",
            action="store_true",
            help="PostgreSQL: drop the GIN index during the fill and build it after, as a bulk"
            " load does (only on a database of the benchmark's own: searches there meanwhile"
            " would read the whole table).",
        )

    def handle(self, *args, documents, runs, reuse, clean, queries, index_after, **options):
        registry.register_kind(KIND, label="benchmark", order=999, model=None, entries=None)
        if clean or not reuse:
            self._remove()
        if clean:
            return
        if not reuse:
            index_after = index_after and backends.is_postgresql()
            if index_after:
                self._run("DROP INDEX IF EXISTS search_document_vector")
            self._fill(documents)
            if index_after:
                started = time.perf_counter()
                self._run(CREATE_INDEX)
                self.stdout.write(f"Index built in {time.perf_counter() - started:.0f} s.")
            if backends.is_postgresql():
                self._run("VACUUM ANALYZE search_document")
        total = Document.objects.filter(kind=KIND).count()
        self.stdout.write(f"{connection.vendor}: {total} documents of the benchmark kind")
        for query in queries or QUERIES:
            self._time(query, runs)

    def _remove(self):
        while True:
            ids = list(Document.objects.filter(kind=KIND).values_list("pk", flat=True)[:BATCH])
            if not ids:
                return
            with transaction.atomic():
                backends.forget(ids)
                Document.objects.filter(pk__in=ids).delete()

    def _fill(self, count):
        rng = random.Random(2026)
        words = vocabulary(rng)
        # Zipf-like: a few words are everywhere, most are rare, as in real text.
        weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))
        started = time.perf_counter()
        now = timezone.now()
        for start in range(0, count, BATCH):
            batch = [
                Document(
                    kind=KIND,
                    object_id=number,
                    language="fi",
                    analyser="finnish",
                    title=text(rng, words, weights, rng.randint(3, 8)),
                    body=text(rng, words, weights, rng.randint(30, 120)),
                    url=f"/benchmark/{number}/",
                    audience=Audience.PUBLIC,
                    updated_at=now,
                )
                for number in range(start, min(count, start + BATCH))
            ]
            with transaction.atomic():
                backends.write(Document.objects.bulk_create(batch))
            self.stdout.write(f"  {start + len(batch)} documents", ending="\r")
            self.stdout.flush()
        self.stdout.write(f"\nFilled {count} documents in {time.perf_counter() - started:.0f} s.")

    def _run(self, statement):
        with connection.cursor() as cursor:
            cursor.execute(statement)

    def _time(self, query, runs):
        words = query_words(query)
        filters = selectors.SearchFilters(kind=KIND)
        viewer = AnonymousUser()
        timings = []
        for run in range(runs + 3):
            started = time.perf_counter()
            results, _more = selectors.results_page(
                viewer=viewer, words=words, filters=filters, page=1
            )
            if run >= 3:  # the first runs warm the caches
                timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
        self.stdout.write(
            f"{query!r}: p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms,"
            f" {len(results)} shown of the first page"
        )
