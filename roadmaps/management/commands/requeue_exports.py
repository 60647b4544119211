"""Queue again the PDF exports left behind (broker down, worker stopped)."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from roadmaps.exports import exports_requeue_stale


class Command(BaseCommand):
    help = (
        "Queue again exports still queued after --older-than minutes (default: "
        "settings.EXPORT_STALE_AFTER) or noted 'queue unavailable', and exports "
        "whose worker stopped mid-render. Run it from cron, e.g. every 5 minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=float, help="minutes")

    def handle(self, *args, older_than, **options):
        requeued = exports_requeue_stale(
            older_than=None if older_than is None else timedelta(minutes=older_than)
        )
        self.stdout.write(f"Queued again: {len(requeued)} export(s).")
