from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccompanimentConfig(AppConfig):
    name = "accompaniment"
    verbose_name = _("Accompaniment")

    def ready(self):
        from accompaniment import rules  # noqa: F401  (registers the permissions)
        from roadmaps.enums import ExportKind
        from roadmaps.report_kinds import report_kind_register

        # The progress reports, as kinds of export (built when one is rendered).
        report_kind_register(
            ExportKind.PROGRESS, "accompaniment.reports.progress_report"
        )
        report_kind_register(
            ExportKind.COHORT_PROGRESS, "accompaniment.reports.cohort_progress_report"
        )
