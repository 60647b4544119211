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
