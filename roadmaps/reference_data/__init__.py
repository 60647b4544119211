"""The reference indicator sets shipped with the app, one JSON file per
framework (its source cited in the file), loaded by a data migration and by
``seed_demo``. Loading is idempotent: an entry is found by framework and code
and its texts are brought up to date; entries are never deleted, since
indicators may point at them."""

import json
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
SETS = ["sdg.json"]


def shipped_sets() -> list[dict]:
    return [json.loads((FOLDER / name).read_text("utf-8")) for name in SETS]


def shipped_load(model) -> int:
    """Write the shipped sets into ``model`` (ReferenceIndicator, or its
    historical version in a migration); returns how many entries there are."""
    count = 0
    for reference_set in shipped_sets():
        for position, entry in enumerate(reference_set["indicators"], start=1):
            model.objects.update_or_create(
                convening=None,
                framework=reference_set["framework"],
                code=entry["code"],
                defaults={
                    "title": entry["en"],
                    "title_en": entry["en"],
                    "title_es": entry["es"],
                    "source": reference_set["source"],
                    "position": position,
                },
            )
            count += 1
    return count
