"""The database's own full-text search, written and read the same way for callers:
PostgreSQL's tsvector column with a GIN index, or SQLite's FTS5 table of stems."""

from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Q, TextField, Value, When
from django.db.models.expressions import RawSQL

from .models import Document
from .text import ALL_ANALYSERS, MARK_END, MARK_START, stems, token, tokens

TITLE_WEIGHT = 4.0


def is_postgresql():
    return connection.vendor == "postgresql"


def write(documents):
    """Bring the full-text index of these (saved) documents in step with their text."""
    ids = [document.pk for document in documents]
    if not ids:
        return
    with connection.cursor() as cursor:
        if is_postgresql():
            cursor.execute(
                "UPDATE search_document SET vector ="
                " setweight(to_tsvector(analyser::regconfig, title), 'A')"
                " || setweight(to_tsvector(analyser::regconfig, body), 'B')"
                " WHERE id = ANY(%s)",
                [ids],
            )
        else:
            _fts_delete(cursor, ids)
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, body) VALUES (%s, %s, %s)",
                [
                    (
                        document.pk,
                        tokens(document.title, document.analyser),
                        tokens(document.body, document.analyser),
                    )
                    for document in documents
                ],
            )


def forget(ids):
    ids = list(ids)
    if ids and not is_postgresql():
        with connection.cursor() as cursor:
            _fts_delete(cursor, ids)


def _fts_delete(cursor, ids):
    cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(pk,) for pk in ids])


def _fts_expression(words):
    """An FTS5 query: each word stemmed by each analyser and quoted (so nothing in it is
    an operator); a document matches any word in its own language, and those matching
    more words, and in the title, rank higher."""
    found = []
    for analyser in ALL_ANALYSERS:
        for stem in dict.fromkeys(stems(" ".join(words), analyser)):
            found.append(f'"{token(analyser, stem)}"')
    return " OR ".join(found)


def _queries(words):
    """Each analyser's query: any of the words, stemmed as that language stems them."""
    queries = {}
    for analyser in ALL_ANALYSERS:
        config = Value(analyser)
        parts = [SearchQuery(word, config=config, search_type="plain") for word in words]
        queries[analyser] = reduce(or_, parts)
    return queries


def matching(words):
    """Documents matching any of the words, with `rank` (higher is better)."""
    if is_postgresql():
        queries = _queries(words)
        found = reduce(
            or_, [Q(analyser=analyser, vector=query) for analyser, query in queries.items()]
        )
        rank = Case(
            *[
                When(analyser=analyser, then=SearchRank(F("vector"), query))
                for analyser, query in queries.items()
            ],
            output_field=FloatField(),
        )
        return Document.objects.filter(found).annotate(rank=rank)
    expression = _fts_expression(words)
    return Document.objects.filter(
        pk__in=RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [expression])
    ).annotate(
        rank=RawSQL(
            "(SELECT -rank FROM search_fts WHERE search_fts MATCH %s"
            " AND search_fts.rowid = search_document.id)",
            [expression],
            output_field=FloatField(),
        )
    )


def headlines(ids, words):
    """{id: the body's best passage with the words between MARK_START and MARK_END} from
    PostgreSQL's ts_headline, in one query for the shown results only; {} on SQLite,
    where snippets.passage cuts the passage."""
    if not is_postgresql() or not ids:
        return {}
    queries = _queries(words)
    headline = Case(
        *[
            When(
                analyser=analyser,
                then=SearchHeadline(
                    "body",
                    query,
                    config=Value(analyser),
                    start_sel=MARK_START,
                    stop_sel=MARK_END,
                    max_words=30,
                    min_words=12,
                ),
            )
            for analyser, query in queries.items()
        ],
        output_field=TextField(),
    )
    return dict(
        Document.objects.filter(pk__in=ids)
        .annotate(headline=headline)
        .values_list("pk", "headline")
    )
