"""The bench's merge phase: 8 editors edit *different* fields of the *same*
indicators at once, each as a browser does (open the item's form, change one
field, post the whole form from the version it opened). Field-level merges
(roadmaps.services.merge_three_way) must take every save: no conflict reported
for a field only one editor changed, and no save lost.
"""

import html
import http.client
import re
import threading
import time

# One field per editor; each posts the whole form, as the page does.
FIELDS = [
    "statement",
    "unit",
    "means_of_verification",
    "responsible_institution",
    "disaggregation",
    "baseline_value",
    "target_value",
    "baseline_year",
]
_VERSION = re.compile(r'name="version" value="(\d+)"')
_INPUT = re.compile(r'<input[^>]*\bname="(\w+)"[^>]*>')
_VALUE = re.compile(r'\bvalue="([^"]*)"')
_TEXTAREA = re.compile(r'<textarea[^>]*\bname="(\w+)"[^>]*>(.*?)</textarea>', re.S)
_SELECTED = re.compile(
    r'<select[^>]*\bname="(\w+)"[^>]*>.*?(?:<option value="([^"]*)"[^>]*selected)', re.S
)


def form_values(page: str) -> dict:
    """The values an edit form shows (what a browser would send back)."""
    values = {}
    for match in _INPUT.finditer(page):
        value = _VALUE.search(match.group(0))
        values[match.group(1)] = html.unescape(value.group(1)) if value else ""
    for name, text in _TEXTAREA.findall(page):
        values[name] = html.unescape(text.lstrip("\n"))
    for name, value in _SELECTED.findall(page):
        values[name] = value
    values.pop("csrfmiddlewaretoken", None)
    return values


def new_value(field: str, editor: int, count: int) -> str:
    if field == "baseline_year":
        return str(2000 + count % 25)
    if field in ("baseline_value", "target_value"):
        return str(editor * 100_000 + count)
    return f"editor {editor} save {count}"


class FieldEditor(threading.Thread):
    def __init__(self, number, browser, roadmap_id, indicator_ids, deadline, pause):
        super().__init__(daemon=True)
        self.number = number
        self.field = FIELDS[(number - 1) % len(FIELDS)]
        self.browser = browser
        self.roadmap_id = roadmap_id
        self.indicator_ids = indicator_ids
        self.deadline = deadline
        self.pause = pause
        self.saves = []  # (status, ms, indicator id, value)
        self.last = {}  # indicator id -> the last value saved (answered 200)
        self.samples = []

    def run(self):
        headers = {
            "HX-Request": "true",
            "X-CSRFToken": self.browser.cookies["csrftoken"],
        }
        count = 0
        while time.monotonic() < self.deadline:
            count += 1
            pk = self.indicator_ids[count % len(self.indicator_ids)]
            url = f"/roadmaps/{self.roadmap_id}/indicator/{pk}/edit/"
            try:
                _status, page = self.browser.request("GET", url, headers=headers)
                values = form_values(page)
                values["version"] = _VERSION.search(page).group(1)
                value = new_value(self.field, self.number, count)
                values[self.field] = value
                time.sleep(self.pause)  # the person types
                started = time.perf_counter()
                status, body = self.browser.request("POST", url, values, headers)
            except (OSError, http.client.HTTPException, AttributeError) as error:
                self.samples.append(repr(error))
                self.browser.close()
                self.browser.connection = http.client.HTTPConnection(
                    "127.0.0.1", self.browser.port, timeout=30
                )
                continue
            elapsed = (time.perf_counter() - started) * 1000
            if status == 200 and "is-invalid" in body:
                status = 422  # the form came back with an error: not saved
            self.saves.append((status, elapsed, pk, value))
            if status == 200:
                self.last[pk] = value
            elif len(self.samples) < 3:
                self.samples.append(f"{status}: {body[:300]}")


def different_fields(port, roadmap_id, browsers, seconds, pause=0.3, items=3):
    """Run the phase: counts of saves, conflicts, losses and errors, latencies."""
    from roadmaps.models import Indicator

    indicator_ids = list(
        Indicator.objects.filter(roadmap_id=roadmap_id, deleted_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)[:items]
    )
    deadline = time.monotonic() + seconds
    editors = [
        FieldEditor(number, browser, roadmap_id, indicator_ids, deadline, pause)
        for number, browser in enumerate(browsers[: len(FIELDS)], start=1)
    ]
    for editor in editors:
        editor.start()
    for editor in editors:
        editor.join(timeout=seconds + 60)
    saves = [save for editor in editors for save in editor.saves]
    stored = {
        row["pk"]: row
        for row in Indicator.objects.filter(pk__in=indicator_ids).values("pk", *FIELDS)
    }
    lost = 0
    for editor in editors:
        for pk, value in editor.last.items():
            kept = stored[pk][editor.field]
            if str(kept) != value and not (
                kept is not None and _same_number(kept, value)
            ):
                lost += 1
    return {
        "saves": sum(1 for status, *_rest in saves if status == 200),
        "conflicts": sum(1 for status, *_rest in saves if status == 409),
        "lost": lost,
        "errors": sum(1 for status, *_rest in saves if status not in (200, 409)),
        "latencies": [ms for _status, ms, *_rest in saves],
        "samples": [sample for editor in editors for sample in editor.samples],
        "editors": len(editors),
        "items": len(indicator_ids),
    }


def _same_number(kept, value):
    try:
        return float(kept) == float(value)
    except (TypeError, ValueError):
        return False
