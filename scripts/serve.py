"""Serve the app for `make run`: gunicorn, plus a Celery worker and the Celery
beat scheduler (daily reminders) when a broker is set.

Both stop together: Ctrl-C, or either one exiting, ends the other.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def main():
    port = os.environ.get("PORT", "8000")
    processes = [
        subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                # Sync workers, as deployed: with threads, one worker ends up
                # holding every keep-alive connection (see docs/benchmarks.md).
                "--workers",
                os.environ.get("WEB_CONCURRENCY", "3"),
                "--access-logfile",
                "-",
            ]
        )
    ]
    if os.environ.get("CELERY_BROKER_URL"):
        processes.append(
            subprocess.Popen(
                [str(BIN / "celery"), "-A", "config", "worker", "--loglevel=INFO"]
            )
        )
        # The scheduler of the daily reminders; its state in var/, not the checkout.
        processes.append(
            subprocess.Popen(
                [
                    str(BIN / "celery"),
                    "-A",
                    "config",
                    "beat",
                    "--loglevel=INFO",
                    "--schedule",
                    "var/celerybeat-schedule",
                ]
            )
        )
    else:
        print("No CELERY_BROKER_URL: background tasks run in-process.")
    print(f"NAP Academy on http://127.0.0.1:{port}/  (Ctrl-C stops it)")

    def stop(*_args):
        for process in processes:
            if process.poll() is None:
                process.terminate()

    signal.signal(signal.SIGTERM, stop)
    try:
        os.wait()  # returns as soon as one of them exits
    except KeyboardInterrupt:
        pass
    finally:
        stop()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main()
