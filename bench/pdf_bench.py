"""How fast are PDF exports? ``python bench/pdf_bench.py [--runs 3]``

Measures, on the demo roadmap and on the large roadmap (4 pillars × 3 outcomes
× 3 outputs × 4 activities, an indicator on each outcome and output):

* the bare WeasyPrint render of the report's HTML;
* the whole export, from the request to the stored file: through a real Celery
  worker when CELERY_BROKER_URL is set, else in-process;
* the worker's peak memory (ru_maxrss of the worker processes);
* the cohort report for 30 delegations, two of them at once on a worker with
  two processes;
* a second export of an unchanged roadmap, from the request (POST) to the
  downloaded file, through the app's own views: the stored file is offered
  again, nothing is rendered (target < 100 ms);

and prints (and writes to docs/benchmarks-pdf.md) the ratio whole/bare (target
≤ 1.15), the time ratio for twice the content (target ≤ 2.0) and the worker's
peak memory (target ≤ 300 MB). The convening has two logos on its covers.

It works in a database of its own: with DATABASE_URL=postgres://…/NAME it
creates NAME_pdfbench (dropped first); without it, a SQLite file in a temporary
folder. Files go to a temporary MEDIA_ROOT.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COUNTRIES = [
    *[
        "AR",
        "BO",
        "BR",
        "CL",
        "CO",
        "CR",
        "CU",
        "DO",
        "EC",
        "SV",
        "GT",
        "HN",
        "MX",
        "NI",
        "PA",
        "PY",
        "PE",
        "UY",
        "VE",
        "BZ",
    ],
    *["GY", "SR", "JM", "TT", "HT", "BS", "BB", "LC", "GD", "VC"],
]


def _database_url(workdir: Path) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{workdir / 'bench.sqlite3'}"
    import psycopg2

    parsed = urlparse(url)
    name = f"{parsed.path.lstrip('/') or 'academy'}_pdfbench"
    admin = psycopg2.connect(
        host=parsed.hostname,
        port=parsed.port or 5432,
        user=parsed.username,
        password=parsed.password,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return urlunparse(parsed._replace(path=f"/{name}"))


def _setup(workdir: Path):
    os.environ["DATABASE_URL"] = _database_url(workdir)
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _median_seconds(function, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _build(convening_name, delegations):
    """A convening with delegations: [(delegation, kind)]; kind in demo, large,
    double (twice the large one's content)."""
    import datetime

    from academy.enums import Role, Sector
    from academy.models import Convening, ConveningRole, Delegation, Participant
    from academy.services import convening_logo_add
    from accounts.models import User
    from cohort.demo.logos import wordmark_svg
    from roadmaps.demo import demo_roadmap_fill
    from roadmaps.models import Roadmap
    from roadmaps.services import roadmap_initialize
    from tests.factories.roadmaps import build_tree

    convening = Convening.objects.create(
        name=convening_name,
        edition=1,
        city="Panama City",
        country="PA",
        start_date=datetime.date(2025, 6, 24),
        end_date=datetime.date(2025, 6, 26),
    )
    staff = User.objects.create_user(
        email=f"staff-{uuid.uuid4().hex[:8]}@bench.invalid", full_name="Bench Staff"
    )
    ConveningRole.objects.create(convening=convening, user=staff, role=Role.FACILITATOR)
    for index, acronym in enumerate(["MIRE", "UN Women"]):
        convening_logo_add(
            convening=convening,
            user=staff,
            content=wordmark_svg(acronym=acronym, index=index),
            name_en=acronym,
        )
    made = []
    for country, kind in delegations:
        delegation = Delegation.objects.create(convening=convening, country=country)
        roadmap = Roadmap.objects.create(delegation=delegation)
        for number, sector in enumerate([Sector.GOVERNMENT, Sector.CIVIL_SOCIETY] * 3):
            person = User.objects.create_user(
                email=f"{country}-{number}-{uuid.uuid4().hex[:6]}@bench.invalid",
                full_name=f"Member {number} {country}",
            )
            Participant.objects.create(
                user=person, delegation=delegation, sector=sector
            )
        if kind == "demo":
            demo_roadmap_fill(roadmap=roadmap)
        else:
            roadmap_initialize(roadmap=roadmap)
            build_tree(roadmap, outcomes=3 if kind == "large" else 6)
        made.append(delegation)
    return convening, staff, made


class Workers:
    """A real Celery worker with ``concurrency`` processes, on its own queue."""

    def __init__(self, concurrency, workdir):
        self.queue = f"bench-{uuid.uuid4().hex[:8]}"
        self.log = workdir / f"{self.queue}.log"
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "worker",
                    "--queues",
                    self.queue,
                    "--concurrency",
                    str(concurrency),
                    "--pool",
                    "prefork",
                    "--without-gossip",
                    "--without-mingle",
                    "--loglevel",
                    "INFO",
                    "--hostname",
                    f"{self.queue}@%h",
                ],
                cwd=ROOT,
                env=dict(os.environ),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while "ready." not in self.log.read_text():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"worker did not start:\n{self.log.read_text()}")
            time.sleep(0.2)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def _export_and_wait(requests, queue):
    """Request exports, wait until all are finished; returns the seconds from the
    first request to the last stored file, as the exports themselves recorded
    them (so the benchmark's own polling adds nothing)."""
    from roadmaps.enums import ExportStatus
    from roadmaps.exports import export_request
    from roadmaps.models import Export

    ids = [export_request(queue=queue, **request).pk for request in requests]
    while True:
        states = list(Export.objects.filter(pk__in=ids).values_list("status", "error"))
        if all(s in (ExportStatus.READY, ExportStatus.FAILED) for s, _e in states):
            break
        time.sleep(0.02)
    failed = [e for s, e in states if s == ExportStatus.FAILED]
    if failed:
        raise SystemExit(f"export failed: {failed}")
    times = Export.objects.filter(pk__in=ids).values_list("requested_at", "finished_at")
    first = min(requested for requested, _finished in times)
    last = max(finished for _requested, finished in times)
    return (last - first).total_seconds()


def _bare_render(report):
    from weasyprint import HTML

    from common.pdf import BASE_URL, StaticOnlyFetcher

    fetcher = StaticOnlyFetcher(report.resources)
    HTML(string=report.html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf(
        pdf_variant="pdf/ua-1"
    )


def _fresh_export(request, queue):
    """A whole export of the roadmap as if it had changed: the ready exports
    of its content are set aside first, or the request would reuse them."""
    from roadmaps.models import Export

    Export.objects.filter(roadmap=request["roadmap"]).delete()
    return _export_and_wait([request], queue)


def _reused_seconds(roadmap, staff, runs):
    """From the POST asking for the PDF of an unchanged roadmap to the last
    byte of its download, through the app's views (the stored file again)."""
    from django.test import Client

    client = Client()
    client.force_login(staff)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        asked = client.post(f"/roadmaps/{roadmap.pk}/exports/new/", {"language": "es"})
        export_url = asked["Location"]
        download = client.get(f"{export_url}download/")
        body = b"".join(download.streaming_content)
        times.append(time.perf_counter() - started)
        if download.status_code != 200 or not body.startswith(b"%PDF"):
            raise SystemExit(f"the reused export was not downloadable: {export_url}")
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--output", default=str(ROOT / "docs" / "benchmarks-pdf.md"))
    arguments = parser.parse_args()
    broker = os.environ.get("CELERY_BROKER_URL", "")
    workdir = Path(tempfile.mkdtemp(prefix="pdfbench-"))
    _setup(workdir)

    from roadmaps.enums import ExportKind
    from roadmaps.reports import roadmap_report

    convening, staff, (demo, large, double) = _build(
        "Bench roadmaps", [("BO", "demo"), ("EC", "large"), ("PA", "double")]
    )
    cohort, cohort_staff, _rows = _build(
        "Bench cohort", [(country, "demo") for country in COUNTRIES]
    )

    workers = Workers(1, workdir) if broker else None
    queue = workers.queue if workers else None
    rows = []
    results = {}
    try:
        # Warm up: fonts, templates and the first connection are loaded once.
        warm = {"kind": ExportKind.ROADMAP, "roadmap": demo.roadmap, "user": staff}
        _export_and_wait([{**warm, "language": "es"}], queue)
        _bare_render(roadmap_report(roadmap_id=demo.roadmap.pk, language="es"))
        for label, delegation in (
            ("demo", demo),
            ("large", large),
            ("2× large", double),
        ):
            roadmap = delegation.roadmap
            report = roadmap_report(roadmap_id=roadmap.pk, language="es")
            bare = _median_seconds(
                lambda report=report: _bare_render(report), arguments.runs
            )
            request = {
                "kind": ExportKind.ROADMAP,
                "roadmap": roadmap,
                "language": "es",
                "user": staff,
            }
            whole = statistics.median(
                _fresh_export(request, queue) for _ in range(arguments.runs)
            )
            results[label] = (bare, whole)
            rows.append((label, bare, whole, whole / bare))
        # The last export of the large roadmap is ready: ask for it again.
        reused = _reused_seconds(large.roadmap, staff, max(arguments.runs, 5))
        if workers:
            workers.stop()
        cohort_request = {
            "kind": ExportKind.COHORT,
            "convening": cohort,
            "user": cohort_staff,
        }
        two = Workers(2, workdir) if broker else None
        single = _export_and_wait(
            [{**cohort_request, "language": "es"}], two.queue if two else None
        )
        pair = _export_and_wait(
            [
                {**cohort_request, "language": "es"},
                {**cohort_request, "language": "en"},
            ],
            two.queue if two else None,
        )
        if two:
            two.stop()
    finally:
        if workers and workers.process.poll() is None:
            workers.stop()
    who = resource.RUSAGE_CHILDREN if broker else resource.RUSAGE_SELF
    peak_mb = resource.getrusage(who).ru_maxrss / 1024

    mode = "real Celery worker on " + broker.split("@")[-1] if broker else "in-process"
    double_ratio = results["2× large"][1] / results["large"][1]
    together = (
        "a worker with two processes" if broker else "in-process, one after the other"
    )
    lines = [
        "# PDF export benchmark",
        "",
        f"`python bench/pdf_bench.py --runs {arguments.runs}` — exports {mode}, "
        f"database {os.environ['DATABASE_URL'].split('://')[0]}, median of "
        f"{arguments.runs} runs.",
        "",
        "| roadmap | bare WeasyPrint (s) | whole export (s) | whole / bare |",
        "|---|---|---|---|",
        *(
            f"| {label} | {bare:.2f} | {whole:.2f} | {ratio:.2f} |"
            for label, bare, whole, ratio in rows
        ),
        "",
        "- Twice the content (2× large / large, whole export): "
        f"**{double_ratio:.2f}×** (target ≤ 2.0)",
        f"- Worst whole/bare: **{max(r[3] for r in rows):.2f}** (target ≤ 1.15)",
        f"- Second export of an unchanged roadmap, request to downloaded file: "
        f"**{reused * 1000:.0f} ms** (target < 100 ms; "
        f"{reused / results['large'][1]:.3f}× its first export)",
        f"- Worker peak memory (ru_maxrss): **{peak_mb:.0f} MB** (target ≤ 300 MB)",
        f"- Cohort report, {len(COUNTRIES)} delegations: one export "
        f"{single:.2f} s; two at once ({together}) {pair:.2f} s "
        f"({pair / single:.2f}× one)",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    Path(arguments.output).parent.mkdir(parents=True, exist_ok=True)
    Path(arguments.output).write_text(report)


if __name__ == "__main__":
    main()
