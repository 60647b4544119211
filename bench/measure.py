"""Measuring pages: wrk runs (bench/report.lua) and their figures, and the
cohort report's context built in this process."""

import json
import subprocess
import time
from dataclasses import dataclass, field

from bench import opendata as bench_opendata
from bench.knobs import (
    CONNECTIONS,
    HOST,
    REPORT_ROUNDS,
    ROOT,
    SECONDS,
    SETTLE,
    THREADS,
    WORKERS,
    say,
)


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


def alone(port, name, path, browser, warm=2 * WORKERS * THREADS):
    """The page one request at a time (wrk, 1 connection), after ``warm``
    loads that must answer 200 (enough for every worker to have served it);
    its size from the last."""
    for _ in range(warm):
        status, body = browser.request("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
    row = wrk(port, name, "organizer", path, browser.cookie_header(), connections=1)
    row.size_kb = len(body.encode()) / 1024
    return row


def cohort_pages(port, cohorts) -> list:
    """The cohort pages of each (cohort, its organizer's browser), one request
    at a time: their own cost, which must not grow with every roadmap's
    content."""
    rows = []
    for each, browser in cohorts:
        label = f"{each.counts['delegations']} dlg."
        convening = f"/convenings/{each.convening_id}"
        rows.append(
            alone(
                port, f"cohort dashboard, {label}", f"{convening}/dashboard/", browser
            )
        )
        rows.append(
            alone(port, f"follow-up board, {label}", f"{convening}/follow-up/", browser)
        )
        # The roadmaps side by side, every delegation compared.
        bench_opendata.comparison_prepare(each.convening_id)
        rows.append(
            alone(
                port,
                f"comparison by pillar, {label}",
                f"{convening}/comparison/",
                browser,
            )
        )
        # One roadmap's indicators (48, two years of approved updates),
        # whatever the size of its cohort.
        rows.append(
            alone(
                port,
                f"indicator table, {label}",
                f"/delegations/{each.delegation_id}/indicators/",
                browser,
            )
        )
    return rows
