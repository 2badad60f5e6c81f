import importlib

import factory
from factory.django import DjangoModelFactory

from accounts.models import Profile, StakeholderGroup, User
from workstreams.models import IgfCycle, Workstream

PASSWORD = "correct horse battery staple 42"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def display_name(self, create, extracted, **kwargs):
        # The profile exists (created with the account); give it a readable name.
        if create:
            self.save()
            Profile.objects.filter(user=self).update(
                display_name=extracted or self.email.split("@")[0].replace(".", " ").title()
            )
            self.refresh_from_db()


def stakeholder_group(slug):
    """One of the six groups of the data migration. A test that reaches the database only
    through request.getfixturevalue() runs after the autouse restore in conftest decided it
    needs none; a transactional test before it may have flushed them, so restore them here."""
    group = StakeholderGroup.objects.filter(slug=slug).first()
    if group is None:
        migration = importlib.import_module("accounts.migrations.0002_reference_data")
        for position, (group_slug, name) in enumerate(migration.STAKEHOLDER_GROUPS):
            StakeholderGroup.objects.get_or_create(
                slug=group_slug, defaults={"name": name, "position": position}
            )
        group = StakeholderGroup.objects.get(slug=slug)
    return group


class IgfCycleFactory(DjangoModelFactory):
    class Meta:
        model = IgfCycle
        django_get_or_create = ("year",)

    year = 2026


class WorkstreamFactory(DjangoModelFactory):
    class Meta:
        model = Workstream

    kind = Workstream.Kind.BPF
    name = factory.Sequence(lambda n: f"Best Practice Forum {n}")
    slug = factory.Sequence(lambda n: f"workstream-{n}")
    status = Workstream.Status.ACTIVE
    description = "A workstream used in tests."
    mailing_list = factory.LazyAttribute(lambda o: f"{o.slug}@lists.example.org")
