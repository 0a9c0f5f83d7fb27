"""A GIN index for full-text search over commodities, on PostgreSQL only.

Its expression is exactly what `catalog.selectors.search_vector()` compiles to,
so that the planner uses it; other databases search with icontains instead.
"""

from django.db import migrations

INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS commodity_search ON catalog_commodity USING gin "
    "((to_tsvector('english'::regconfig, COALESCE(title, '') || ' ' || COALESCE(description, ''))))"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX_SQL)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS commodity_search")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_favorites_follows_history_search_blocks")]

    operations = [migrations.RunPython(create_index, drop_index)]
