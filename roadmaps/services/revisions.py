"""The revision counters of a roadmap's rows, which the editor caches by.

Every service that writes rows of a roadmap calls ``roadmap_revision_bump`` in
its own transaction, so a cached part of the editor (roadmaps/fragments.py) is
keyed on numbers that change in the same commit as what it shows. A write made
around the services (a script, a bulk load) must call it too.
"""

from collections.abc import Iterable

from django.db.models import F

from roadmaps.models import REVISION_FIELDS, Roadmap


def roadmap_revision_bump(*, roadmap_id: int, kinds: Iterable[str]) -> None:
    """Count a change of these kinds of rows ("activity", "comment"…) of one
    roadmap. Kinds without a counter (the roadmap's own texts, keyed on its
    ``version``) are ignored. One UPDATE of the roadmap's row, which it keeps
    locked until the transaction ends."""
    fields = {REVISION_FIELDS[kind] for kind in kinds if kind in REVISION_FIELDS}
    if fields:
        Roadmap.objects.filter(pk=roadmap_id).update(
            **{name: F(name) + 1 for name in fields}
        )
