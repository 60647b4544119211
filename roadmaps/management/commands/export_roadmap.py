"""Write a delegation's roadmap report to a PDF file, without a worker."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from academy.models import Convening, Delegation
from common.enums import Language
from roadmaps.reports import report_pdf, roadmap_report


def convening_chosen(convening_id):
    """The convening named, or the current one (the latest to start)."""
    queryset = Convening.objects.order_by("-start_date", "-pk")
    convening = (
        queryset.filter(pk=convening_id).first() if convening_id else queryset.first()
    )
    if convening is None:
        raise CommandError(
            f"No convening with id {convening_id}." if convening_id else "No convening."
        )
    return convening


class Command(BaseCommand):
    help = (
        "Render the roadmap of a delegation (ISO 3166 alpha-3 code) of the current "
        "convening to a PDF file."
    )

    def add_arguments(self, parser):
        parser.add_argument("country", help="ISO 3166 alpha-3 code, e.g. PAN")
        parser.add_argument(
            "--language",
            choices=[*Language.values, "es,en"],
            default=Language.SPANISH,
            help="es, en, or es,en for both in one PDF",
        )
        parser.add_argument("--output", required=True, help="PDF file to write")
        parser.add_argument(
            "--convening", type=int, help="convening id (default: the latest)"
        )

    def handle(self, *args, country, language, output, convening, **options):
        chosen = convening_chosen(convening)
        code = country.upper()
        delegation = next(
            (
                d
                for d in Delegation.objects.filter(convening=chosen).select_related(
                    "roadmap"
                )
                if d.code == code
            ),
            None,
        )
        if delegation is None:
            raise CommandError(f"No delegation {code} in {chosen.name} ({chosen.pk}).")
        report = roadmap_report(roadmap_id=delegation.roadmap.pk, language=language)
        rendered = report_pdf(report=report)
        Path(output).write_bytes(rendered.content)
        self.stdout.write(
            f"{output}: {rendered.pages} pages, {len(rendered.content)} bytes, "
            f"{rendered.seconds:.2f} s"
        )
