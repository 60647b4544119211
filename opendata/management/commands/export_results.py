"""``python manage.py export_results PAN --format json|xlsx|iati --output f``:
a delegation's results framework (its own export, as its members download
it); ``--convening ID`` alone: every roadmap its delegation shared."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from academy.models import Convening, Delegation
from opendata.exports import FORMATS, results_export
from opendata.selectors import shared_roadmaps


class Command(BaseCommand):
    help = "Export results frameworks as JSON, XLSX or IATI 2.03 XML."

    def add_arguments(self, parser):
        parser.add_argument(
            "country",
            nargs="?",
            help="The delegation's country (ISO code: PAN or PA); leave out for "
            "the convening's shared roadmaps.",
        )
        parser.add_argument("--format", choices=sorted(FORMATS), default="json")
        parser.add_argument("--output", required=True, help="The file to write.")
        parser.add_argument(
            "--convening",
            type=int,
            help="The convening's id (default: the latest with that country).",
        )

    def handle(self, *args, country=None, **options):
        fmt = options["format"]
        if country:
            delegation = self._delegation(country, options["convening"])
            export = results_export(
                convening=delegation.convening,
                roadmaps=[delegation.roadmap],
                fmt=fmt,
                subject=delegation.code,
            )
        else:
            if not options["convening"]:
                raise CommandError("Name a country, or a convening with --convening.")
            convening = Convening.objects.filter(pk=options["convening"]).first()
            if convening is None:
                raise CommandError(f"No convening {options['convening']}.")
            export = results_export(
                convening=convening,
                roadmaps=shared_roadmaps(convening=convening),
                fmt=fmt,
                subject=f"convening-{convening.pk}",
            )
        Path(options["output"]).write_bytes(export.content)
        for problem in export.problems:
            self.stderr.write(problem)
        self.stdout.write(f"Wrote {options['output']} ({len(export.content)} bytes)")

    def _delegation(self, country, convening_id):
        from django_countries import countries

        code = country.upper()
        if len(code) == 3:
            code = countries.alpha2(code)
        found = Delegation.objects.filter(country=code).select_related(
            "convening", "roadmap"
        )
        if convening_id:
            found = found.filter(convening_id=convening_id)
        delegation = found.order_by("-convening__start_date").first()
        if delegation is None or not hasattr(delegation, "roadmap"):
            raise CommandError(f"No delegation of {country} with a roadmap.")
        return delegation
