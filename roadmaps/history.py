"""Reads of a roadmap's history (django-simple-history records): the latest
changes to any of its parts, the versions of one part side by side, and the
record a restore brings back. Each runs a fixed number of queries."""

import difflib
from dataclasses import dataclass, field

from roadmaps.enums import Section
from roadmaps.models import ITEM_MODELS, PARENT_KINDS, Roadmap

HISTORY_KINDS = [
    "roadmap",
    "pillar",
    "outcome",
    "output",
    "indicator",
    "activity",
    "coordination",
    "territory",
    "milestone",
]
# Records shown on a roadmap's history page, newest first.
HISTORY_LIMIT = 200


def _history_filter(kind, roadmap):
    return {"id": roadmap.pk} if kind == "roadmap" else {"roadmap_id": roadmap.pk}


# A save of the roadmap's own texts names its group as the record's reason.
TEXT_GROUP_FIELDS = {
    "context": ("context_analysis",),
    "theory-of-change": ("toc_if", "toc_then", "toc_because"),
}
TEXT_GROUP_LABELS = {
    "context": Section.CONTEXT.label,
    "theory-of-change": Section.THEORY_OF_CHANGE.label,
}


def _summary(record):
    group = TEXT_GROUP_FIELDS.get(record.history_change_reason or "")
    if record.kind == "roadmap" and group:
        text = " ".join(
            getattr(record, name) for name in group if getattr(record, name)
        )
        return text[:120]
    for name in ("statement", "name", "coordination_body", "context_analysis"):
        value = getattr(record, name, None)
        if value:
            return value[:120]
    if record.kind == "pillar" and record.standard:
        return record.instance.title
    if record.kind == "milestone":
        return record.get_kind_display()
    return ""


def _event(record):
    reason = record.history_change_reason or ""
    if record.history_type == "+":
        return "created"
    if reason in {"deleted", "restored", "moved"}:
        return reason
    if reason.startswith("status:"):
        return "status"
    return "changed"


def roadmap_history(*, roadmap: Roadmap) -> list:
    """The latest changes to any part of the roadmap, newest first (one query
    per kind of part, and one per kind that can be deleted).

    Each record gets ``kind``, ``label`` (the part's name), ``summary`` (its text,
    shortened), ``event`` (created, changed, status, deleted, restored, moved),
    ``can_undo`` (a deletion whose item is still deleted) and ``can_undo_move``
    (a move that is its item's latest change).
    """
    records = []
    for kind in HISTORY_KINDS:
        model = ITEM_MODELS[kind]
        for record in (
            model.history.filter(**_history_filter(kind, roadmap))
            .select_related("history_user")
            .order_by("-history_date")[:HISTORY_LIMIT]
        ):
            record.kind = kind
            record.label = TEXT_GROUP_LABELS.get(
                record.history_change_reason or "", model._meta.verbose_name
            )
            records.append(record)
    records.sort(key=lambda record: record.history_date, reverse=True)
    records = records[:HISTORY_LIMIT]
    # Only what is still deleted can be brought back.
    deleted = {
        kind: set(
            ITEM_MODELS[kind]
            .objects.filter(roadmap=roadmap, deleted_at__isnull=False)
            .values_list("pk", flat=True)
        )
        for kind in PARENT_KINDS
    }
    seen = set()
    for record in records:
        record.summary = _summary(record)
        record.event = _event(record)
        record.can_undo = record.event == "deleted" and record.id in deleted.get(
            record.kind, ()
        )
        latest = (record.kind, record.id) not in seen
        seen.add((record.kind, record.id))
        record.can_undo_move = (
            record.event == "moved"
            and latest
            and record.id not in deleted.get(record.kind, ())
        )
    return records


def history_item(*, roadmap: Roadmap, kind: str, item_pk: int):
    """The roadmap itself or one of its parts, deleted or not, or None when
    ``kind`` names no part or the part belongs to another roadmap."""
    model = ITEM_MODELS.get(kind)
    if model is None:
        return None
    if kind == "roadmap":
        return roadmap if item_pk == roadmap.pk else None
    return model.objects.filter(roadmap=roadmap, pk=item_pk).first()


def _text_fields(model):
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.get_internal_type() in {"TextField", "CharField"}
        and field.editable
        and not field.choices
        and field.name not in {"currency", "start_quarter", "end_quarter"}
    ]


@dataclass
class ItemHistory:
    item: object
    label: str  # the kind of part, e.g. "Outcome"
    versions: list  # history records, newest first
    older: object = None
    newer: object = None
    # [{"label": field's name, "parts": word_diff(...)}] for each text that differs
    diffs: list = field(default_factory=list)

    @property
    def is_deleted(self) -> bool:
        return getattr(self.item, "deleted_at", None) is not None


def item_history(
    *,
    roadmap: Roadmap,
    kind: str,
    item_pk: int,
    older_id: int | None = None,
    newer_id: int | None = None,
) -> ItemHistory | None:
    """The versions of one part and a word diff of its texts between two of them
    (``older_id`` and ``newer_id``, history ids; by default the last two), or
    None when the part is not in this roadmap. Two queries."""
    item = history_item(roadmap=roadmap, kind=kind, item_pk=item_pk)
    if item is None:
        return None
    model = ITEM_MODELS[kind]
    versions = list(
        model.history.filter(id=item.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    by_id = {record.history_id: record for record in versions}
    older = by_id.get(older_id)
    newer = by_id.get(newer_id)
    if newer is None and versions:
        newer = versions[0]
    if older is None and len(versions) > 1:
        older = versions[1]
    diffs = []
    if older and newer:
        for name in _text_fields(model):
            before = getattr(older, name) or ""
            after = getattr(newer, name) or ""
            if before != after:
                diffs.append(
                    {
                        "label": model._meta.get_field(name).verbose_name,
                        "parts": word_diff(before, after),
                    }
                )
    return ItemHistory(
        item=item,
        label=model._meta.verbose_name,
        versions=versions,
        older=older,
        newer=newer,
        diffs=diffs,
    )


def history_record(*, roadmap: Roadmap, kind: str, item_pk: int, history_id):
    """(item, record): one part of the roadmap and one of its history records,
    for a restore; None when either is not found."""
    item = history_item(roadmap=roadmap, kind=kind, item_pk=item_pk)
    if item is None:
        return None
    record = ITEM_MODELS[kind].history.filter(id=item.pk, history_id=history_id).first()
    if record is None:
        return None
    return item, record


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """[(op, text)] with op in equal/delete/insert; the template escapes text."""
    old, new = before.split(" "), after.split(" ")
    parts = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("equal", " ".join(old[a1:a2])))
            continue
        if a2 > a1:
            parts.append(("delete", " ".join(old[a1:a2])))
        if b2 > b1:
            parts.append(("insert", " ".join(new[b1:b2])))
    return parts
