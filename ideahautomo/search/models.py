"""The search index: one row per searchable thing per language, written by services."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone

from ideahautomo.accounts.models import Municipality
from ideahautomo.lib.searchable import Audience


class Document(models.Model):
    """What search finds. On PostgreSQL `vector` holds the weighted tsvector (a GIN
    index over it); on SQLite the stemmed tokens live in the FTS5 table search_fts
    under the same id. Both are written by services.index_object."""

    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=5)
    analyser = models.CharField(max_length=10)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    audience = models.CharField(max_length=10, choices=Audience.choices)
    updated_at = models.DateTimeField(default=timezone.now)
    # Used on PostgreSQL only; the column exists (and stays empty) on SQLite.
    vector = SearchVectorField(null=True, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "language"], name="search_one_document"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.language}): {self.title}"
