"""`make bench`: the web app under load, measured side by side in one run.

Loads a large cohort into a database of its own (bench/cohort.py), starts
gunicorn and a Celery worker on 127.0.0.1, signs in one user per role and
measures, each for a fixed time with a fixed number of connections: a static
file served by whitenoise through the same gunicorn (the ceiling), /healthz,
the home page of each role, the agenda, a delegation page, the roadmap editor
(wrk, bench/report.lua) and the autosave of one text by 20 editors of the same
roadmap (threads here, since each editor must send the version it last saw).
A second cohort of 4 delegations beside the first compares the cohort
dashboard (one request at a time) and the cohort report's context (in this
process) at 4 and at 30 delegations.
Afterwards every autosave answered 200 must be in the roadmap's history.

Writes docs/benchmarks.md (overwritten) and prints whether the targets are met;
a missed target does not fail the run. Everything it starts is stopped and the
database dropped, also on Ctrl-C or error. Knobs (environment): BENCH_SECONDS
(per page, 10), BENCH_AUTOSAVE_SECONDS (15), BENCH_CONNECTIONS (wrk, 8),
BENCH_WORKERS (3), BENCH_THREADS (1: sync workers), BENCH_EDITORS (20).
"""

import datetime
import http.client
import http.cookies
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import cohort as bench_cohort  # noqa: E402
from bench import evaluation as bench_evaluation  # noqa: E402
from bench import field_merge  # noqa: E402
from bench import opendata as bench_opendata  # noqa: E402

BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
REDIS_URL = "redis://127.0.0.1:6379/5"
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
AUTOSAVE_SECONDS = int(os.environ.get("BENCH_AUTOSAVE_SECONDS", "15"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
# As deployed (Dockerfile, docker-compose.yml): three sync workers. gthread
# workers (--threads) let one worker take every keep-alive connection, so one
# process, hence one core, serves them all while the other worker idles.
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))
THREADS = int(os.environ.get("BENCH_THREADS", "1"))
GUNICORN = ["--workers", str(WORKERS)] + (
    ["--threads", str(THREADS)] if THREADS > 1 else []
)
EDITORS = int(os.environ.get("BENCH_EDITORS", "20"))
CHANGE_ROUNDS = 30  # edits, each followed by a reload of the editor
# The editor page autosaves 800 ms after the last keystroke and one save at a
# time per form (hx-trigger "input delay:800ms", hx-sync "queue last"), so
# someone who never stops typing sends at most one save per 800 ms + answer.
AUTOSAVE_PAUSE = 0.8
SETTLE = 2  # seconds between phases, so one's last answers do not slow the next
TARGETS = {"editor_p95_ms": 150, "autosave_p95_ms": 40, "cohort_growth": 1.5}
SMALL_COHORT = 4  # delegations of the cohort the large one is compared with
REPORT_ROUNDS = 30  # cohort report contexts built per cohort
OUTPUT = ROOT / "docs" / "benchmarks.md"
COMMAND = "`make bench` (runs `.venv/bin/python bench/run.py`)"
VERSION_INPUT = re.compile(r'name="version" value="(\d+)"')


def say(message):
    print(f"bench: {message}", flush=True)


# Services -----------------------------------------------------------------


def port_open(port):
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex((HOST, port)) == 0


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_until(check, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise RuntimeError(f"{what} did not come up within {timeout} s")


class Services:
    """Postgres and Redis on loopback: started (and later stopped) only when down."""

    def __init__(self):
        self.started = []

    def start(self):
        if not port_open(5432):
            version = sorted(os.listdir("/etc/postgresql"))[-1]
            say(f"PostgreSQL is down: pg_ctlcluster {version} main start")
            command = ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main"]
            subprocess.run([*command, "start"], check=True)
            self.started.append(("postgres", version))
            wait_until(lambda: port_open(5432), "PostgreSQL")
        if not port_open(6379):
            say("Redis is down: starting redis-server on 127.0.0.1:6379")
            subprocess.run(
                [
                    "redis-server",
                    "--daemonize",
                    "yes",
                    "--bind",
                    HOST,
                    "--port",
                    "6379",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                check=True,
            )
            self.started.append(("redis", None))
            wait_until(lambda: port_open(6379), "Redis")

    def stop(self):
        for name, version in reversed(self.started):
            say(f"stopping the {name} this bench started")
            if name == "postgres":
                command = ["pg_ctlcluster", "--skip-systemctl-redirect", version]
                subprocess.run([*command, "main", "stop"], check=False)
            else:
                subprocess.run(
                    ["redis-cli", "-p", "6379", "shutdown", "nosave"], check=False
                )


def ensure_wrk():
    if shutil.which("wrk"):
        return
    say("wrk is missing: apt-get install -y wrk (Debian's package)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env)


def redis_flush():
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


# Processes and their memory -----------------------------------------------


def _status_kib(pid, key):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return 0
    return 0


def _parents():
    """{pid: parent pid} of every process, from /proc."""
    parents = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                # The name (field 2) may hold spaces; the parent comes after ")".
                parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
            continue
    return parents


def _tree(root_pid, parents):
    """root_pid and all its descendants."""
    found, todo = [], [root_pid]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return found


class MemoryWatch(threading.Thread):
    """Samples the summed VmRSS of each process group every 250 ms."""

    def __init__(self, groups):
        super().__init__(daemon=True)
        self.groups = groups  # {name: root pid}
        self.peak_kib = dict.fromkeys(groups, 0)
        self.stop_event = threading.Event()

    def run(self):
        while not self.stop_event.wait(0.25):
            parents = _parents()
            for name, pid in self.groups.items():
                total = sum(_status_kib(p, "VmRSS") for p in _tree(pid, parents))
                self.peak_kib[name] = max(self.peak_kib[name], total)

    def high_water_kib(self):
        """Per group: the sum of each process's own peak (VmHWM), and the count."""
        parents = _parents()
        trees = {name: _tree(pid, parents) for name, pid in self.groups.items()}
        return {
            name: (sum(_status_kib(p, "VmHWM") for p in tree), len(tree))
            for name, tree in trees.items()
        }


def stop_process(process, name, timeout=20):
    if process is None or process.poll() is not None:
        return
    say(f"stopping {name} (pid {process.pid})")
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# A small HTTP client with cookies -----------------------------------------


class Browser:
    """One keep-alive connection and a cookie jar, as one browser tab."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}
        self.connection = http.client.HTTPConnection(HOST, port, timeout=30)

    def request(self, method, path, data=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers.setdefault("Accept-Language", "en")
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # gunicorn closed the idle keep-alive connection: a browser reconnects
            # and sends again, since the request never reached the app.
            self.connection.close()
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        content = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = http.cookies.SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value
        return response.status, content

    def cookie_header(self):
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def close(self):
        self.connection.close()


def sign_in(port, email):
    """A signed-in Browser: the login form is fetched and posted with its token."""
    browser = Browser(port)
    status, page = browser.request("GET", "/accounts/login/")
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or match is None:
        raise RuntimeError(f"login page answered {status} without a CSRF token")
    status, _page = browser.request(
        "POST",
        "/accounts/login/",
        {
            "username": email,
            "password": bench_cohort.PASSWORD,
            "csrfmiddlewaretoken": match.group(1),
        },
    )
    if status != 302 or "sessionid" not in browser.cookies:
        raise RuntimeError(f"signing in {email} answered {status}")
    return browser


# Measuring ----------------------------------------------------------------


@dataclass
class Figures:
    name: str
    who: str
    load: str
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    errors: int
    server_errors: int
    size_kb: float | None = None
    extra: dict = field(default_factory=dict)

    @property
    def rate(self):
        return self.requests / self.seconds if self.seconds else 0.0


def wrk(port, name, who, path, cookie=None, connections=CONNECTIONS):
    time.sleep(SETTLE)
    say(f"{name}: wrk {SECONDS} s, {connections} connections, GET {path}")
    command = [
        "wrk",
        "--threads",
        str(min(2, connections)),
        "--connections",
        str(connections),
        "--duration",
        f"{SECONDS}s",
        "--timeout",
        "10s",
        "--script",
        str(ROOT / "bench" / "report.lua"),
        "--header",
        "Accept-Language: en",
    ]
    if cookie:
        command += ["--header", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*command, f"http://{HOST}:{port}{path}"],
        check=True,
        capture_output=True,
        text=True,
        timeout=SECONDS + 60,
    ).stdout
    line = next(x for x in output.splitlines() if x.startswith("BENCH-JSON "))
    result = json.loads(line.removeprefix("BENCH-JSON "))
    figures = Figures(
        name=name,
        who=who,
        load=f"wrk, {connections} connection{'s' if connections > 1 else ''}, "
        f"{SECONDS} s",
        requests=result["requests"],
        seconds=result["duration_us"] / 1e6,
        p50_ms=result["p50_us"] / 1000,
        p95_ms=result["p95_us"] / 1000,
        errors=result["not_2xx"] + result["socket_errors"],
        server_errors=result["server_errors"],
    )
    say(
        f"  {figures.rate:.1f} req/s, p50 {figures.p50_ms:.1f} ms, "
        f"p95 {figures.p95_ms:.1f} ms, errors {figures.errors}, "
        f"5xx {figures.server_errors}"
    )
    return figures


def percentile(values, percent):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = max(0, min(len(ordered) - 1, round(percent / 100 * len(ordered)) - 1))
    return ordered[rank]


def report_contexts(cohort, name, rounds=REPORT_ROUNDS):
    """The cohort report's context (what the worker reads before rendering the
    PDF), built ``rounds`` times in this process, one after the other."""
    from roadmaps.reports import cohort_report_context

    time.sleep(SETTLE)
    say(f"{name}: {rounds} x cohort_report_context, in process")
    cohort_report_context(convening_id=cohort.convening_id)  # warm
    timings = []
    for _ in range(rounds):
        begin = time.monotonic()
        cohort_report_context(convening_id=cohort.convening_id)
        timings.append((time.monotonic() - begin) * 1000)
    figures = Figures(
        name=name,
        who="worker",
        load=f"in process, {rounds} one at a time",
        requests=rounds,
        seconds=sum(timings) / 1000,
        p50_ms=percentile(timings, 50),
        p95_ms=percentile(timings, 95),
        errors=0,
        server_errors=0,
    )
    say(f"  p50 {figures.p50_ms:.1f} ms, p95 {figures.p95_ms:.1f} ms")
    return figures


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


# The report ---------------------------------------------------------------


def machine():
    model = "unknown"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as meminfo:
        total_kib = int(meminfo.readline().split()[1])
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    return {
        "nproc": nproc,
        "cpu": model,
        "memory": f"{total_kib / 1024 / 1024:.1f} GiB",
        "kernel": platform.release(),
    }


def versions():
    import django
    import gunicorn
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    wrk_version = subprocess.run(
        ["wrk", "-v"], capture_output=True, text=True
    ).stdout.split()[1]
    redis_version = subprocess.run(
        ["redis-cli", "-p", "6379", "info", "server"], capture_output=True, text=True
    ).stdout
    match = re.search(r"redis_version:(\S+)", redis_version)
    return {
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "PostgreSQL": postgres,
        "gunicorn": gunicorn.__version__,
        "Redis": match.group(1) if match else "?",
        "wrk": wrk_version,
    }


def _ms(value):
    return f"{value:.1f}"


def report(context):
    rows = context["rows"]
    editor = next(row for row in rows if row.name == "roadmap editor")
    alone = next(row for row in rows if row.name == "roadmap editor, one at a time")
    paced = next(row for row in rows if row.name == "autosave")
    growth = TARGETS["cohort_growth"]
    cohort_pages = [
        (
            f"{page} grows at most {growth}x from {SMALL_COHORT} to "
            f"{bench_cohort.DELEGATIONS} delegations (p50)",
            next(row for row in rows if row.name == f"{page}, {SMALL_COHORT} dlg."),
            next(
                row
                for row in rows
                if row.name == f"{page}, {bench_cohort.DELEGATIONS} dlg."
            ),
        )
        for page in (
            "cohort dashboard",
            "follow-up board",
            "indicator table",
            "cohort report context",
        )
    ]
    server_errors = sum(row.server_errors for row in rows)
    lost, wrong_version, saved = context["lost"]
    merge = context["merge"]
    checks = [
        (
            f"editor page p95 < {TARGETS['editor_p95_ms']} ms",
            editor.p95_ms < TARGETS["editor_p95_ms"],
            f"{_ms(editor.p95_ms)} ms at {CONNECTIONS} connections; "
            f"{_ms(alone.p95_ms)} ms one request at a time",
        ),
        (
            f"autosave p95 < {TARGETS['autosave_p95_ms']} ms",
            paced.p95_ms < TARGETS["autosave_p95_ms"],
            f"{_ms(paced.p95_ms)} ms",
        ),
        ("no 5xx", server_errors == 0, f"{server_errors} answers 5xx"),
        ("no lost updates", lost == 0, f"{lost} lost of {saved} saved"),
        (
            f"{merge['editors']} editors on different fields of the same items: "
            "no conflict, no loss",
            merge["conflicts"] == 0 and merge["lost"] == 0 and merge["errors"] == 0,
            f"{merge['saves']} saved on {merge['items']} indicators, "
            f"{merge['conflicts']} conflicts, {merge['lost']} lost, "
            f"{merge['errors']} errors; p95 "
            f"{_ms(percentile(merge['latencies'], 95))} ms",
        ),
    ]
    sql = context["results_sql"]
    small_sql, large_sql = sql[min(sql)], sql[max(sql)]
    certificates = context["certificates"]
    checks += [
        (
            f"survey results page: constant SQL from {min(sql)} to {max(sql)} "
            "responses",
            large_sql <= small_sql,
            f"{small_sql} -> {large_sql} queries",
        ),
        (
            f"{certificates['issued']} certificates issued through the worker",
            certificates["status"] == "done"
            and certificates["issued"] == context["cohort"].counts["participants"],
            f"{certificates['total_seconds']:.1f} s in all (the worker's own "
            f"{certificates['worker_seconds']:.1f} s), "
            f"{certificates['per_certificate_ms']:.0f} ms per certificate",
        ),
    ]
    checks += [
        (
            label,
            large.p50_ms <= growth * small.p50_ms,
            f"{_ms(small.p50_ms)} ms -> {_ms(large.p50_ms)} ms, "
            f"{large.p50_ms / small.p50_ms:.2f}x",
        )
        for label, small, large in cohort_pages
    ]
    info, soft = context["machine"], context["versions"]
    worker_kind = "gthread" if THREADS > 1 else "sync workers, as deployed"
    lines = [
        "# Benchmarks",
        "",
        "Figures from one real run of `make bench` (bench/run.py); every run "
        "overwrites this file. See the README for how to run it.",
        "",
        f"- **Date**: {context['date']}",
        f"- **Machine**: `nproc` {info['nproc']}, {info['cpu']}, "
        f"{info['memory']} memory, Linux {info['kernel']}; load average "
        f"(1 min) {context['load'][0][0]:.2f} before the run, "
        f"{context['load'][1][0]:.2f} at its end (other work on the machine "
        "shares its cores)",
        "- **Software**: " + ", ".join(f"{k} {v}" for k, v in soft.items()),
        f"- **Command**: {COMMAND}",
        f"- **Server**: gunicorn `{' '.join(GUNICORN)}` ({worker_kind}), DEBUG "
        "off, no access log, PostgreSQL and Redis on "
        "127.0.0.1; a Celery worker (`--concurrency 2`, Redis db 5) beside it. "
        "The load generator runs on the same machine.",
        f"- **Cohort** (database `{bench_cohort.DATABASE_NAME}`, loaded in "
        f"{context['load_seconds']:.0f} s): "
        + ", ".join(f"{v} {k}" for k, v in context["cohort"].counts.items())
        + "; every roadmap has 4 pillars x 3 outcomes x 3 outputs x 4 activities "
        "and an indicator on each outcome and output. Beside it, a cohort of "
        f"{SMALL_COHORT} delegations built the same way, for the cohort pages.",
        "",
        "| what | who | load | size KiB | requests/s | ÷ ceiling | p50 ms | p95 ms "
        "| errors | 5xx |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    # Shared machines drift: a page's rate over the static file's, measured in
    # the same run, is the figure to compare between runs.
    ceiling = rows[0].rate or 1
    for row in rows:
        size = "—" if row.size_kb is None else f"{row.size_kb:.0f}"
        lines.append(
            f"| {row.name} | {row.who} | {row.load} | {size} | {row.rate:.1f} | "
            f"{row.rate / ceiling:.4f} | {_ms(row.p50_ms)} | {_ms(row.p95_ms)} | "
            f"{row.errors} | {row.server_errors} |"
        )
    lines += ["", "Autosave (theory of change, the same roadmap for every editor):", ""]
    for row in rows:
        if "saved" in row.extra:
            extra = row.extra
            lines.append(
                f"- {row.name} ({row.load}): {row.requests} saves; "
                f"{extra['saved']} answered 200 (p50 {_ms(extra['p50_200'])} ms, "
                f"p95 {_ms(extra['p95_200'])} ms), {extra['conflicts']} answered "
                f"409 (p50 {_ms(extra['p50_409'])} ms, p95 {_ms(extra['p95_409'])} "
                "ms): someone saved first, and the editor goes on from the "
                "version the 409 shows."
            )
    lines += [
        f"- Lost updates: **{lost}** of {saved} saves answered 200 are missing "
        f"from the roadmap's history ({wrong_version} recorded under another "
        "version than the one answered).",
        "",
        "Peak memory (resident set, summed over the processes of each group, "
        "sampled every 250 ms; and the sum of each process's own peak, VmHWM):",
        "",
    ]
    for name, (peak, (hwm, count)) in context["memory"].items():
        lines.append(
            f"- {name}: {peak / 1024:.0f} MiB (sum of VmHWM {hwm / 1024:.0f} "
            f"MiB over {count} processes)"
        )
    lines += [
        "",
        f"Results exports of the {bench_cohort.DELEGATIONS}-delegation cohort (every "
        "roadmap shared), built in the bench's process as the convening's page "
        "and `export_results` build them:",
        "",
    ]
    for fmt, (seconds, size) in context["exports"].items():
        lines.append(f"- {fmt}: {seconds:.2f} s, {size / 1024:.0f} KiB")
    lines += ["", "Targets (a missed target is reported, not hidden):", ""]
    for label, met, value in checks:
        lines.append(f"- {label}: **{'met' if met else 'MISSED'}** ({value})")
    lines += ["", "Notes:", ""]
    lines += [f"- {note}" for note in context["notes"]]
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text("\n".join(lines) + "\n")
    return checks


# The run ------------------------------------------------------------------


def setup_django(static_root):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=bench_cohort.DATABASE_URL,
        CELERY_BROKER_URL=REDIS_URL,
        STATIC_ROOT=str(static_root),
        DEBUG="false",
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()


def _interrupted(_signum, _frame):
    raise KeyboardInterrupt


def main():
    # Also when started with SIGINT ignored (a background job): Ctrl-C, kill
    # and a stopped `make` all clean up.
    signal.signal(signal.SIGINT, _interrupted)
    signal.signal(signal.SIGTERM, _interrupted)
    started_at = time.monotonic()
    load_before = os.getloadavg()
    services = Services()
    processes = {}
    memory = None
    workdir = Path(tempfile.mkdtemp(prefix="academy-bench-"))
    database_created = False
    try:
        services.start()
        ensure_wrk()
        say(f"creating the database {bench_cohort.DATABASE_NAME}")
        bench_cohort.database_create()
        database_created = True
        setup_django(workdir / "static")
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", verbosity=0)
        call_command("collectstatic", verbosity=0, interactive=False)
        redis_flush()
        say("loading the cohort")
        loading = time.monotonic()
        cohort = bench_cohort.cohort_load()
        load_seconds = time.monotonic() - loading
        say(f"  {cohort.counts} in {load_seconds:.1f} s")
        small = bench_cohort.cohort_load(delegations=SMALL_COHORT, tag="-small")
        say(f"  and beside it {small.counts}")
        # Statistics for the planner, as a database in use has them: without
        # them the first queries plan for empty tables.
        with connections["default"].cursor() as cursor:
            cursor.execute("ANALYZE")

        port = free_port()
        env = {
            **os.environ,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": HOST,
        }
        web_log = open(workdir / "gunicorn.log", "w")  # noqa: SIM115
        worker_log = open(workdir / "celery.log", "w")  # noqa: SIM115
        say(f"starting gunicorn on {HOST}:{port} and a Celery worker")
        processes["gunicorn"] = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "config.wsgi",
                "--bind",
                f"{HOST}:{port}",
                *GUNICORN,
                # Several gunicorns may run here (make run): no shared socket.
                "--no-control-socket",
            ],
            cwd=ROOT,
            env=env,
            stdout=web_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        processes["celery"] = subprocess.Popen(
            [
                str(BIN / "celery"),
                "-A",
                "config",
                "worker",
                "--loglevel=WARNING",
                "--concurrency",
                "2",
            ],
            cwd=ROOT,
            env=env,
            stdout=worker_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

        def healthy():
            for name, process in processes.items():
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited; see {workdir}")
            try:
                status, body = Browser(port).request("GET", "/healthz")
            except OSError:
                return False
            return status == 200 and json.loads(body)["queue"]["ok"]

        wait_until(healthy, "/healthz")
        from config.celery import app

        wait_until(lambda: bool(app.control.ping(timeout=1.0)), "the Celery worker")
        memory = MemoryWatch(
            {
                "web (gunicorn master + workers)": processes["gunicorn"].pid,
                "worker (Celery main + pool)": processes["celery"].pid,
            }
        )
        memory.start()

        say("signing in one user per role and the editors")
        organizer = sign_in(port, cohort.organizer)
        facilitator = sign_in(port, cohort.facilitator)
        participant = sign_in(port, cohort.participant)
        small_organizer = sign_in(port, small.organizer)
        # 20 editors: each member of the delegation signs in on two or three
        # devices; each session keeps its own version.
        editors = [
            sign_in(port, cohort.editors[number % len(cohort.editors)])
            for number in range(EDITORS)
        ]

        from django.contrib.staticfiles.storage import staticfiles_storage

        static = staticfiles_storage.url("js/roadmap-editor.js")
        agenda = f"/convenings/{cohort.convening_id}/agenda/"
        delegation = f"/delegations/{cohort.delegation_id}/"
        editor = f"/roadmaps/{cohort.roadmap_id}/"
        pages = [
            ("ceiling: static file (whitenoise)", "anonymous", static, None),
            ("/healthz (database + broker check)", "anonymous", "/healthz", None),
            ("home", "organizer", "/", organizer),
            ("home", "facilitator", "/", facilitator),
            ("home", "participant", "/", participant),
            ("agenda (60 sessions)", "participant", agenda, participant),
            ("delegation page", "organizer", delegation, organizer),
            ("roadmap editor", "participant (can edit)", editor, participant),
        ]
        anonymous = Browser(port)
        sizes = []
        for _name, _who, path, browser in pages:  # warm every worker and cache
            for _ in range(2 * WORKERS * THREADS):
                status, body = (browser or anonymous).request("GET", path)
                if status != 200:
                    raise RuntimeError(f"GET {path} answered {status} before the run")
            sizes.append(len(body.encode()) / 1024)
        rows = [
            wrk(port, name, who, path, browser.cookie_header() if browser else None)
            for name, who, path, browser in pages
        ]
        for row, size in zip(rows, sizes, strict=True):
            row.size_kb = size
        # The same page one request at a time: its own cost, without queueing.
        rows.append(
            wrk(
                port,
                "roadmap editor, one at a time",
                "participant (can edit)",
                editor,
                participant.cookie_header(),
                connections=1,
            )
        )
        rows[-1].size_kb = rows[-2].size_kb

        # The cohort pages at 4 and at 30 delegations, one request at a time:
        # their own cost, which must not grow with every roadmap's content.
        def alone(name, path, browser, warm=1):
            """The page one request at a time (wrk, 1 connection), after
            ``warm`` loads that must answer 200; its size from the last."""
            for _ in range(warm):
                status, body = browser.request("GET", path)
                if status != 200:
                    raise RuntimeError(f"GET {path} answered {status}")
            row = wrk(
                port, name, "organizer", path, browser.cookie_header(), connections=1
            )
            row.size_kb = len(body.encode()) / 1024
            return row

        for each, browser in ((small, small_organizer), (cohort, organizer)):
            label = f"{each.counts['delegations']} dlg."
            convening = f"/convenings/{each.convening_id}"
            rows.append(
                alone(
                    f"cohort dashboard, {label}",
                    f"{convening}/dashboard/",
                    browser,
                    warm=2 * WORKERS * THREADS,
                )
            )
            rows.append(
                alone(f"follow-up board, {label}", f"{convening}/follow-up/", browser)
            )
            # The roadmaps side by side, every delegation compared.
            bench_opendata.comparison_prepare(each.convening_id)
            rows.append(
                alone(
                    f"comparison by pillar, {label}",
                    f"{convening}/comparison/",
                    browser,
                )
            )
            # One roadmap's indicators (48, two years of approved updates),
            # whatever the size of its cohort.
            rows.append(
                alone(
                    f"indicator table, {label}",
                    f"/delegations/{each.delegation_id}/indicators/",
                    browser,
                )
            )
        for each in (small, cohort):
            label = f"{each.counts['delegations']} dlg."
            rows.append(report_contexts(each, f"cohort report context, {label}"))
        # A survey's results page with 24 and with 240 responses: its time, and
        # its SQL (read in this process), which must not grow with the answers.
        for answered, survey_id in cohort.surveys.items():
            rows.append(
                alone(
                    f"survey results, {answered} responses",
                    f"/surveys/{survey_id}/results/",
                    organizer,
                )
            )
        results_sql = bench_evaluation.results_queries(cohort.surveys, cohort.organizer)
        say(f"survey results SQL by responses: {results_sql}")
        rows += after_changes(participant, cohort)
        paced, paced_saves = autosave(port, cohort, editors, "autosave", AUTOSAVE_PAUSE)
        hammer, hammer_saves = autosave(
            port, cohort, editors, "autosave, no pause (saturation)", 0
        )
        rows += [paced, hammer]
        lost = lost_updates(cohort.roadmap_id, paced_saves + hammer_saves)
        say(f"lost updates: {lost[0]} of {lost[2]} saves answered 200")
        time.sleep(SETTLE)
        merge = field_merge.different_fields(
            port, cohort.roadmap_id, editors, AUTOSAVE_SECONDS
        )
        say(
            f"different fields: {merge['editors']} editors on {merge['items']} "
            f"indicators, {merge['saves']} saved, {merge['conflicts']} conflicts, "
            f"{merge['lost']} lost, {merge['errors']} errors"
        )
        for sample in merge["samples"][:3]:
            say(f"  unexpected: {sample}")

        time.sleep(SETTLE)
        say(f"issuing {cohort.counts['participants']} certificates through the worker")
        certificates = bench_evaluation.certificates_issue(
            cohort.convening_id, cohort.organizer
        )
        say(
            f"  {certificates['issued']} in {certificates['total_seconds']:.1f} s, "
            f"{certificates['per_certificate_ms']:.0f} ms each"
        )

        exports = bench_opendata.exports_time(cohort.convening_id)
        for fmt, (seconds, size) in exports.items():
            say(f"results export of the cohort as {fmt}: {seconds:.1f} s, {size} bytes")

        peaks = dict(memory.peak_kib)
        high_water = memory.high_water_kib()
        memory.stop_event.set()
        for name, kib in peaks.items():
            say(f"peak RSS {name}: {kib / 1024:.0f} MiB")
        context = {
            "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": machine(),
            "versions": versions(),
            "cohort": cohort,
            "load_seconds": load_seconds,
            "rows": rows,
            "lost": lost,
            "merge": merge,
            "results_sql": results_sql,
            "certificates": certificates,
            "exports": exports,
            "memory": {name: (peaks[name], high_water[name]) for name in peaks},
            "load": (load_before, os.getloadavg()),
            "notes": [
                "Page phases: wrk with bench/report.lua, 2 threads, "
                f"{CONNECTIONS} connections sharing one signed-in session, each "
                "sending its next request as soon as the previous one is "
                "answered (a closed loop: latency grows with the queue); "
                "p50/p95 as wrk measures them. "
                + (
                    "Sync workers close the connection after each answer, so "
                    "every request opens a new one, as behind a proxy. "
                    if THREADS == 1
                    else ""
                )
                + "Errors are answers other than 2xx plus socket errors.",
                "The ceiling is `/static/js/roadmap-editor.<hash>.js`, served "
                "by whitenoise inside the same gunicorn: the cost of the server "
                "and WSGI without Django's views.",
                "Autosave: Python threads, one HTTP client each; the "
                "20 editors are 20 sign-ins of the delegation's 8 members (two "
                "or three devices each). Each save posts a new text of the "
                "theory of change's *if* with the version its tab last saw, as "
                "htmx does; a 409 is an expected conflict and not an error. The "
                "paced phase waits the page's own autosave delay (800 ms) after "
                "each answer; the saturation phase does not wait at all.",
                "After a change: one participant edits an activity's statement "
                "(a new text each round) and reloads the editor, one request at "
                "a time. The edit changes a row the activities section, the "
                "score and the nav are cached by (roadmaps/fragments.py), so "
                "the edit's answer and the next load render those parts again; "
                "the other sections come from the cache. The warm rows above "
                "load a roadmap nobody is changing.",
                "Lost updates: after the run, every text answered 200 is looked "
                "up in the roadmap's history (django-simple-history).",
                "Cohort pages: the dashboard, the follow-up board and one roadmap's "
                "indicator table of each "
                "cohort (six months of follow-up per delegation) through gunicorn, "
                "one request at a time (wrk, 1 connection); the cohort report's "
                "context (its queries and summaries, before the PDF is rendered) "
                f"built {REPORT_ROUNDS} times in the bench's own process.",
                "Evaluation: two named surveys of the large cohort with the same "
                "five questions, answered by 24 and by 240 participants; the "
                "results page through gunicorn (wrk, 1 connection) and its SQL "
                "count through Django's test client in the bench's process. "
                "Certificates: every participant qualifies (a rule of 0 %); one "
                "batch is queued as the page queues it and the worker renders "
                "each PDF (WeasyPrint, QR code) and the ZIP; the time runs from "
                "the request to the batch's end as the page polls it.",
                "PDF export figures are measured by bench/pdf_bench.py and "
                "written to [benchmarks-pdf.md](benchmarks-pdf.md).",
            ],
        }
        checks = report(context)
        say(f"wrote {OUTPUT.relative_to(ROOT)}")
        for label, met, value in checks:
            say(f"target {label}: {'met' if met else 'MISSED'} ({value})")
        connections.close_all()
    except KeyboardInterrupt:
        say("interrupted: stopping what the bench started")
        raise SystemExit(130) from None
    except Exception:
        for log in ("gunicorn.log", "celery.log"):
            if (workdir / log).exists():
                tail = (workdir / log).read_text().splitlines()[-40:]
                say(f"last lines of {log}:\n  " + "\n  ".join(tail))
        raise
    finally:
        # A second Ctrl-C must not leave processes or the database behind.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if memory is not None:
            memory.stop_event.set()
        for name in ("gunicorn", "celery"):
            stop_process(processes.get(name), name)
        if database_created:
            try:
                from django.db import connections

                connections.close_all()
            except Exception:  # noqa: S110 - Django may not be set up yet
                pass
            say(f"dropping the database {bench_cohort.DATABASE_NAME}")
            bench_cohort.database_drop()
            try:
                redis_flush()
            except Exception as error:  # Redis gone: nothing left to clean
                say(f"could not empty Redis db 5: {error}")
        shutil.rmtree(workdir, ignore_errors=True)
        services.stop()
        say(f"done in {time.monotonic() - started_at:.0f} s")


if __name__ == "__main__":
    main()
