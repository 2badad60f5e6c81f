"""The database table of the "pages" cache, where no Redis is configured (see settings)."""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_reference_data")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
