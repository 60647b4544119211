"""The progress reports, rendered by the worker through the roadmaps' export
pipeline (same progress page, storage and permission-checked download): a
delegation's (its NAP path, its indicators against their targets, the
follow-up shared with it) and the cohort's (every delegation on one page, then
each one's indicators).

A delegation's members may download their report, so it holds only what is
shared with them: never an internal note nor an action item kept among the
staff. Registered as kinds of export (roadmaps.report_kinds) in
AccompanimentConfig.ready."""

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from academy.models import Convening
from accompaniment import board
from accompaniment.indicator_table import indicator_table
from accompaniment.selectors import followup_entries, nap_path, open_action_items
from roadmaps.enums import ExportKind, MilestoneStatus
from roadmaps.models import Roadmap
from roadmaps.reports import (
    Report,
    ReportPart,
    convening_logos,
    report_document,
    report_filename,
)


def progress_context(*, roadmap: Roadmap) -> dict:
    delegation = roadmap.delegation
    today = timezone.localdate()
    stages = nap_path(roadmap=roadmap)
    entries = followup_entries(delegation=delegation, internal=False)
    return {
        "roadmap": roadmap,
        "delegation": delegation,
        "convening": delegation.convening,
        "stages": stages,
        "reached": sum(
            1
            for s in stages
            if s.milestone and s.milestone.status == MilestoneStatus.ACHIEVED
        ),
        "rows": indicator_table(roadmap=roadmap, today=today),
        "engagements": [e.engagement for e in entries if e.engagement][:12],
        "open_items": open_action_items(delegation=delegation, internal=False),
        "generated_at": timezone.now(),
    }


def _parts(language, title_of, body_of):
    parts, logos, resources, first = [], None, {}, None
    for code in [c for c in language.split(",") if c]:
        with translation.override(code):
            context, convening = body_of()
            if logos is None:
                logos, resources = convening_logos(convening)
            title = title_of(context)
            with timezone.override(convening.zone):
                body = render_to_string(
                    context.pop("template"),
                    {**context, "language": code, "logos": logos, "title": title},
                )
        parts.append(ReportPart(language=code, title=title, body=body))
        first = first or context
    return parts, resources, first


def progress_report(*, roadmap_id: int, language: str, convening_id=None) -> Report:
    roadmap = Roadmap.objects.select_related("delegation__convening").get(pk=roadmap_id)

    def body():
        context = progress_context(roadmap=roadmap)
        context["template"] = "accompaniment/reports/progress.html"
        return context, roadmap.delegation.convening

    parts, resources, context = _parts(
        language,
        lambda c: (
            _("Progress report — %(country)s")
            % {"country": c["delegation"].country.name}
        ),
        body,
    )
    return Report(
        html=report_document(parts, resources),
        filename=report_filename(
            kind=ExportKind.PROGRESS,
            language=language,
            convening=context["convening"],
            roadmap=roadmap,
        ),
        resources=resources,
    )


def cohort_progress_report(
    *, convening_id: int, language: str, roadmap_id=None
) -> Report:
    convening = Convening.objects.get(pk=convening_id)

    def body():
        lines = board.cohort_board(convening=convening, today=timezone.localdate())
        sections = []
        for line in lines:
            roadmap = getattr(line.delegation, "roadmap", None)
            if roadmap is None:
                continue
            rows = indicator_table(roadmap=roadmap, today=timezone.localdate())
            sections.append((line.delegation, rows))
        return {
            "template": "accompaniment/reports/cohort_progress.html",
            "convening": convening,
            "lines": lines,
            "stages": board.stage_labels(),
            "sections": sections,
            "generated_at": timezone.now(),
        }, convening

    parts, resources, _context = _parts(
        language,
        lambda c: _("Cohort progress report — %(name)s") % {"name": convening.name},
        body,
    )
    return Report(
        html=report_document(parts, resources),
        filename=report_filename(
            kind=ExportKind.COHORT_PROGRESS, language=language, convening=convening
        ),
        resources=resources,
    )


__all__ = ["cohort_progress_report", "progress_report"]
