"""The database's own full-text search, written and read the same way for callers:
PostgreSQL's tsvector column with a GIN index, or SQLite's FTS5 table of stems."""

from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Q, TextField, Value, When
from django.db.models.expressions import RawSQL

from .models import Document
from .text import ALL_ANALYSERS, MARK_END, MARK_START, stems, token, tokens

# At most this many documents with all the words, and as many with any, are ranked.
CANDIDATES = 1000
# Documents with only some of the words are looked for when fewer than this have all.
FEW = 100


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


def _fts_expressions(words):
    """FTS5 queries for all words and for any word: each word stemmed by each analyser and
    quoted (so nothing in it is an operator). The language prefix of the tokens makes a
    document match only through its own analyser's stems."""
    all_words, any_word = [], []
    for analyser in ALL_ANALYSERS:
        stemmed = [
            f'"{token(analyser, stem)}"' for stem in dict.fromkeys(stems(" ".join(words), analyser))
        ]
        all_words.append("(" + " AND ".join(stemmed) + ")")
        any_word.extend(stemmed)
    return " OR ".join(all_words), " OR ".join(any_word)


def _queries(words, combine):
    """Each analyser's query, the words stemmed as that language stems them: combine=and_
    for all words, or_ for any."""
    queries = {}
    for analyser in ALL_ANALYSERS:
        config = Value(analyser)
        parts = [SearchQuery(word, config=config, search_type="plain") for word in words]
        queries[analyser] = reduce(combine, parts)
    return queries


def _found(queries):
    return reduce(or_, [Q(analyser=analyser, vector=query) for analyser, query in queries.items()])


def _fts(expression):
    return Q(pk__in=RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [expression]))


def _candidates(documents, all_words, any_word):
    """The ids to rank, in one subquery: at most CANDIDATES documents with all the words
    and, only when fewer than FEW have them all, at most CANDIDATES with any word (a
    condition the database checks once, before reading anything for it)."""
    parts, params = [], []
    for condition in (all_words, any_word):
        subquery = documents.filter(condition).order_by().values("pk")[:CANDIDATES]
        sql, subquery_params = subquery.query.sql_with_params()
        parts.append(sql)
        params.extend(subquery_params)
    sql = (
        f"WITH all_words AS MATERIALIZED (SELECT * FROM ({parts[0]}) AS found_all)"  # noqa: S608
        " SELECT * FROM all_words UNION"
        f" SELECT * FROM ({parts[1]}) AS found_any"
        " WHERE (SELECT COUNT(*) FROM all_words) < %s"
    )
    # Only Django's own compiled SQL with its parameters kept apart: nothing interpolated.
    return RawSQL(sql, [*params, FEW])  # noqa: S611


def matching(words, documents):
    """Those of the documents that have the words, with `rank` (higher is better): the
    ones with all the words and, when they are few, those with any, ranked together; so
    a document with all the words comes first and one with only some is still found when
    the stemmer does not join two forms of a word."""
    if is_postgresql():
        any_word = _queries(words, or_)
        candidates = _candidates(documents, _found(_queries(words, and_)), _found(any_word))
        rank = Case(
            *[
                When(analyser=analyser, then=SearchRank(F("vector"), query))
                for analyser, query in any_word.items()
            ],
            output_field=FloatField(),
        )
        return Document.objects.filter(pk__in=candidates).annotate(rank=rank)
    all_words, any_word = _fts_expressions(words)
    candidates = _candidates(documents, _fts(all_words), _fts(any_word))
    return Document.objects.filter(pk__in=candidates).annotate(
        rank=RawSQL(
            "(SELECT -rank FROM search_fts WHERE search_fts MATCH %s"
            " AND search_fts.rowid = search_document.id)",
            [any_word],
            output_field=FloatField(),
        )
    )


def headlines(ids, words):
    """{id: the body's best passage with the words between MARK_START and MARK_END} from
    PostgreSQL's ts_headline, in one query for the shown results only; {} on SQLite,
    where snippets.passage cuts the passage."""
    if not is_postgresql() or not ids:
        return {}
    queries = _queries(words, or_)
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
