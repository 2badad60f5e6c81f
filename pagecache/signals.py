"""Any change to the portal's data moves the page cache's version (pagecache.cache)."""

from django.apps import apps
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .cache import bump_version

# The portal's own apps, plus allauth's email addresses (verification changes what pages show).
WATCHED_APPS = {"accounts", "workstreams", "timelines", "mag", "consultations", "api", "account"}
# Rows that change no public page: bookkeeping written on every sign-in, read or delivery.
IGNORED_MODELS = {"timelines.Notification", "api.ApiToken", "timelines.CalendarToken"}


def _changed(sender, update_fields=None, **kwargs):
    meta = sender._meta
    if meta.app_label not in WATCHED_APPS or meta.label in IGNORED_MODELS:
        return
    if apps.get_registered_model(meta.app_label, meta.model_name) is not sender:
        return  # a migration's historical model: nothing is cached while migrating
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a sign-in changes no public page
    bump_once_committed()


def bump_once_committed():
    """Replace the version once the transaction commits (at once outside one); once per
    transaction, however many rows it writes, and not at all if it rolls back."""
    if connection.in_atomic_block and any(
        entry[1] is bump_version for entry in connection.run_on_commit
    ):
        return
    transaction.on_commit(bump_version)


def connect():
    post_save.connect(_changed, dispatch_uid="pagecache-save")
    post_delete.connect(_changed, dispatch_uid="pagecache-delete")
    for model in apps.get_models():
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _changed, sender=field.remote_field.through, dispatch_uid=f"pagecache-{field}"
            )
