"""The PostgreSQL search engine's tables, created only on PostgreSQL.

The models are unmanaged: on SQLite (the Whoosh archive) this migration records
them and creates nothing.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.search
from django.db import migrations, models

TABLES = """
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
CREATE TABLE archive_search_document (
    id varchar(255) PRIMARY KEY,
    model varchar(100) NOT NULL,
    object_id bigint NOT NULL,
    type varchar(50) NOT NULL,
    outlet varchar(255) NOT NULL DEFAULT '',
    year varchar(10) NOT NULL DEFAULT '',
    people varchar(255)[] NOT NULL DEFAULT '{}',
    organizations varchar(255)[] NOT NULL DEFAULT '{}',
    places varchar(255)[] NOT NULL DEFAULT '{}',
    date integer NOT NULL DEFAULT 0,
    source_name varchar(255) NOT NULL DEFAULT '',
    vector tsvector NOT NULL
);
CREATE INDEX archive_search_document_vector ON archive_search_document USING gin (vector);
CREATE INDEX archive_search_document_people ON archive_search_document USING gin (people);
CREATE INDEX archive_search_document_organizations
    ON archive_search_document USING gin (organizations);
CREATE INDEX archive_search_document_places ON archive_search_document USING gin (places);
CREATE INDEX archive_search_document_model ON archive_search_document (model, object_id);
CREATE TABLE archive_search_word (word varchar(2047) COLLATE "C" PRIMARY KEY);
CREATE TABLE archive_search_state (id smallint PRIMARY KEY, generation bigint NOT NULL);
INSERT INTO archive_search_state VALUES (1, 0);
"""

DROP = """
DROP TABLE IF EXISTS archive_search_document;
DROP TABLE IF EXISTS archive_search_word;
DROP TABLE IF EXISTS archive_search_state;
"""


def create_tables(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TABLES)


def drop_tables(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0001_index_backlog"),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('id', models.CharField(max_length=255, primary_key=True, serialize=False)),
                ('model', models.CharField(max_length=100)),
                ('object_id', models.BigIntegerField()),
                ('type', models.CharField(max_length=50)),
                ('outlet', models.CharField(blank=True, max_length=255)),
                ('year', models.CharField(blank=True, max_length=10)),
                ('people', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=255), default=list, size=None)),
                ('organizations', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=255), default=list, size=None)),
                ('places', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=255), default=list, size=None)),
                ('date', models.IntegerField(default=0)),
                ('source_name', models.CharField(blank=True, max_length=255)),
                ('vector', django.contrib.postgres.search.SearchVectorField()),
            ],
            options={
                'db_table': 'archive_search_document',
                'managed': False,
            },
        ),
        migrations.CreateModel(
            name='SearchState',
            fields=[
                ('id', models.SmallIntegerField(primary_key=True, serialize=False)),
                ('generation', models.BigIntegerField(default=0)),
            ],
            options={
                'db_table': 'archive_search_state',
                'managed': False,
            },
        ),
        migrations.CreateModel(
            name='SearchWord',
            fields=[
                ('word', models.CharField(max_length=2047, primary_key=True, serialize=False)),
            ],
            options={
                'db_table': 'archive_search_word',
                'managed': False,
            },
        ),
        migrations.RunPython(create_tables, drop_tables, elidable=False),
    ]
