"""Digests of what each part of the roadmap editor shows, to cache its HTML by.

Rendering a large roadmap (4 pillars x 3 outcomes x 3 outputs x 4 activities)
costs about 80 ms of template work, and loading its tree and scoring it another
15 ms; yet most page loads show the same roadmap as the load before. So the
editor's sections, its completeness summary and its section nav are cached
(``{% editor_part %}`` in their templates, the ``fragments`` cache) under the
roadmap, the reader's right to change it, the language and a digest of the
stored rows the part shows. On a hit the tree is never loaded: the editor's
context holds it lazily. The summary and the nav read the roadmap's texts only
to know whether each is filled (``roadmap_facts``): an autosave that changes a
filled text keeps them cached.

On PostgreSQL the digests come from one query that hashes the full text of
every row of the roadmap's parts, deleted ones included (``md5(row::text)``):
any write, through the app, the admin, a move that renumbers with
``update()`` or a script, changes the digest, so a stale part is never served.
Elsewhere (the SQLite default) they are computed from the loaded tree. The
digests must be read before the tree: a tree loaded after a concurrent commit
is newer than its key, never older.

What must stay out of a cached part: anything that differs per request or per
person (messages, a form's errors). A CSRF token is cached as a placeholder and
each reader gets their own (templatetags/editor_parts.py); the move buttons
still post through one form outside the sections (``form="item-move"``), which
keeps the many buttons light. Each section's comments are a piece of their own,
keyed by the threads as stored (``comments_digest``), and the text forms by the
roadmap's stored row: neither changes the sections' keys.
"""

from django.db import connection

from common.digests import row, stamp
from roadmaps.completeness import roadmap_facts
from roadmaps.models import (
    Activity,
    Coordination,
    Indicator,
    Milestone,
    Outcome,
    Output,
    Pillar,
    Roadmap,
    Territory,
)
from roadmaps.services import roadmap_needs_initialize

# The rows of one roadmap a part of the editor can show, by kind.
STAMPED = {
    "pillars": Pillar,
    "outcomes": Outcome,
    "outputs": Output,
    "indicators": Indicator,
    "activities": Activity,
    "coordination": Coordination,
    "territories": Territory,
    "milestones": Milestone,
}

# Which kinds each cached part reads: its own items, every kind above them (a
# code such as 2.1.3 comes from the places of all its ancestors: moving a pillar
# renumbers the activities under it) and, for activities, the budget per pillar.
PART_KINDS = {
    "results": ("pillars", "outcomes", "outputs", "indicators"),
    "indicators": ("pillars", "outcomes", "outputs", "indicators"),
    "activities": ("pillars", "outcomes", "outputs", "activities"),
    "coordination": ("coordination",),
    "localization": ("territories",),
    "milestones": ("milestones",),
    # The completeness summary and the nav score everything, and what the score
    # reads of the roadmap's texts: whether each is filled (roadmap_facts).
    "summary": (*STAMPED, "facts"),
    "nav": (*STAMPED, "facts"),
}


class Digests(dict):
    """{part: digest} for the cached parts of one roadmap's editor, and
    ``needs_initialize``: whether the roadmap lacks its pillars or its
    coordination (services.roadmap_initialize)."""

    def __init__(self, parts, *, roadmap, row_counts=None):
        super().__init__(parts)
        self.roadmap = roadmap
        self.row_counts = row_counts  # {kind: rows}, when the database hashed them

    @property
    def needs_initialize(self) -> bool:
        if self.row_counts is None:
            return roadmap_needs_initialize(roadmap=self.roadmap)
        # The same rows as services.roadmap_needs_initialize looks for, counted
        # by the query that hashes them: no query of its own on every load.
        return not (self.row_counts["pillars"] and self.row_counts["coordination"])


def roadmap_digests(*, roadmap: Roadmap, tree) -> Digests:
    """The digests of one roadmap's editor parts.

    ``tree`` may be lazy: it is only loaded when the database cannot hash rows.
    """
    counts = None
    if connection.vendor == "postgresql":
        stamps, counts = _stamps_from_rows(roadmap)
    else:
        stamps = _stamps_from_tree(tree)
    stamps["facts"] = stamp(sorted(roadmap_facts(roadmap).items()))
    return Digests(
        (
            (part, stamp([stamps[kind] for kind in kinds]))
            for part, kinds in PART_KINDS.items()
        ),
        roadmap=roadmap,
        row_counts=counts,
    )


def _stamps_from_rows(roadmap) -> tuple[dict[str, str], dict[str, int]]:
    """({kind: digest}, {kind: number of rows}), deleted rows included."""
    # Only our models' table names are formatted in; values go as parameters.
    quote = connection.ops.quote_name
    selects, params = [], []
    digest = "md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')), count(*)"
    for kind, model in STAMPED.items():
        table = quote(model._meta.db_table)
        selects.append(
            f"SELECT %s::text, {digest} FROM {table} t WHERE t.roadmap_id = %s"  # noqa: S608
        )
        params += [kind, roadmap.pk]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        rows = cursor.fetchall()
    return (
        {kind: digest for kind, digest, _count in rows},
        {kind: count for kind, _digest, count in rows},
    )


def item_digest(item) -> str:
    """The digest of one item's stored row, for its own card's cache key."""
    return stamp(row(item))


def comments_digest(threads) -> str:
    """The digest of comment threads (roadmaps.selectors.roadmap_comments) as
    the editor shows them: each comment's row and its author's name."""

    def shown(comment):
        return row(comment), comment.author.full_name if comment.author else None

    return stamp(
        [
            (shown(thread), [shown(reply) for reply in thread.reply_list])
            for thread in threads
        ]
    )


def _stamps_from_tree(tree) -> dict[str, str]:
    """The same digests from the loaded tree: its living items with their codes."""
    items = {
        "pillars": tree.pillars,
        "outcomes": tree.outcomes,
        "outputs": tree.outputs,
        "indicators": tree.indicators,
        "activities": tree.activities,
        "coordination": [tree.coordination] if tree.coordination else [],
        "territories": tree.territories,
        "milestones": tree.milestones,
    }
    return {
        kind: stamp([(getattr(item, "code", ""), row(item)) for item in found])
        for kind, found in items.items()
    }
