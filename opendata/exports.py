"""The three formats of a results export, for the pages and the command line:
``results_export(convening=…, roadmaps=…, fmt=…)`` gives the bytes, the file
name, the content type and the report of what IATI could not hold."""

import json
from dataclasses import dataclass, field

from django.utils import timezone

from opendata.iati import iati_activities
from opendata.results_data import results_data
from opendata.results_xlsx import results_xlsx
from opendata.selectors import export_settings_of

FORMATS = {
    "json": ("application/json", "json"),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    "iati": ("application/xml", "xml"),
}


@dataclass
class ResultsExport:
    content: bytes
    filename: str
    content_type: str
    problems: list[str] = field(default_factory=list)


def results_export(*, convening, roadmaps, fmt: str, subject: str) -> ResultsExport:
    """``subject``: what the file name says it holds (a country code, or
    "convening-<id>")."""
    data = results_data(
        convening=convening,
        roadmaps=roadmaps,
        internal_notes=export_settings_of(convening=convening).include_internal_notes,
    )
    content_type, extension = FORMATS[fmt]
    problems = []
    if fmt == "json":
        content = json.dumps(data, ensure_ascii=False, indent=2).encode()
    elif fmt == "xlsx":
        content = results_xlsx(data)
    else:
        exported = iati_activities(data)
        content, problems = exported.xml, exported.problems
    day = timezone.localdate(timezone=convening.zone)
    suffix = "-iati" if fmt == "iati" else ""
    return ResultsExport(
        content=content,
        filename=f"results-{subject}{suffix}-{day:%Y-%m-%d}.{extension}",
        content_type=content_type,
        problems=problems,
    )
