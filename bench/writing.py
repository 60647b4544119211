"""docs/benchmarks.md: the machine, the versions and the figures of one run."""

import platform
import re
import subprocess

from bench import cohort as bench_cohort
from bench.knobs import (
    COMMAND,
    CONNECTIONS,
    GUNICORN,
    OUTPUT,
    REPORT_ROUNDS,
    SMALL_COHORT,
    TARGETS,
    THREADS,
)
from bench.measure import percentile


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


def notes() -> list[str]:
    """How each figure was measured, under the tables."""
    return [
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
    ]
