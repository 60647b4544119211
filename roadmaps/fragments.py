"""What each cached part of the roadmap editor is keyed by.

Rendering a large roadmap (4 pillars x 3 outcomes x 3 outputs x 4 activities)
costs tens of milliseconds of template work, and loading its tree and scoring
it more; yet most page loads show the same roadmap as the load before. So the
editor's sections, its completeness summary and its section nav are cached in
Django's cache (Redis when configured, shared by every process; see
``{% editor_part %}`` in roadmaps/templatetags/editor_parts.py) under:

- the roadmap's identity: its id and the instant it was made, so that a
  database made anew, which hands out the same ids, never meets old entries;
- the revision counters of the kinds of rows the part shows (``Roadmap.*_revision``),
  which the services add one to in the transaction of every change
  (roadmaps/services/revisions.py);
- for the summary and the nav, whether each of the roadmap's texts is filled
  (``roadmap_facts``): an autosave that changes a filled text keeps them cached;
- and, in the template tag, the reader's right to change the roadmap, the
  language and the templates' own version (``TEMPLATES_VERSION``): a release that
  changes the editor's templates never serves parts drawn by the one before.

The counters are columns of the roadmap the view has loaded already: a page
served from the cache reads no other row. They are read before the tree (which
is loaded lazily, only on a miss), so a part is never older than its key.

What must stay out of a cached part: anything that differs per request or per
person (messages, a form's errors, a CSRF token). The move buttons post through
one form outside the sections (``form="item-move"``); the comments and the text
forms, which carry tokens, are rendered on every request.
"""

import hashlib
from pathlib import Path

from roadmaps.completeness import roadmap_facts
from roadmaps.models import REVISION_FIELD_NAMES, Roadmap

_RESULTS = "structure_revision"
_SHOWN = [name for name in REVISION_FIELD_NAMES if name != "comments_revision"]

# The counters each cached part is keyed on: its own kind of rows and every kind
# above them (a code such as 2.1.3 comes from the places of all its ancestors,
# and the activities section totals the budget per pillar).
PART_REVISIONS = {
    "results": (_RESULTS, "indicators_revision"),
    "indicators": (_RESULTS, "indicators_revision"),
    "activities": (_RESULTS, "activities_revision"),
    "coordination": ("coordination_revision",),
    "localization": ("territories_revision",),
    "milestones": ("milestones_revision",),
    # The summary and the nav score everything, and the roadmap's own texts.
    "summary": (*_SHOWN, "facts"),
    "nav": (*_SHOWN, "facts"),
}


def _templates_digest() -> str:
    """A digest of the roadmap templates' contents, read once per process."""
    folder = Path(__file__).resolve().parent.parent / "templates" / "roadmaps"
    digest = hashlib.blake2b(digest_size=6)
    for path in sorted(folder.rglob("*.html")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


TEMPLATES_VERSION = _templates_digest()


def roadmap_identity(roadmap: Roadmap) -> str:
    """The roadmap's id and creation instant, for cache keys."""
    return f"{roadmap.pk}.{roadmap.created_at.timestamp():.6f}"


def roadmap_part_keys(*, roadmap: Roadmap, parts=PART_REVISIONS) -> dict[str, str]:
    """{part: key} for the cached parts of one roadmap's editor (or only the
    ``parts`` named), from the roadmap as loaded (no query)."""
    values = {name: str(getattr(roadmap, name)) for name in REVISION_FIELD_NAMES}
    values["facts"] = "".join(
        "1" if filled else "0"
        for _name, filled in sorted(roadmap_facts(roadmap).items())
    )
    identity = roadmap_identity(roadmap)
    return {
        part: ".".join([identity, *(values[name] for name in PART_REVISIONS[part])])
        for part in parts
    }


def item_key(item) -> str:
    """One card's key: the item, its version (every change of its own fields
    adds one) and its code (which moves of it or its ancestors change); for an
    indicator, also when the reference it shows was last changed (an
    organizer's own entry can be renamed; loaded with the tree, no query)."""
    key = f"{item.key}.{item.version}.{item.code}"
    reference = getattr(item, "reference", None)
    if reference is not None:
        key += f".r{reference.pk}-{reference.updated_at.timestamp():.6f}"
    return key
