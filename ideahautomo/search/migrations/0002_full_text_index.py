"""The database's own full-text index: a GIN index over the tsvector on PostgreSQL, an
FTS5 table of stems (rowid = the document's id) on SQLite."""

from django.db import migrations

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 0')",
    # Words in the title weigh four times those in the body.
    "INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)')",
]
POSTGRESQL_CREATE = [
    # Without the pending list, every search reads a merged index: steady read times.
    "CREATE INDEX search_document_vector ON search_document USING gin (vector)"
    " WITH (fastupdate = off)",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE}.get(vendor, [])
    for statement in statements:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_document_vector")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
