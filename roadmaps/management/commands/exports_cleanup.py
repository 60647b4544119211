"""Delete old PDF exports nobody needs any more (for cron):
``manage.py exports_cleanup [--days N] [--dry-run]``."""

from django.conf import settings
from django.core.management.base import BaseCommand

from roadmaps.exports import exports_cleanup


class Command(BaseCommand):
    help = (
        "Delete failed exports and superseded ready ones older than N days and not "
        "downloaded in that time, with their files (the newest of each report stays)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=settings.EXPORT_RETENTION_DAYS, help="age"
        )
        parser.add_argument("--dry-run", action="store_true", help="only list")

    def handle(self, *args, days, dry_run, **options):
        deleted = exports_cleanup(days=days, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        for export in deleted:
            self.stdout.write(
                f"{verb} export {export.pk} ({export.status}, {export.filename})"
            )
        self.stdout.write(f"{verb} {len(deleted)} export(s).")
