from django.core.management.base import BaseCommand

from cohort.demo import DEMO_PASSWORD, demo_cohort_load


class Command(BaseCommand):
    help = "Load the demo cohort (Panama 2025 and Port of Spain 2024); idempotent."

    def handle(self, *args, **options):
        created = demo_cohort_load()
        if created:
            self.stdout.write(
                f"Demo cohort loaded: {len(created)} accounts, password "
                f"'{DEMO_PASSWORD}' (demo only)."
            )
        else:
            self.stdout.write("Demo cohort already loaded: nothing changed.")
