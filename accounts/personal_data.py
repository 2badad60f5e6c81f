"""A person's own data: everything the portal holds about them, and closing their account.

The export walks every relation to the user model that any installed app defines, so a model
added later is exported without a change here. Rows that are about the person (their
memberships, comments, notifications, terms...: a relation in ABOUT_THE_PERSON) are exported
with their fields, less secrets (password and token hashes); rows where they only acted on
something of someone else's (created_by, recorded_by, hidden_by...) are listed as what they
did and when, never with the other person's data.

Closing an account anonymises the person instead of deleting rows: their comments,
contributions and the decisions they took stay in the consultation and workstream records,
shown as "Former participant", and the closure itself is recorded (AccountClosure).
"""

import datetime as dt
import decimal
import uuid

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions
from .exceptions import DomainError
from .models import AccountClosure, Profile, SiteRole

# Field names whose values are secrets of the account, never written into an export.
SECRET_FIELDS = {"password", "key_hash", "token", "secret"}

# Rows that only serve the person while they have an account: removed on closure (and
# counted in the closure's record). Labels are model labels; everything else is kept.
PERSONAL_ONLY = (
    "account.EmailAddress",
    "socialaccount.SocialAccount",
    "timelines.Follow",
    "timelines.NotificationPreference",
    "timelines.Notification",
    "timelines.CalendarToken",
    "api.ApiToken",
    "guardian.UserObjectPermission",
    "workstreams.WorkstreamUserObjectPermission",
)

EXPORT_FORMAT_VERSION = 2

# Put where a closed account's name was copied into a record (stored, so not translated).
FORMER_PARTICIPANT = "Former participant"

# Relations that make a row about the person; any other relation to people (created_by,
# granted_by, recorded_by, hidden_by...) records that they acted on something, possibly on
# someone else's data, and is exported as (what, which row, when) only.
ABOUT_THE_PERSON = {
    "user",
    "author",
    "person",
    "subject_user",
    "recipient",
    "member",
    "proposers",
    "penholder",
    "editor",
    "flagged_by",
    "requested_by",
    "submitted_by",
}


def user_relations():
    """Every (model, field) that points at the user model, many-to-many included, sorted."""
    user_model = get_user_model()
    found = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not (field.concrete and field.is_relation) or field.auto_created:
                continue
            if field.related_model is user_model and model is not user_model:
                found.append((model, field))
    return sorted(found, key=lambda pair: (pair[0]._meta.label, pair[1].name))


def _value(value):
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return None
    if value is None or isinstance(value, str | int | float | bool | list | dict):
        return value
    return str(value)  # countries, lazy strings and other value objects: their plain form


def _row(obj):
    row = {}
    for field in obj._meta.concrete_fields:
        if field.name in SECRET_FIELDS:
            continue
        key = field.attname
        row[key] = _value(getattr(obj, key))
    return row


def export_personal_data(user):
    """Everything the portal holds about `user`, as JSON-ready data.

    `account` is the person's own row and profile; `records` holds, per model and per
    relation ("workstreams.Membership.user"), every row that names them, with its plain
    field values (related rows by id).
    """
    account = _row(user)
    profile = Profile.objects.filter(user=user).first()
    records, actions = {}, {}
    for model, field in user_relations():
        if model is Profile:
            continue
        manager = model._default_manager
        if field.many_to_many:
            rows = manager.filter(**{field.name: user})
        else:
            rows = manager.filter(**{field.attname: user.pk})
        label = f"{model._meta.label}.{field.name}"
        if field.name in ABOUT_THE_PERSON:
            data = [_row(obj) for obj in rows.order_by("pk")]
            if data:
                records[label] = data
        else:
            stamp = _first_date_field(model)
            values = ("pk", stamp) if stamp else ("pk",)
            data = [
                {"id": row[0], "at": _value(row[1]) if stamp else None}
                for row in rows.order_by("pk").values_list(*values)
            ]
            if data:
                actions[label] = data
    return {
        "format": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "account": account,
        "profile": _row(profile) if profile else None,
        "records": records,
        # What the person did to others' rows: which row, when; nothing of the row itself.
        "actions": actions,
    }


def _first_date_field(model):
    for field in model._meta.concrete_fields:
        if isinstance(field, models.DateTimeField):
            return field.name
    return None


def closure_blockers(user):
    """Workstreams the person is the only active coordinator of (they hand over first)."""
    from workstreams.models import Membership

    coordinated = Membership.objects.active().filter(user=user, role=Membership.Role.COORDINATOR)
    blockers = []
    for membership in coordinated.select_related("workstream"):
        others = (
            Membership.objects.coordinators()
            .filter(workstream_id=membership.workstream_id)
            .exclude(user=user)
        )
        if not others.exists():
            blockers.append(membership.workstream)
    return blockers


@transaction.atomic
def close_account(*, user, actor, reason=""):
    """Anonymise `user` and end everything they hold; their records stay, unnamed.

    Each app ends what it owns and records it: memberships and reviewer grants (refused while
    they are a workstream's only coordinator), MAG liaison duties, editorial groups. Returns
    the AccountClosure.
    """
    from consultations.editorial import leave_all_editor_groups
    from mag.services import end_duties_of
    from workstreams.services import end_all_roles_of

    if not permissions.can_close_account(actor, user):
        raise DomainError(_("You may not close this account."))
    user_model = get_user_model()
    user = user_model.objects.select_for_update().get(pk=user.pk)
    if user.closed_at is not None:
        raise DomainError(_("This account is already closed."))
    ending = _("Account closed.")
    end_all_roles_of(user=user, actor=actor, reason=ending)
    end_duties_of(user=user, actor=actor, reason=ending)
    leave_all_editor_groups(user=user, actor=actor, reason=ending)
    for site_role in SiteRole.objects.active().filter(user=user):
        site_role.revoked_at = timezone.now()
        site_role.revoked_by = actor
        site_role.revoke_reason = ending
        site_role.save(update_fields=["revoked_at", "revoked_by", "revoke_reason", "updated"])

    removed = {}
    for label in PERSONAL_ONLY:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                count, _detail = model._default_manager.filter(**{field.attname: user.pk}).delete()
                if count:
                    removed[label] = removed.get(label, 0) + count

    kept = {}
    for model, field in user_relations():
        if model._meta.label in PERSONAL_ONLY or model is Profile:
            continue
        if field.many_to_many:
            count = model._default_manager.filter(**{field.name: user}).count()
        else:
            count = model._default_manager.filter(**{field.attname: user.pk}).count()
        if count:
            key = model._meta.label
            kept[key] = kept.get(key, 0) + count

    _anonymise_consents(user)
    _anonymise_copies(user, f"closed-{user.pk}@accounts.invalid")
    # Stakeholder group and UN regional group stay, unpublished: the balance of a
    # consultation's participation and of past MAGs is still counted right.
    Profile.objects.filter(user=user).update(
        display_name="",
        organisation="",
        country="",
        time_zone="UTC",
        language="",
        gender="",
        gender_self_description="",
        public_organisation=False,
        public_stakeholder_group=False,
        public_country=False,
        public_gender=False,
        updated=timezone.now(),
    )
    user.email = f"closed-{user.pk}@accounts.invalid"
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.closed_at = timezone.now()
    user.save()
    return AccountClosure.objects.create(
        user=user,
        closed_by=actor if actor.pk != user.pk else None,
        by_themselves=actor.pk == user.pk,
        reason=reason,
        removed=removed,
        kept=kept,
    )


def _anonymise_consents(user):
    # Consent to be named in published outputs ends with the account; the comments and
    # contributions themselves stay in the record, unnamed.
    for label in ("consultations.Comment", "consultations.Contribution"):
        model = apps.get_model(label)
        names = {f.name for f in model._meta.concrete_fields}
        if "named_in_output" in names:
            model._default_manager.filter(author=user).update(named_in_output=False)


def _anonymise_copies(user, placeholder_email):
    """Where the person's name or address was copied into another record, take it out."""
    from mag.models import Nomination
    from workstreams.models import DcApplication

    Nomination.objects.filter(user=user).update(
        name=FORMER_PARTICIPANT, email=placeholder_email, organisation="", biography=""
    )
    DcApplication.objects.filter(contact_email__iexact=user.email).update(
        contact_name="", contact_email=""
    )


def is_closed(user):
    return getattr(user, "closed_at", None) is not None
