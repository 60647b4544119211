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

This module runs the phases in order; the pieces live beside it: knobs.py (the
knobs and targets), processes.py (services, gunicorn, the worker, memory),
client.py (a browser tab with cookies), measure.py (wrk and the in-process
report context), editing.py (autosave, edits and lost updates), writing.py
(docs/benchmarks.md), and the data: cohort.py (with followup.py and
history.py), evaluation.py, opendata.py, field_merge.py.
"""

import datetime
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import cohort as bench_cohort  # noqa: E402
from bench import evaluation as bench_evaluation  # noqa: E402
from bench import field_merge  # noqa: E402
from bench import opendata as bench_opendata  # noqa: E402
from bench.client import Browser, sign_in  # noqa: E402
from bench.editing import after_changes, autosave, lost_updates  # noqa: E402
from bench.knobs import (  # noqa: E402
    AUTOSAVE_PAUSE,
    AUTOSAVE_SECONDS,
    BIN,
    EDITORS,
    GUNICORN,
    HOST,
    OUTPUT,
    REDIS_URL,
    SETTLE,
    SMALL_COHORT,
    THREADS,
    WORKERS,
    say,
)
from bench.measure import alone, cohort_pages, report_contexts, wrk  # noqa: E402
from bench.processes import (  # noqa: E402
    MemoryWatch,
    Services,
    ensure_wrk,
    free_port,
    redis_flush,
    stop_process,
    wait_until,
)
from bench.writing import machine, notes, report, versions  # noqa: E402


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

        rows += cohort_pages(port, ((small, small_organizer), (cohort, organizer)))
        for each in (small, cohort):
            label = f"{each.counts['delegations']} dlg."
            rows.append(report_contexts(each, f"cohort report context, {label}"))
        # A survey's results page with 24 and with 240 responses: its time, and
        # its SQL (read in this process), which must not grow with the answers.
        for answered, survey_id in cohort.surveys.items():
            rows.append(
                alone(
                    port,
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
            "notes": notes(),
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
