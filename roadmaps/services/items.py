"""Changes to roadmaps. Each function runs in a transaction.

No lost work: an update names the version it was based on and is written with
``UPDATE … SET version = version + 1 WHERE pk = … AND version = …``. When no row
matches, someone saved in between, and the save is merged field by field, three
ways (``merge_three_way``: the base version from the history, theirs as stored,
yours as sent): a field only one side changed takes that side's value; only a
field both changed to different values is a conflict, raised as ``StaleEdit``
with nothing written. History records are written explicitly with the acting
user, since a queryset update sends no signals.
"""

import copy
import logging

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from roadmaps.models import (
    Indicator,
    Item,
    Roadmap,
)
from roadmaps.services.revisions import roadmap_revision_bump

logger = logging.getLogger(__name__)


# Fields never edited through the versioned forms; a roadmap's own status moves
# only through review (roadmap_status_change), a milestone's is edited.
_NOT_EDITABLE = {"id", "delegation", "roadmap", "version"}


class StaleEdit(Exception):
    """A save was based on a version someone else has replaced meanwhile.

    ``current`` is the stored item; ``mine`` the values this save changed (not
    the ones it sent unchanged); ``fields`` the names of the fields both people
    changed; ``base`` the values they both started from, by field (empty when the
    history no longer holds the base version); ``by`` who saved ``current``.
    """

    def __init__(self, *, current, mine: dict, fields: list[str], base=None, by=None):
        super().__init__(f"stale edit of {current._meta.label} {current.pk}")
        self.current = current
        self.mine = mine
        self.fields = fields
        self.base = base or {}
        self.by = by


def merge_three_way(*, base: dict | None, theirs: dict, mine: dict):
    """Merge one save into what is stored, field by field.

    ``mine`` holds the values a form sent (changed or not), ``theirs`` the stored
    ones, ``base`` the ones the form was opened with (None when unknown: then
    every field that differs from theirs counts as changed by both). Returns
    ``(to_write, conflicts)``: the values this save still changes, and the names
    of the fields both sides changed to different values.
    """
    to_write, conflicts = {}, []
    for name, value in mine.items():
        if base is not None and base[name] == value:
            continue  # not touched by this save: theirs stands
        if theirs[name] == value:
            continue  # both wrote the same
        if base is None or base[name] != theirs[name]:
            conflicts.append(name)
        to_write[name] = value
    return to_write, conflicts


def editable_fields(model) -> list[str]:
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.editable
        and field.name not in _NOT_EDITABLE
        and not (model is Roadmap and field.name == "status")
    ]


def history_record_write(obj, *, user, reason: str = "", created: bool = False):
    obj._change_reason = reason
    type(obj).history.bulk_history_create([obj], update=not created, default_user=user)


def _values(obj, names) -> dict:
    """Comparable values by field name (a foreign key by its id); ``obj`` is an
    item or one of its history records, which name their fields alike."""
    return {name: getattr(obj, obj._meta.get_field(name).attname) for name in names}


def _records(model, *, pk, base_version, current_version):
    """(base, latest): the history records of the version a save was based on
    and of the one stored now (who saved it), in one query; None when the
    history lacks one."""
    base = latest = None
    for record in (
        model.history.filter(id=pk, version__in=[base_version, current_version])
        .select_related("history_user")
        .order_by("-history_id")
    ):
        if record.version == current_version and latest is None:
            latest = record
        if record.version == base_version and base is None:
            base = record
    return base, latest


@transaction.atomic
def item_update(*, user, item, base_version: int, changes: dict, reason: str = ""):
    """Save ``changes`` to an item (a Roadmap or any part of it) made from
    ``base_version``; returns the item as stored.

    Raises ValidationError (nothing saved) or StaleEdit (nothing saved).
    Side effects: one history record, attributed to ``user``.
    """
    model = type(item)
    unknown = set(changes) - set(editable_fields(model)) - {"deleted_at"}
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    stored = model.objects.get(pk=item.pk)
    candidate = copy.copy(stored)
    for name, value in changes.items():
        setattr(candidate, name, value)
    candidate.full_clean(exclude=["roadmap", "delegation"])
    values = {name: getattr(candidate, name) for name in changes}
    if all(getattr(stored, name) == value for name, value in values.items()):
        # Nothing to write (an autosave of unchanged text): no version, no history.
        return stored
    sent = _values(candidate, values)
    base = author = None  # looked up once: the version the form was opened with
    for _attempt in range(5):
        updated = model.objects.filter(pk=item.pk, version=base_version).update(
            **values, version=F("version") + 1, updated_at=timezone.now()
        )
        if updated:
            break
        current = model.objects.filter(pk=item.pk).first()
        if current is None:
            raise model.DoesNotExist
        if base is None:
            record, latest = _records(
                model,
                pk=item.pk,
                base_version=base_version,
                current_version=current.version,
            )
            base = _values(record, sent) if record else {}
            author = latest.history_user if latest else None
        to_write, conflicting = merge_three_way(
            base=base or None, theirs=_values(current, sent), mine=sent
        )
        if conflicting:
            raise StaleEdit(
                current=current,
                mine={name: values[name] for name in to_write},
                fields=conflicting,
                base=base,
                by=author,
            )
        if not to_write:
            return current  # theirs already holds everything this save changed
        # The other save touched other fields only: apply ours on top of it.
        values = {name: values[name] for name in to_write}
        base_version = current.version
    else:  # pragma: no cover - five concurrent saves in a row
        raise StaleEdit(current=current, mine=values, fields=list(values))
    saved = model.objects.get(pk=item.pk)
    history_record_write(saved, user=user, reason=reason)
    item_changed(saved)
    return saved


def item_changed(item) -> None:
    """Count the change in the roadmap's revisions (roadmaps/fragments.py)."""
    if not isinstance(item, Roadmap):
        roadmap_revision_bump(roadmap_id=item.roadmap_id, kinds=[item._meta.model_name])


def position_next(model, **filters) -> int:
    top = model.objects.filter(**filters).aggregate(top=Max("position"))["top"]
    return (top or 0) + 1


@transaction.atomic
def item_create(*, user, roadmap: Roadmap, model, parent=None, fields: dict):
    """Add a part to a roadmap at the end of its siblings; returns it.

    ``parent`` is the pillar of an outcome, the outcome of an output, the
    outcome or output of an indicator, the output of an activity, None otherwise.
    Raises ValidationError (nothing saved). Side effects: a history record.
    """
    item = model(roadmap=roadmap, **fields)
    filters = {"roadmap": roadmap}
    if model is Indicator:
        field = "outcome" if parent._meta.model_name == "outcome" else "output"
        setattr(item, field, parent)
        filters[field] = parent
    elif model.parent_field:
        if parent is None:
            raise ValueError(f"{model.__name__} needs a parent")
        setattr(item, model.parent_field, parent)
        filters[model.parent_field] = parent
    item.position = position_next(model, **filters)
    item.full_clean(exclude=["roadmap"])
    item._history_user = user
    item.save()
    item_changed(item)
    return item


@transaction.atomic
def item_delete(*, user, item: Item) -> None:
    """Delete an item softly: it and its children disappear from the roadmap and
    can be brought back from the history (``item_undelete``).

    Side effects: bumps the version; a history record "deleted".
    """
    model = type(item)
    model.objects.filter(pk=item.pk).update(
        deleted_at=timezone.now(), version=F("version") + 1
    )
    history_record_write(model.objects.get(pk=item.pk), user=user, reason="deleted")
    item_changed(item)


@transaction.atomic
def item_undelete(*, user, item: Item) -> None:
    """Bring a deleted item back where it was, with its children.

    Side effects: bumps the version; a history record "restored".
    """
    model = type(item)
    model.objects.filter(pk=item.pk).update(deleted_at=None, version=F("version") + 1)
    history_record_write(model.objects.get(pk=item.pk), user=user, reason="restored")
    item_changed(item)


@transaction.atomic
def item_restore(*, user, item, record):
    """Make an earlier version (a history record) of an item the current one.

    It is an ordinary versioned update based on the item's current version, so
    the history keeps both the replaced text and the restored one.
    """
    model = type(item)
    changes = {}
    for name in editable_fields(model):
        field = model._meta.get_field(name)
        value = getattr(record, field.attname)
        if field.is_relation and value is not None:
            # An organizer's own reference indicator may have been removed
            # since: the restored version then points at none.
            value = field.related_model._default_manager.filter(pk=value).first()
        changes[name] = value
    if isinstance(item, Item):
        changes["deleted_at"] = None
    return item_update(
        user=user,
        item=item,
        base_version=model.objects.get(pk=item.pk).version,
        changes=changes,
        reason="restored",
    )
