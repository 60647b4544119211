"""Moving items: one place up or down, under another parent, and back where an
item was before a move (from the history). A move changes no text, so it keeps
every version as it is (nobody's open form becomes stale), but it is recorded
in the history like any change, with the acting person."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from roadmaps.models import PARENT_KINDS, Indicator, Item, Outcome, Output
from roadmaps.services.items import history_record_write, item_changed


def _parent_filter(item) -> dict:
    if isinstance(item, Indicator):
        return {"outcome_id": item.outcome_id, "output_id": item.output_id}
    if item.parent_field:
        return {f"{item.parent_field}_id": item.parent_id}
    return {}


@transaction.atomic
def item_move(*, user, item: Item, direction: str) -> None:
    """Move an item one place up or down among its living siblings.

    Positions of the siblings are renumbered 1…n, so the dotted codes derived
    from them follow. Versions are not touched: a move does not make anyone's
    text stale. Side effects: the positions; a history record "moved" of the
    item (its place before is the record before: ``item_move_undo``).
    """
    model = type(item)
    siblings = list(
        model.objects.select_for_update()
        .filter(
            roadmap_id=item.roadmap_id, deleted_at__isnull=True, **_parent_filter(item)
        )
        .order_by("position", "pk")
    )
    ids = [sibling.pk for sibling in siblings]
    if item.pk not in ids:
        return
    index = ids.index(item.pk)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(ids):
        ids[index], ids[target] = ids[target], ids[index]
    if not 0 <= target < len(ids):
        return
    _positions_write(model, siblings, ids)
    history_record_write(model.objects.get(pk=item.pk), user=user, reason="moved")
    item_changed(item)


def _positions_write(model, siblings, ids) -> None:
    """Number the siblings 1…n in the order of ``ids`` (only those that change)."""
    current = {sibling.pk: sibling.position for sibling in siblings}
    for position, pk in enumerate(ids, start=1):
        if current.get(pk) != position:
            model.objects.filter(pk=pk).update(position=position)


def _parent_fields(item: Item, parent: Item) -> dict:
    """The parent foreign keys of ``item`` once it sits under ``parent``."""
    if isinstance(item, Indicator):
        return {
            "outcome_id": parent.pk if isinstance(parent, Outcome) else None,
            "output_id": parent.pk if isinstance(parent, Output) else None,
        }
    return {f"{item.parent_field}_id": parent.pk}


@transaction.atomic
def item_reparent(*, user, item: Item, parent: Item) -> None:
    """Move an item under another parent of the same roadmap, as its last child
    (an output to another outcome, an indicator from an outcome to an output…).

    What hangs under the item goes with it, and the dotted codes follow. As with
    item_move, the version is not touched: nobody's text becomes stale.
    Raises ValueError for a parent outside the roadmap, deleted, or of a kind the
    item cannot sit under. Side effects: none besides the parent and position.
    """
    model = type(item)
    allowed = PARENT_KINDS.get(model._meta.model_name, ())
    if (
        parent._meta.model_name not in allowed
        or parent.roadmap_id != item.roadmap_id
        or parent.deleted_at is not None
    ):
        raise ValueError(f"{item.key} cannot go under {parent.key}")
    fields = _parent_fields(item, parent)
    if all(getattr(item, name) == value for name, value in fields.items()):
        return
    last = (
        model.objects.select_for_update()
        .filter(roadmap_id=item.roadmap_id, deleted_at__isnull=True, **fields)
        .aggregate(last=Max("position"))["last"]
    )
    model.objects.filter(pk=item.pk).update(**fields, position=(last or 0) + 1)
    history_record_write(model.objects.get(pk=item.pk), user=user, reason="moved")
    item_changed(item)


class MoveNotUndoable(Exception):
    """The move cannot be undone: the item changed since, or its earlier parent
    is gone. ``message`` says which."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@transaction.atomic
def item_move_undo(*, user, item: Item, record) -> None:
    """Put an item back where it was before the move ``record`` (a history
    record "moved" of the item): under its earlier parent, at its earlier place
    among its siblings, which are renumbered.

    Raises MoveNotUndoable when the item was changed or moved again since, or
    its earlier parent was deleted. Side effects: a history record "moved".
    """
    model = type(item)
    records = list(
        model.history.filter(id=item.pk, history_id__lte=record.history_id).order_by(
            "-history_id"
        )[:2]
    )
    latest = model.history.filter(id=item.pk).order_by("-history_id").first()
    if len(records) < 2 or latest.history_id != record.history_id:
        raise MoveNotUndoable(
            _("It was changed or moved again since: undo that first.")
        )
    before = records[1]
    parent = {
        name: getattr(before, name)
        for name in ("outcome_id", "output_id", f"{item.parent_field}_id")
        if item.parent_field and hasattr(before, name)
    }
    for name, pk in parent.items():
        parent_model = model._meta.get_field(name.removesuffix("_id")).related_model
        if (
            pk is not None
            and not parent_model.objects.filter(pk=pk, deleted_at__isnull=True).exists()
        ):
            raise MoveNotUndoable(_("The place it came from was deleted."))
    model.objects.filter(pk=item.pk).update(**parent)
    siblings = list(
        model.objects.select_for_update()
        .filter(roadmap_id=item.roadmap_id, deleted_at__isnull=True, **parent)
        .exclude(pk=item.pk)
        .order_by("position", "pk")
    )
    ids = [sibling.pk for sibling in siblings]
    ids.insert(min(max(before.position - 1, 0), len(ids)), item.pk)
    _positions_write(model, [*siblings, model.objects.get(pk=item.pk)], ids)
    history_record_write(model.objects.get(pk=item.pk), user=user, reason="moved")
    item_changed(item)
