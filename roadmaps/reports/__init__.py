"""The PDF reports: a delegation's roadmap and the cohort report.

Each report is built in three steps, shared by the worker and the command line:
its context (``contexts``: read in a fixed number of queries, whatever the size
of the roadmap or the cohort; the summary figures and charts come from
``figures`` and ``roadmaps.charts``), its HTML and its PDF (``render``).
"""

from roadmaps.reports.contexts import cohort_report_context, roadmap_report_context
from roadmaps.reports.render import (
    AUTHOR,
    REPORT_TEMPLATES_VERSION,
    Report,
    ReportPart,
    cohort_report,
    convening_logos,
    report_build,
    report_document,
    report_filename,
    report_languages,
    report_pdf,
    roadmap_report,
)

__all__ = [
    "AUTHOR",
    "REPORT_TEMPLATES_VERSION",
    "Report",
    "ReportPart",
    "cohort_report",
    "cohort_report_context",
    "convening_logos",
    "report_build",
    "report_document",
    "report_filename",
    "report_languages",
    "report_pdf",
    "roadmap_report",
    "roadmap_report_context",
]
