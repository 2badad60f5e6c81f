from django.conf import settings
from django.core.management import call_command
from django.db import migrations

# The six groups that rules count (DOMAIN.md): seed 002 recommends separating the technical
# and academic communities. This is starting data; the Secretariat may change it in the admin.
STAKEHOLDER_GROUPS = [
    ("government", "Government"),
    ("private-sector", "Private sector"),
    ("civil-society", "Civil society"),
    ("technical-community", "Technical community"),
    ("academic-community", "Academic community"),
    ("intergovernmental-organisation", "Intergovernmental organisation"),
]


def add_stakeholder_groups(apps, schema_editor):
    StakeholderGroup = apps.get_model("accounts", "StakeholderGroup")
    for position, (slug, name) in enumerate(STAKEHOLDER_GROUPS):
        StakeholderGroup.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )


def create_cache_table(apps, schema_editor):
    # The database cache (used when no Redis is configured) needs its table on every database,
    # test databases included; a no-op when the cache is Redis.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def name_site(apps, schema_editor):
    from urllib.parse import urlsplit

    Site = apps.get_model("sites", "Site")
    domain = urlsplit(settings.SITE_URL).netloc or "127.0.0.1:8000"
    Site.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": settings.SITE_NAME}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [
        migrations.RunPython(add_stakeholder_groups, migrations.RunPython.noop),
        migrations.RunPython(create_cache_table, migrations.RunPython.noop),
        migrations.RunPython(name_site, migrations.RunPython.noop),
    ]
