"""Stored files go with their rows.

When a row that holds a file is deleted — by a service, by the admin, or in a
cascade (a convening deleted takes its roadmaps' exports and its logos; a
delegation, a person or a survey theirs) — its file is deleted from the storage
once the transaction commits, never before: a delete that is rolled back keeps
the file. Without this, a cascade left the files of deleted records in the
storage for ever. ``files_follow_rows`` connects it (CommonConfig.ready) for
every model of the project with a file field; history tables keep names only.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete


def _file_fields(model) -> list:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _storage_now(field):
    """The field's storage as configured now: a FileField given a callable
    storage calls it once, at import, and keeps the callable (Django's
    ``_storage_callable``), which the models' own readers call too."""
    callable_storage = getattr(field, "_storage_callable", None)
    return callable_storage() if callable_storage else field.storage


def _files_delete(sender, instance, **kwargs):
    for field in _file_fields(sender):
        name = getattr(instance, field.attname).name
        if name:
            storage = _storage_now(field)
            transaction.on_commit(lambda s=storage, n=name: s.delete(n))


def _ours(model) -> bool:
    """A model of this project's apps (not of an installed library), and not
    a history table (django-simple-history keeps a file's name, not a copy)."""
    path = Path(model._meta.app_config.path)
    return (
        path.is_relative_to(settings.BASE_DIR)
        and "site-packages" not in path.parts
        and not any(f.name == "history_id" for f in model._meta.fields)
    )


def files_follow_rows() -> None:
    for model in apps.get_models():
        if _ours(model) and _file_fields(model):
            post_delete.connect(
                _files_delete, sender=model, dispatch_uid=f"files-{model._meta.label}"
            )
