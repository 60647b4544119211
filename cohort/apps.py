from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortConfig(AppConfig):
    """The pages that combine the domain apps: each person's home, a convening's
    and a delegation's pages, the organizers' cohort dashboard and edits."""

    name = "cohort"
    verbose_name = _("Cohort")

    def ready(self):
        from roadmaps.enums import ExportKind
        from roadmaps.report_kinds import report_kind_register

        # What is printed for the event, as kinds of export (built when rendered).
        report_kind_register(ExportKind.AGENDA, "cohort.printables.agenda_report")
        report_kind_register(ExportKind.BADGES, "cohort.printables.badges_report")
