"""The bench's settings (environment knobs, targets, paths) and its voice."""

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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
