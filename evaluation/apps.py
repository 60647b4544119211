from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self):
        from evaluation import rules  # noqa: F401  (registers the permissions)
        from roadmaps.enums import ExportKind
        from roadmaps.report_kinds import report_kind_register

        # The evaluation summary, as a kind of export (built when rendered).
        report_kind_register(
            ExportKind.EVALUATION, "evaluation.report.evaluation_report"
        )
