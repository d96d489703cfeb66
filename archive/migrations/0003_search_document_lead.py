"""The search documents' lead (title and first words) for the PostgreSQL engine's cheap
first ranking. Only on PostgreSQL; rows indexed before it have none (NULL) and are ranked
by their whole vector until the next rebuild_index."""

import django.contrib.postgres.search
from django.db import migrations


# The lead is read for every match of a search: kept in the row (storage main, compressed
# in place), and rows of up to 4 kB before anything is moved out (PostgreSQL's default is 2
# kB, which moved a news article's lead out of the row, where reading it cost as much as
# reading the whole vector). The vector itself, ~20 kB, still lives apart.
LEAD = """
ALTER TABLE archive_search_document ADD COLUMN lead tsvector;
ALTER TABLE archive_search_document ALTER COLUMN lead SET STORAGE MAIN;
ALTER TABLE archive_search_document SET (toast_tuple_target = 4080);
"""


def add_column(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(LEAD)


def drop_column(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE archive_search_document DROP COLUMN lead, RESET (toast_tuple_target)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0002_search_tables"),
    ]

    operations = [
        migrations.RunPython(add_column, drop_column),
        migrations.AddField(
            model_name="searchdocument",
            name="lead",
            field=django.contrib.postgres.search.SearchVectorField(null=True),
        ),
    ]
