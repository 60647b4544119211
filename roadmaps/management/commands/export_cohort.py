"""Write a convening's cohort report to a PDF file, without a worker."""

from pathlib import Path

from django.core.management.base import BaseCommand

from common.enums import Language
from roadmaps.management.commands.export_roadmap import convening_chosen
from roadmaps.reports import cohort_report, report_pdf


class Command(BaseCommand):
    help = "Render the cohort report of the current convening to a PDF file."

    def add_arguments(self, parser):
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

    def handle(self, *args, language, output, convening, **options):
        chosen = convening_chosen(convening)
        report = cohort_report(convening_id=chosen.pk, language=language)
        rendered = report_pdf(report=report)
        Path(output).write_bytes(rendered.content)
        self.stdout.write(
            f"{output}: {rendered.pages} pages, {len(rendered.content)} bytes, "
            f"{rendered.seconds:.2f} s"
        )
