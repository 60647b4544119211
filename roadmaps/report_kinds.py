"""Which function builds each kind of export, by dotted path: apps above this
one add their kinds in their AppConfig.ready (``report_kind_register``)
without this app importing them, and nothing of the report machinery is
imported at start-up. A builder takes ``language``, ``roadmap_id`` and
``convening_id`` (keywords) and returns a roadmaps.reports.Report."""

from django.utils.module_loading import import_string

from roadmaps.enums import ExportKind

_BUILDERS = {
    ExportKind.ROADMAP: "roadmaps.reports.render.roadmap_kind_build",
    ExportKind.COHORT: "roadmaps.reports.render.cohort_kind_build",
}


def report_kind_register(kind: str, builder: str) -> None:
    _BUILDERS[kind] = builder


def report_builder(kind: str):
    return import_string(_BUILDERS[kind])
