"""Settings of the Celery worker that test_exports_worker.py kills mid-export:
the project's settings, and, in each pool process, a pause after an export is
claimed and before it is rendered, long enough to kill the worker in. The pause
wraps the renderer from here: production code knows nothing of it."""

from celery.signals import worker_process_init

from config.settings import *  # noqa: F403

RENDER_PAUSE_SECONDS = 3.0


@worker_process_init.connect
def _pause_before_each_render(**_kwargs):
    import time

    from roadmaps import export_rendering

    render = export_rendering._export_render

    def paused(export):
        time.sleep(RENDER_PAUSE_SECONDS)
        return render(export)

    export_rendering._export_render = paused
