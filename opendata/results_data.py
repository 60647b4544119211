"""A results framework as data: the JSON documented in docs/results-data.md
(schema docs/results-data.schema.json, versioned by ``SCHEMA``).

Each roadmap with its pillars, outcomes, outputs, indicators (baseline,
target, the reporting periods with their targets and approved actuals, per
disaggregation category) and activities (costs and funding), and the stages
of its NAP path. Ids are the database's, stable across exports; codes are the
dotted codes the editor shows (1, 1.2, 1.2.1, 1.2-I1). Texts a delegation
wrote are as written; texts the app provides (standard pillar names, stage,
status and measure names) come in both languages. The stages' notes appear
only when the convening's organizers chose to include internal notes.
"""

from decimal import Decimal

from django.utils import timezone, translation

from accompaniment.indicator_table import indicator_table
from roadmaps.enums import (
    FundingStatus,
    Measure,
    MilestoneKind,
    MilestoneStatus,
    StandardPillar,
)
from roadmaps.models import Roadmap
from roadmaps.selectors import roadmap_tree

SCHEMA = "nap-academy-results/1"
LANGUAGES = ("es", "en")


def number(value) -> str | None:
    """A decimal as text without exponent or trailing zeros ("12.5")."""
    return None if value is None else format(Decimal(value).normalize(), "f")


def both(choices, value) -> dict | None:
    """A label the app provides, in both languages."""
    if not value:
        return None
    label = choices(value).label
    result = {}
    for code in LANGUAGES:
        with translation.override(code):
            result[code] = str(label)
    return result


def _reference(reference) -> dict | None:
    if reference is None:
        return None
    return {
        "framework": reference.framework,
        "code": reference.code,
        "title": {
            "es": reference.title_es or reference.title_en or "",
            "en": reference.title_en or reference.title_es or "",
        },
        "source": reference.source,
        "iati_vocabulary": reference.iati_vocabulary,
    }


def _indicator(indicator, row) -> dict:
    periods = []
    for line in row.periods if row else []:
        period = line.period
        periods.append(
            {
                "start": period.starts_on.isoformat(),
                "end": period.ends_on.isoformat(),
                "target": number(period.target_value),
                "actual": number(line.actual),
                "actual_by_category": [
                    {
                        "dimension": category.dimension,
                        "category": category.label,
                        "value": number(value),
                    }
                    for category, value in line.by_category
                ],
            }
        )
    return {
        "id": indicator.pk,
        "code": indicator.code,
        "statement": indicator.statement,
        "unit": indicator.unit,
        "reference": _reference(indicator.reference),
        "measure": indicator.measure,
        "measure_label": both(Measure, indicator.measure),
        "ascending": indicator.ascending,
        "cumulative": indicator.cumulative,
        "dimensions": list(indicator.dimensions or []),
        "baseline": {
            "value": number(indicator.baseline_value),
            "year": indicator.baseline_year,
        },
        "target": {
            "value": number(indicator.target_value),
            "year": indicator.target_year,
        },
        "means_of_verification": indicator.means_of_verification,
        "frequency": indicator.frequency,
        "responsible_institution": indicator.responsible_institution,
        "periods": periods,
    }


def _activity(activity) -> dict:
    return {
        "id": activity.pk,
        "code": activity.code,
        "statement": activity.statement,
        "lead_institution": activity.lead_institution,
        "partners": activity.partners,
        "civil_society_role": activity.civil_society_role,
        "start_quarter": activity.start_quarter or None,
        "end_quarter": activity.end_quarter or None,
        "cost": number(activity.cost),
        "currency": activity.currency,
        "funding_source": activity.funding_source,
        "funding_status": activity.funding_status,
        "funding_status_label": both(FundingStatus, activity.funding_status),
    }


def roadmap_data(*, roadmap: Roadmap, internal_notes: bool = False) -> dict:
    """One roadmap's results framework (the tree's and the indicator table's
    queries)."""
    tree = roadmap_tree(roadmap=roadmap)
    rows = {
        row.indicator.pk: row
        for row in indicator_table(
            roadmap=roadmap, today=timezone.localdate(), tree=tree
        )
    }
    delegation = roadmap.delegation
    pillars = []
    for pillar in tree.pillars:
        outcomes = []
        for outcome in pillar.outcome_list:
            outputs = [
                {
                    "id": output.pk,
                    "code": output.code,
                    "statement": output.statement,
                    "assumptions": output.assumptions,
                    "indicators": [
                        _indicator(i, rows.get(i.pk)) for i in output.indicator_list
                    ],
                    "activities": [_activity(a) for a in output.activity_list],
                }
                for output in outcome.output_list
            ]
            outcomes.append(
                {
                    "id": outcome.pk,
                    "code": outcome.code,
                    "statement": outcome.statement,
                    "assumptions": outcome.assumptions,
                    "indicators": [
                        _indicator(i, rows.get(i.pk)) for i in outcome.indicator_list
                    ],
                    "outputs": outputs,
                }
            )
        pillars.append(
            {
                "id": pillar.pk,
                "code": pillar.code,
                "standard": pillar.standard or None,
                "name": pillar.name or None,
                "standard_name": both(StandardPillar, pillar.standard),
                "description": pillar.description,
                "outcomes": outcomes,
            }
        )
    milestones = []
    for milestone in tree.milestones:
        entry = {
            "id": milestone.pk,
            "stage": milestone.kind,
            "stage_label": both(MilestoneKind, milestone.kind),
            "status": milestone.status,
            "status_label": both(MilestoneStatus, milestone.status),
            "planned_date": _date(milestone.planned_date),
            "revised_date": _date(milestone.revised_date),
            "achieved_date": _date(milestone.achieved_date),
            "legal_instrument": milestone.legal_instrument,
            "evidence_url": milestone.evidence_url,
        }
        if internal_notes:
            entry["notes"] = milestone.notes
        milestones.append(entry)
    names = {}
    for code in LANGUAGES:
        with translation.override(code):
            names[code] = str(delegation.country.name)
    return {
        "id": roadmap.pk,
        "delegation": {
            "id": delegation.pk,
            "country": delegation.country.code,
            "iso3": delegation.country.alpha3,
            "name": names,
        },
        "status": roadmap.status,
        "nap_status": roadmap.nap_status,
        "plan_period": {
            "start_year": roadmap.plan_start_year,
            "end_year": roadmap.plan_end_year,
        },
        "theory_of_change": {
            "if": roadmap.toc_if,
            "then": roadmap.toc_then,
            "because": roadmap.toc_because,
        },
        "pillars": pillars,
        "milestones": milestones,
    }


def _date(value) -> str | None:
    return value.isoformat() if value else None


def results_data(*, convening, roadmaps: list[Roadmap], internal_notes=False) -> dict:
    """The document: the convening, then each roadmap given."""
    return {
        "schema": SCHEMA,
        "generated": timezone.now().isoformat(timespec="seconds"),
        "internal_notes": internal_notes,
        "convening": {
            "id": convening.pk,
            "name": {
                code: getattr(convening, f"name_{code}") or convening.name
                for code in LANGUAGES
            },
            "start_date": convening.start_date.isoformat(),
            "end_date": convening.end_date.isoformat(),
        },
        "roadmaps": [
            roadmap_data(roadmap=roadmap, internal_notes=internal_notes)
            for roadmap in roadmaps
        ],
    }
