"""Pages that other content may link to ("this story came from that idea"), without the
linking feature importing the feature the page belongs to.

A feature registers a source in its apps.py: a kind, the URL name of its pages and a
function visible(viewer, ids) -> {id: (title, url)} that returns only what the viewer
may see. Links are stored as (kind, id) and shown only when visible() returns them.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve


@dataclass(frozen=True)
class LinkableSource:
    kind: str
    label: object
    url_names: tuple
    visible: object


@dataclass(frozen=True)
class Link:
    kind: str
    label: object
    title: str
    url: str


_sources = {}


def register_linkable_source(kind, *, label, url_names, visible):
    _sources[kind] = LinkableSource(kind, label, tuple(url_names), visible)


def linkable_kinds():
    """(kind, label) of every registered source, for forms and model choices."""
    return [(source.kind, source.label) for source in _sources.values()]


def source_from_address(address):
    """(kind, id) of the page an address (full or a path) points to, or None."""
    path = urlsplit((address or "").strip()).path
    if not path:
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    for source in _sources.values():
        if match.view_name in source.url_names and "pk" in match.kwargs:
            return source.kind, int(match.kwargs["pk"])
    return None


def links_for(viewer, pairs):
    """{(kind, id): Link} for the pairs the viewer may see, one query per kind at most."""
    by_kind = {}
    for kind, pk in pairs:
        if kind in _sources and pk is not None:
            by_kind.setdefault(kind, set()).add(pk)
    links = {}
    for kind, ids in by_kind.items():
        source = _sources[kind]
        for pk, (title, url) in source.visible(viewer, ids).items():
            links[(kind, pk)] = Link(kind, source.label, title, url)
    return links
