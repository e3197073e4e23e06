"""Writes to the search index: one object's entries, or everything again."""

from django.db import transaction
from django.utils import timezone

from . import backends, registry
from .models import Document
from .text import MAX_BODY_LENGTH, analyser_of, clean

REINDEX_BATCH = 500


def _document_of(kind_name, pk, entry, *, now):
    return Document(
        kind=kind_name,
        object_id=pk,
        language=entry.language,
        analyser=analyser_of(entry.language),
        title=clean(entry.title)[:200],
        body=clean(entry.body)[:MAX_BODY_LENGTH],
        url=entry.url,
        municipality_id=entry.municipality_id,
        audience=entry.audience,
        updated_at=now,
    )


def index_object(kind_name, obj):
    """Writes the object's entries again (in each of its languages), removing any it no
    longer has; an object that gives no entries leaves the index. Runs inside the
    caller's transaction, so the index changes with the object or not at all."""
    kind = registry.kind(kind_name)
    entries = {entry.language: entry for entry in kind.entries(obj)}
    now = timezone.now()
    with transaction.atomic():
        existing = {
            document.language: document
            for document in Document.objects.filter(kind=kind_name, object_id=obj.pk)
        }
        stale = [document.pk for language, document in existing.items() if language not in entries]
        if stale:
            Document.objects.filter(pk__in=stale).delete()
            backends.forget(stale)
        written = []
        for language, entry in entries.items():
            document = _document_of(kind_name, obj.pk, entry, now=now)
            if language in existing:
                document.pk = existing[language].pk
            document.save()
            written.append(document)
        backends.write(written)


def remove_object(kind_name, pk):
    with transaction.atomic():
        ids = list(
            Document.objects.filter(kind=kind_name, object_id=pk).values_list("pk", flat=True)
        )
        if ids:
            Document.objects.filter(pk__in=ids).delete()
            backends.forget(ids)


def reindex(kind_names=None):
    """Builds the index of the given kinds (default: all) again from their objects, in
    batches of bulk inserts. Returns the number of documents written."""
    count = 0
    for kind in registry.kinds():
        if kind_names and kind.name not in kind_names:
            continue
        with transaction.atomic():
            old = list(Document.objects.filter(kind=kind.name).values_list("pk", flat=True))
            for start in range(0, len(old), REINDEX_BATCH):
                backends.forget(old[start : start + REINDEX_BATCH])
            Document.objects.filter(kind=kind.name).delete()
            batch = []
            now = timezone.now()
            for obj in kind.objects().iterator(chunk_size=REINDEX_BATCH):
                batch.extend(
                    _document_of(kind.name, obj.pk, entry, now=now) for entry in kind.entries(obj)
                )
                if len(batch) >= REINDEX_BATCH:
                    count += _bulk_write(batch)
                    batch = []
            count += _bulk_write(batch)
    return count


def _bulk_write(documents):
    if not documents:
        return 0
    created = Document.objects.bulk_create(documents)
    if any(document.pk is None for document in created):
        keys = {(d.kind, d.object_id, d.language) for d in created}
        by_key = {
            (d.kind, d.object_id, d.language): d.pk
            for d in Document.objects.filter(
                kind=created[0].kind, object_id__in={key[1] for key in keys}
            )
        }
        for document in created:
            document.pk = by_key[(document.kind, document.object_id, document.language)]
    backends.write(created)
    return len(created)
