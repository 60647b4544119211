"""People editing one roadmap at once: autosave by many editors, the editor
reloaded after each change, and the lost-updates check."""

import http.client
import http.cookies
import random
import secrets
import threading
import time
from dataclasses import dataclass
from decimal import Decimal

from bench.knobs import (
    AUTOSAVE_SECONDS,
    CHANGE_ROUNDS,
    HOST,
    SETTLE,
    VERSION_INPUT,
    say,
)
from bench.measure import Figures, percentile


@dataclass
class Save:
    editor: int
    status: int
    seconds: float
    text: str
    version: int | None


class Editor(threading.Thread):
    """One person's tab: saves the theory of change's "if" from the version it
    last saw (the answer to its previous save, or the page)."""

    def __init__(self, number, browser, url, version, deadline, pause, saves):
        super().__init__(daemon=True)
        self.number = number
        self.browser = browser
        self.url = url
        self.version = version
        self.deadline = deadline
        self.pause = pause
        self.saves = saves
        self.samples = []  # bodies of unexpected answers

    def run(self):
        token = self.browser.cookies["csrftoken"]
        headers = {"HX-Request": "true", "X-CSRFToken": token}
        count = 0
        if self.pause:
            time.sleep(random.uniform(0, self.pause))
        while time.monotonic() < self.deadline:
            count += 1
            text = f"editor {self.number} save {count} {secrets.token_hex(4)}"
            data = {
                "toc_if": text,
                "toc_then": "agreements last longer",
                "toc_because": "they reflect the whole society",
                "version": self.version,
            }
            started = time.perf_counter()
            try:
                status, body = self.browser.request("POST", self.url, data, headers)
            except (OSError, http.client.HTTPException) as error:
                self.saves.append(Save(self.number, 0, 0.0, text, None))
                self.samples.append(repr(error))
                self.browser.close()
                self.browser.connection = http.client.HTTPConnection(
                    HOST, self.browser.port, timeout=30
                )
                continue
            elapsed = time.perf_counter() - started
            match = VERSION_INPUT.search(body)
            version = int(match.group(1)) if match else None
            self.saves.append(Save(self.number, status, elapsed, text, version))
            if status in (200, 409) and version:
                self.version = version
            elif len(self.samples) < 3:
                self.samples.append(f"{status}: {body[:300]}")
            if self.pause:
                time.sleep(self.pause)


def _as_typed(value):
    """A form value as a person types it. Amounts are read in the page's
    language (common/numbers.py): the bench's are whole, written without
    separators, which every language reads alike."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        if value != value.to_integral_value():
            raise ValueError(f"the bench's amounts are whole, not {value}")
        return str(int(value))
    return value


def after_changes(browser, cohort, rounds=CHANGE_ROUNDS):
    """The editor's cost when its cache does not hold the changed parts: one
    person edits an activity's statement (a new text each time, so the cached
    activities section, score and nav never match) and reloads the page, one
    request at a time. Returns the rows for the edits' htmx answers (the whole
    structure) and for the reloads."""
    from roadmaps.forms import FORMS
    from roadmaps.models import Activity

    activity = (
        Activity.objects.filter(roadmap_id=cohort.roadmap_id, deleted_at__isnull=True)
        .order_by("output_id", "position")
        .first()
    )
    form = FORMS["activity"](instance=activity)
    data = {
        name: _as_typed(value)
        for name, value in form.initial.items()
        if name in form.fields
    }
    editor = f"/roadmaps/{cohort.roadmap_id}/"
    edit = f"{editor}activity/{activity.pk}/edit/"
    time.sleep(SETTLE)
    say(f"after changes: {rounds} x (POST {edit}, then GET {editor}), one at a time")
    browser.close()
    timings = {"edit": [], "load": []}
    errors = server_errors = 0
    started = time.monotonic()
    for number in range(rounds):
        data["statement"] = f"Train mediators, round {number} of the bench"
        data["version"] = Activity.objects.values_list("version", flat=True).get(
            pk=activity.pk
        )
        headers = {"HX-Request": "true", "X-CSRFToken": browser.cookies["csrftoken"]}
        for kind, method, path, sent, extra in (
            ("edit", "POST", edit, data, headers),
            ("load", "GET", editor, None, None),
        ):
            begin = time.monotonic()
            status, _body = browser.request(method, path, sent, extra)
            timings[kind].append((time.monotonic() - begin) * 1000)
            errors += status != 200
            server_errors += status >= 500
    say(f"  done in {time.monotonic() - started:.1f} s")
    stored = Activity.objects.get(pk=activity.pk)
    if stored.version != activity.version + rounds:  # a refused edit changes nothing
        raise RuntimeError(f"{rounds} edits made {stored.version - activity.version}")
    load = f"1 person, {rounds} edits each followed by a reload"
    return [
        Figures(
            name=name,
            who="participant (can edit)",
            load=load,
            requests=len(timings[kind]),
            seconds=sum(timings[kind]) / 1000,  # requests/s: one at a time
            p50_ms=percentile(timings[kind], 50),
            p95_ms=percentile(timings[kind], 95),
            errors=errors,
            server_errors=server_errors,
        )
        for kind, name in (
            ("edit", "edit an activity (htmx answer: the whole structure)"),
            ("load", "roadmap editor, first load after a change"),
        )
    ]


def autosave(port, cohort, browsers, name, pause):
    path = f"/roadmaps/{cohort.roadmap_id}/text/theory-of-change/"
    status, page = browsers[0].request("GET", f"/roadmaps/{cohort.roadmap_id}/")
    version = int(VERSION_INPUT.search(page).group(1))
    say(
        f"{name}: {len(browsers)} editors, {AUTOSAVE_SECONDS} s, "
        f"pause {pause} s between saves, POST {path}"
    )
    time.sleep(SETTLE)
    for browser in browsers:
        browser.close()  # idle too long: start on fresh connections
    saves = []
    deadline = time.monotonic() + AUTOSAVE_SECONDS
    started = time.monotonic()
    editors = [
        Editor(number, browser, path, version, deadline, pause, saves)
        for number, browser in enumerate(browsers, start=1)
    ]
    for editor in editors:
        editor.start()
    for editor in editors:
        editor.join(timeout=AUTOSAVE_SECONDS + 60)
    seconds = time.monotonic() - started
    latencies = [save.seconds * 1000 for save in saves if save.status]
    errors = [save for save in saves if save.status not in (200, 409)]
    for editor in editors:
        for sample in editor.samples:
            say(f"  unexpected answer from editor {editor.number}: {sample}")
    figures = Figures(
        name=name,
        who=f"{len(browsers)} participants of one delegation",
        load=f"{len(browsers)} editors, {AUTOSAVE_SECONDS} s, "
        + (f"{pause * 1000:.0f} ms between saves" if pause else "no pause"),
        requests=len(saves),
        seconds=seconds,
        p50_ms=percentile(latencies, 50),
        p95_ms=percentile(latencies, 95),
        errors=len(errors),
        server_errors=sum(1 for save in saves if save.status >= 500),
        extra={
            "saved": sum(1 for save in saves if save.status == 200),
            "conflicts": sum(1 for save in saves if save.status == 409),
            **{
                f"p{rank}_{status}": percentile(
                    [s.seconds * 1000 for s in saves if s.status == status], rank
                )
                for status in (200, 409)
                for rank in (50, 95)
            },
        },
    )
    say(
        f"  {figures.rate:.1f} req/s, p50 {figures.p50_ms:.1f} ms, "
        f"p95 {figures.p95_ms:.1f} ms, 200: {figures.extra['saved']}, "
        f"409: {figures.extra['conflicts']}, errors {figures.errors}"
    )
    return figures, saves


def lost_updates(roadmap_id, saves):
    """Saves answered 200 whose text is not in the roadmap's history."""
    from roadmaps.models import Roadmap

    recorded = dict(
        Roadmap.history.filter(id=roadmap_id).values_list("toc_if", "version")
    )
    saved = [save for save in saves if save.status == 200]
    lost = [save for save in saved if save.text not in recorded]
    wrong_version = [
        save
        for save in saved
        if save.text in recorded and recorded[save.text] != save.version
    ]
    return len(lost), len(wrong_version), len(saved)
