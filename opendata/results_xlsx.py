"""The results frameworks as a workbook: one sheet per level (roadmaps,
pillars, outcomes, outputs, indicators, periods, activities, stages), each
row with its roadmap's country, its id and dotted code, so the sheets join.
Numbers stay numbers; every text is neutralized against formulas."""

from decimal import Decimal

import tablib
from django.utils.translation import gettext as _

from common.spreadsheets import cell_neutralize


def _n(value):
    """A decimal text of the JSON as a number of the sheet."""
    if value is None:
        return None
    number = Decimal(value)
    return int(number) if number == number.to_integral_value() else float(number)


def _sheet(title, headers, rows):
    sheet = tablib.Dataset(headers=headers, title=title[:31])
    for row in rows:
        sheet.append([cell_neutralize(value) for value in row])
    return sheet


def _reference_cells(reference) -> list:
    if reference is None:
        return ["", "", "", "", ""]
    return [
        reference["framework"],
        reference["code"],
        reference["title"]["es"],
        reference["title"]["en"],
        reference["iati_vocabulary"],
    ]


def results_xlsx(data: dict) -> bytes:
    roadmaps, pillars, outcomes, outputs = [], [], [], []
    indicators, periods, activities, stages = [], [], [], []

    def indicator_rows(country, result_code, items):
        for i in items:
            indicators.append(
                [
                    country,
                    i["id"],
                    i["code"],
                    result_code,
                    i["statement"],
                    i["unit"],
                    i["measure"],
                    i["ascending"],
                    i["cumulative"],
                    ", ".join(i["dimensions"]),
                    _n(i["baseline"]["value"]),
                    i["baseline"]["year"],
                    _n(i["target"]["value"]),
                    i["target"]["year"],
                    i["means_of_verification"],
                    i["frequency"],
                    i["responsible_institution"],
                    *_reference_cells(i["reference"]),
                ]
            )
            for p in i["periods"]:
                periods.append(
                    [
                        country,
                        i["id"],
                        i["code"],
                        p["start"],
                        p["end"],
                        _n(p["target"]),
                        _n(p["actual"]),
                    ]
                )

    for roadmap in data["roadmaps"]:
        country = roadmap["delegation"]["iso3"]
        roadmaps.append(
            [
                country,
                roadmap["id"],
                roadmap["delegation"]["name"]["es"],
                roadmap["delegation"]["name"]["en"],
                roadmap["status"],
                roadmap["nap_status"],
                roadmap["plan_period"]["start_year"],
                roadmap["plan_period"]["end_year"],
                roadmap["theory_of_change"]["if"],
                roadmap["theory_of_change"]["then"],
                roadmap["theory_of_change"]["because"],
            ]
        )
        for pillar in roadmap["pillars"]:
            standard = pillar["standard_name"] or {}
            pillars.append(
                [
                    country,
                    pillar["id"],
                    pillar["code"],
                    pillar["standard"],
                    pillar["name"] or standard.get("es"),
                    pillar["name"] or standard.get("en"),
                ]
            )
            for outcome in pillar["outcomes"]:
                outcomes.append(
                    [
                        country,
                        outcome["id"],
                        outcome["code"],
                        pillar["code"],
                        outcome["statement"],
                        outcome["assumptions"],
                    ]
                )
                indicator_rows(country, outcome["code"], outcome["indicators"])
                for output in outcome["outputs"]:
                    outputs.append(
                        [
                            country,
                            output["id"],
                            output["code"],
                            outcome["code"],
                            output["statement"],
                            output["assumptions"],
                        ]
                    )
                    indicator_rows(country, output["code"], output["indicators"])
                    for a in output["activities"]:
                        activities.append(
                            [
                                country,
                                a["id"],
                                a["code"],
                                output["code"],
                                a["statement"],
                                a["lead_institution"],
                                a["partners"],
                                a["civil_society_role"],
                                a["start_quarter"],
                                a["end_quarter"],
                                _n(a["cost"]),
                                a["currency"],
                                a["funding_source"],
                                a["funding_status"],
                            ]
                        )
        for stage in roadmap["milestones"]:
            stages.append(
                [
                    country,
                    stage["id"],
                    stage["stage"],
                    stage["status"],
                    stage["planned_date"],
                    stage["revised_date"],
                    stage["achieved_date"],
                    stage["legal_instrument"],
                    stage["evidence_url"],
                    stage.get("notes", ""),
                ]
            )
    book = tablib.Databook(
        [
            _sheet(
                _("Roadmaps"),
                [
                    "country",
                    "id",
                    "name_es",
                    "name_en",
                    "status",
                    "nap_status",
                    "plan_start_year",
                    "plan_end_year",
                    "toc_if",
                    "toc_then",
                    "toc_because",
                ],
                roadmaps,
            ),
            _sheet(
                _("Pillars"),
                ["country", "id", "code", "standard", "name_es", "name_en"],
                pillars,
            ),
            _sheet(
                _("Outcomes"),
                ["country", "id", "code", "pillar", "statement", "assumptions"],
                outcomes,
            ),
            _sheet(
                _("Outputs"),
                ["country", "id", "code", "outcome", "statement", "assumptions"],
                outputs,
            ),
            _sheet(
                _("Indicators"),
                [
                    "country",
                    "id",
                    "code",
                    "result",
                    "statement",
                    "unit",
                    "measure",
                    "ascending",
                    "cumulative",
                    "dimensions",
                    "baseline_value",
                    "baseline_year",
                    "target_value",
                    "target_year",
                    "means_of_verification",
                    "frequency",
                    "responsible_institution",
                    "reference_framework",
                    "reference_code",
                    "reference_title_es",
                    "reference_title_en",
                    "reference_iati_vocabulary",
                ],
                indicators,
            ),
            _sheet(
                _("Periods"),
                [
                    "country",
                    "indicator_id",
                    "indicator",
                    "start",
                    "end",
                    "target",
                    "actual",
                ],
                periods,
            ),
            _sheet(
                _("Activities"),
                [
                    "country",
                    "id",
                    "code",
                    "output",
                    "statement",
                    "lead_institution",
                    "partners",
                    "civil_society_role",
                    "start_quarter",
                    "end_quarter",
                    "cost",
                    "currency",
                    "funding_source",
                    "funding_status",
                ],
                activities,
            ),
            _sheet(
                _("NAP path"),
                [
                    "country",
                    "id",
                    "stage",
                    "status",
                    "planned_date",
                    "revised_date",
                    "achieved_date",
                    "legal_instrument",
                    "evidence_url",
                    "notes",
                ],
                stages,
            ),
        ]
    )
    return book.export("xlsx")
