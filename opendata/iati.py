"""The results frameworks as IATI 2.03 activity XML (iatistandard.org): one
``iati-activity`` per roadmap, its outcomes and outputs as ``result`` (type 2
and 1), each indicator with its measure, direction, baseline and periods
(target and approved actual, an ``actual`` per disaggregation category with
its ``dimension``), built from the same data as the JSON export.

What IATI cannot hold is left out and said in the returned report, never
written invalid: an indicator without a baseline year (IATI requires one) loses
its baseline; a period with neither target nor actual is left out; a result
without an indicator is left out (IATI requires one). The output validates
against the official 2.03 schema kept in docs/iati/ (tests/opendata).
"""

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

# IATI 2.03 codelists: IndicatorMeasure, ResultType, ActivityStatus,
# ActivityDateType, OrganisationRole, OrganisationType, SectorVocabulary.
MEASURES = {"number": "1", "percentage": "2", "qualitative": "5"}
OUTPUT, OUTCOME = "1", "2"
IMPLEMENTATION = "2"
PLANNED_START, PLANNED_END = "1", "3"
IMPLEMENTING, GOVERNMENT = "4", "10"
DAC_5_DIGIT, PEACEBUILDING = (
    "1",
    "15220",
)  # civilian peace-building and conflict prevention
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass
class IatiExport:
    xml: bytes
    problems: list[str] = field(default_factory=list)


def _narrative(parent, tag, text, language=None):
    element = ET.SubElement(parent, tag)
    narrative = ET.SubElement(element, "narrative")
    if language:
        narrative.set(XML_LANG, language)
    narrative.text = text
    return element


def _identifier(convening: dict, roadmap: dict) -> str:
    return (
        f"{settings.IATI_REPORTING_ORG_REF}-NAP-{convening['id']}-"
        f"{roadmap['delegation']['iso3']}"
    )


def _indicator(result_element, indicator, problems, where):
    element = ET.SubElement(
        result_element,
        "indicator",
        measure=MEASURES.get(indicator["measure"], "1"),
        ascending="1" if indicator["ascending"] else "0",
    )
    _narrative(element, "title", indicator["statement"] or indicator["code"])
    reference = indicator["reference"]
    if reference:
        # IATI puts references after the title and description, before the
        # baseline: 9 is the SDG indicators' vocabulary, 99 our own.
        ET.SubElement(
            element,
            "reference",
            vocabulary=reference["iati_vocabulary"],
            code=reference["code"],
        )
    baseline = indicator["baseline"]
    qualitative = indicator["measure"] == "qualitative"
    if baseline["year"]:
        attributes = {"year": str(baseline["year"])}
        if baseline["value"] is not None and not qualitative:
            attributes["value"] = baseline["value"]
        ET.SubElement(element, "baseline", **attributes)
    else:
        problems.append(
            _(
                "%(where)s, indicator %(code)s: no baseline year (IATI requires "
                "one), so its baseline was left out."
            )
            % {"where": where, "code": indicator["code"]}
        )
    for period in indicator["periods"]:
        if period["target"] is None and period["actual"] is None:
            problems.append(
                _(
                    "%(where)s, indicator %(code)s: the period %(start)s – %(end)s "
                    "has neither target nor actual, so it was left out."
                )
                % {
                    "where": where,
                    "code": indicator["code"],
                    "start": period["start"],
                    "end": period["end"],
                }
            )
            continue
        line = ET.SubElement(element, "period")
        ET.SubElement(line, "period-start", {"iso-date": period["start"]})
        ET.SubElement(line, "period-end", {"iso-date": period["end"]})
        if period["target"] is not None:
            ET.SubElement(
                line, "target", {} if qualitative else {"value": period["target"]}
            )
        if period["actual"] is not None:
            ET.SubElement(
                line, "actual", {} if qualitative else {"value": period["actual"]}
            )
            for part in period["actual_by_category"]:
                actual = ET.SubElement(line, "actual", value=part["value"])
                ET.SubElement(
                    actual, "dimension", name=part["dimension"], value=part["category"]
                )


def _result(activity, kind, item, problems, where):
    if not item["indicators"]:
        problems.append(
            _("%(where)s, result %(code)s: no indicator (IATI requires one), left out.")
            % {"where": where, "code": item["code"]}
        )
        return
    element = ET.SubElement(activity, "result", type=kind)
    _narrative(element, "title", f"{item['code']} {item['statement']}".strip())
    for indicator in item["indicators"]:
        _indicator(element, indicator, problems, where)


def _activity_head(activity, convening: dict, roadmap: dict) -> None:
    """What IATI requires of an activity before its results, in order."""
    country = roadmap["delegation"]["name"]
    ET.SubElement(activity, "iati-identifier").text = _identifier(convening, roadmap)
    _narrative(
        activity, "reporting-org", settings.IATI_REPORTING_ORG_NAME
    ).attrib.update(
        ref=settings.IATI_REPORTING_ORG_REF, type=settings.IATI_REPORTING_ORG_TYPE
    )
    title = ET.SubElement(activity, "title")
    for language, text in (
        ("es", f"Hoja de ruta hacia el PAN MPS — {country['es']}"),
        ("en", f"Roadmap towards the WPS NAP — {country['en']}"),
    ):
        narrative = ET.SubElement(title, "narrative")
        narrative.set(XML_LANG, language)
        narrative.text = text
    theory = roadmap["theory_of_change"]
    summary = " ".join(
        part for part in (theory["if"], theory["then"], theory["because"]) if part
    )
    description = summary or f"{convening['name']['en']}: {country['en']}"
    _narrative(activity, "description", description).set("type", "1")
    _narrative(
        activity, "participating-org", f"Government of {country['en']}"
    ).attrib.update(role=IMPLEMENTING, type=GOVERNMENT)
    ET.SubElement(activity, "activity-status", code=IMPLEMENTATION)
    period = roadmap["plan_period"]
    start = (
        f"{period['start_year']}-01-01"
        if period["start_year"]
        else convening["start_date"]
    )
    ET.SubElement(activity, "activity-date", {"type": PLANNED_START, "iso-date": start})
    if period["end_year"]:
        ET.SubElement(
            activity,
            "activity-date",
            {"type": PLANNED_END, "iso-date": f"{period['end_year']}-12-31"},
        )
    ET.SubElement(activity, "recipient-country", code=roadmap["delegation"]["country"])
    ET.SubElement(activity, "sector", vocabulary=DAC_5_DIGIT, code=PEACEBUILDING)


def iati_activities(data: dict) -> IatiExport:
    """``data``: a results document (opendata.results_data)."""
    problems = []
    root = ET.Element(
        "iati-activities",
        {
            "version": "2.03",
            "generated-datetime": timezone.now().isoformat(timespec="seconds"),
        },
    )
    convening = data["convening"]
    for roadmap in data["roadmaps"]:
        where = roadmap["delegation"]["name"]["en"]
        activity = ET.SubElement(
            root,
            "iati-activity",
            {
                "last-updated-datetime": data["generated"],
                "default-currency": _currency(roadmap),
            },
        )
        _activity_head(activity, convening, roadmap)
        for pillar in roadmap["pillars"]:
            for outcome in pillar["outcomes"]:
                _result(activity, OUTCOME, outcome, problems, where)
                for output in outcome["outputs"]:
                    _result(activity, OUTPUT, output, problems, where)
    ET.indent(root)
    return IatiExport(
        xml=ET.tostring(root, encoding="utf-8", xml_declaration=True),
        problems=problems,
    )


def _currency(roadmap: dict) -> str:
    currencies = [
        activity["currency"]
        for pillar in roadmap["pillars"]
        for outcome in pillar["outcomes"]
        for output in outcome["outputs"]
        for activity in output["activities"]
        if activity["currency"]
    ]
    return max(set(currencies), key=currencies.count) if currencies else "USD"
