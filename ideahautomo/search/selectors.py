"""Reads of the search page: what the viewer may find for some words, by kind or paged."""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber

from . import backends, registry
from .models import Document
from .snippets import marked, passage

PER_KIND = 3
PER_PAGE = 20
MAX_PAGE = 50


@dataclass(frozen=True)
class SearchFilters:
    kind: str = ""
    municipality: object = None
    language: str = ""


@dataclass
class Result:
    kind: str
    title: str
    url: str
    language: str
    snippet: str


def _visible(viewer, kind_names):
    return reduce(
        or_,
        [Q(kind=name) & registry.visible(name, viewer) for name in kind_names],
    )


def _documents(*, viewer, words, filters, kind_names):
    documents = Document.objects.filter(_visible(viewer, kind_names))
    if filters.municipality is not None:
        documents = documents.filter(municipality=filters.municipality)
    if filters.language:
        documents = documents.filter(language=filters.language)
    return (
        backends.matching(words, documents)
        .only("kind", "title", "url", "language", "analyser", "body")
        .order_by("-rank", "pk")
    )


def _results(documents, words):
    found = backends.headlines([document.pk for document in documents], words)
    results = []
    for document in documents:
        text = found.get(document.pk) or passage(document.body, words, document.analyser)
        results.append(
            Result(
                kind=document.kind,
                title=document.title,
                url=document.url,
                language=document.language,
                snippet=marked(text),
            )
        )
    return results


def results_by_kind(*, viewer, words, filters):
    """[(kind, results, has_more)] for each kind with results: the best PER_KIND of each,
    all kinds in one query (numbered within each kind by a window function)."""
    documents = (
        _documents(viewer=viewer, words=words, filters=filters, kind_names=registry.kind_names())
        .annotate(
            position=Window(
                RowNumber(), partition_by=[F("kind")], order_by=[F("rank").desc(), F("pk")]
            )
        )
        .filter(position__lte=PER_KIND + 1)
    )
    by_kind = {}
    documents = list(documents)
    for document in documents:
        by_kind.setdefault(document.kind, []).append(document)
    shown = {
        name: sorted(found, key=lambda document: document.position)
        for name, found in by_kind.items()
    }
    results = _results([d for found in shown.values() for d in found[:PER_KIND]], words)
    groups = []
    for kind in registry.kinds():
        if kind.name in shown:
            mine = [result for result in results if result.kind == kind.name]
            groups.append((kind, mine, len(shown[kind.name]) > PER_KIND))
    return groups


def results_page(*, viewer, words, filters, page):
    """(results, has_next) of one page of one kind (or all kinds), best first; no count
    of all results is ever made."""
    page = max(1, min(page, MAX_PAGE))
    kind_names = [filters.kind] if filters.kind else registry.kind_names()
    start = (page - 1) * PER_PAGE
    documents = list(
        _documents(viewer=viewer, words=words, filters=filters, kind_names=kind_names)[
            start : start + PER_PAGE + 1
        ]
    )
    return _results(documents[:PER_PAGE], words), len(documents) > PER_PAGE
