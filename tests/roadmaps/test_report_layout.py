"""What a reader of the PDF reports sees: a cover with the organizers' logos, an
executive summary, wide tables on landscape pages that never run off the page,
whole header words, a budget chart, a signature block on a final roadmap, each
part tagged with its language."""

import io

import pdfplumber
import pytest
from pypdf import PdfReader

from academy.services import convening_logo_add, convening_update
from roadmaps.enums import RoadmapStatus
from roadmaps.models import Roadmap
from roadmaps.reports import cohort_report, report_pdf, roadmap_report
from roadmaps.services import roadmap_status_change
from tests.roadmaps import exports_support

demo_roadmap = exports_support.demo_roadmap
large_roadmap = exports_support.large_roadmap

MM = 72 / 25.4  # PDF points per millimetre
# What a printer prints: the page less 5 mm on every edge.
UNPRINTABLE = 5 * MM

LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">'
    b'<rect width="120" height="40" fill="#009edb"/></svg>'
)


def rendered(roadmap, language):
    report = roadmap_report(roadmap_id=roadmap.pk, language=language)
    result = report_pdf(report=report)
    assert result.refused_urls == []
    return result.content


def pages_of(content):
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return [
            {
                "width": page.width,
                "height": page.height,
                "words": [w["text"] for w in page.extract_words()],
                "text": page.extract_text() or "",
                "chars": page.chars,
                "images": len(page.images),
            }
            for page in pdf.pages
        ]


def outside_printable_area(page):
    return [
        c["text"]
        for c in page["chars"]
        if c["x0"] < UNPRINTABLE
        or c["x1"] > page["width"] - UNPRINTABLE
        or c["top"] < UNPRINTABLE
        or c["bottom"] > page["height"] - UNPRINTABLE
    ]


MATRIX_HEADERS = {
    "es": ["Desagregación", "Frecuencia", "Responsable", "verificación", "Unidad"],
    "en": ["Disaggregation", "Frequency", "Responsible", "verification", "Unit"],
}
MATRIX_TITLE = {"es": "Matriz de monitoreo", "en": "Monitoring and evaluation matrix"}


@pytest.mark.parametrize("size", ["demo", "large"])
@pytest.mark.parametrize("language", ["es", "en"])
def test_no_text_leaves_the_page_and_the_matrix_headers_are_whole_words(
    db, request, size, language
):
    roadmap = request.getfixturevalue(f"{size}_roadmap")

    pages = pages_of(rendered(roadmap, language))

    for number, page in enumerate(pages, start=1):
        assert outside_printable_area(page) == [], f"page {number}"
    matrix = [p for p in pages if MATRIX_TITLE[language] in p["text"]]
    # The title is in the contents too; the matrix itself is on a landscape page.
    landscape = [p for p in matrix if p["width"] > p["height"]]
    assert landscape, "the M&E matrix is on a landscape page"
    for header in MATRIX_HEADERS[language]:
        assert header in landscape[0]["words"], header


def test_the_cover_names_country_period_status_and_place_in_the_reports_language(
    demo_roadmap,
):
    convening = demo_roadmap.delegation.convening
    convening.city_es, convening.city_en = "Ciudad de Panamá", "Panama City"
    convening.venue_es = "Ministerio de Relaciones Exteriores"
    convening.venue_en = "Ministry of Foreign Affairs"
    convening.save()

    spanish = pages_of(rendered(demo_roadmap, "es"))[0]["text"]
    english = pages_of(rendered(demo_roadmap, "en"))[0]["text"]

    assert "Ministerio de Relaciones Exteriores, Ciudad de Panamá" in spanish
    assert "Ministry of Foreign Affairs, Panama City" in english
    assert "Hoja de ruta de Bolivia" in spanish
    assert "Roadmap of Bolivia" in english
    assert "Borrador" in spanish and "Draft" in english
    # The kicker extracts as words, not as spaced letters.
    assert "Mujeres, Paz y Seguridad" in spanish


def test_the_cover_shows_the_organizers_logos_handed_over_by_the_app(
    demo_roadmap, organizer
):
    convening = demo_roadmap.delegation.convening
    for name in ("UN Women", "Our Secure Future"):
        convening_logo_add(
            convening=convening, user=organizer, content=LOGO, name_en=name
        )

    report = roadmap_report(roadmap_id=demo_roadmap.pk, language="en")
    result = report_pdf(report=report)

    assert result.refused_urls == []
    assert len(report.resources) == 2
    assert 'alt="UN Women"' in report.html
    # SVG logos are drawn as vector graphics on the cover page: two figures,
    # tagged with their text alternative.
    reader = PdfReader(io.BytesIO(result.content))
    figures = _struct_elements(reader, "/Figure")
    assert {str(f.get("/Alt")) for f in figures} >= {"UN Women", "Our Secure Future"}


def test_the_executive_summary_counts_the_plan_and_its_funding(demo_roadmap):
    pages = pages_of(rendered(demo_roadmap, "en"))
    summary = next(p for p in pages if "Executive summary" in p["text"])

    text = " ".join(summary["words"])
    assert "Pillars at a glance" in text
    assert "1/4" in summary["words"] and "milestones" in summary["words"]
    assert "USD 93,000 in all: 45,000 secured (48 %)" in text
    assert "The roadmap is 78% complete" in text


def test_the_budget_chart_is_drawn_with_its_figures_as_text(demo_roadmap):
    report = roadmap_report(roadmap_id=demo_roadmap.pk, language="es")
    text = " ".join(p["text"] for p in pages_of(report_pdf(report=report).content))

    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"' in (
        report.html
    )
    assert "Presupuesto por pilar en USD" in report.html  # the figure's title
    # The chart's labels and the table beside it are text a reader can copy.
    assert "Asegurado" in text and "Brecha" in text


def test_a_final_roadmap_has_a_signature_block_and_a_draft_has_none(
    demo_roadmap, facilitator, bolivia_member
):
    draft = " ".join(p["text"] for p in pages_of(rendered(demo_roadmap, "en")))
    Roadmap.objects.filter(pk=demo_roadmap.pk).update(status=RoadmapStatus.IN_REVIEW)
    roadmap_status_change(user=facilitator, roadmap=demo_roadmap, transition="finalize")

    final = " ".join(p["text"] for p in pages_of(rendered(demo_roadmap, "en")))

    assert "Approval" not in draft
    assert "marked final on" in final
    assert facilitator.full_name in final
    assert "government" in final and "Signature" in final


def test_a_section_with_nothing_in_it_gets_no_page_of_its_own(bolivia):
    pages = pages_of(rendered(bolivia.roadmap, "en"))

    empty = [p for p in pages if "No indicator yet." in p["text"]]
    assert len(empty) == 1
    # Other sections share the page: it is not a page for one empty line.
    assert "Activity plan" in empty[0]["text"] or "Budget" in empty[0]["text"]
    # Cover, summary and contents, then everything else flows.
    assert len(pages) <= 5


def test_one_pdf_in_both_languages_tags_each_part_with_its_language(demo_roadmap):
    report = roadmap_report(roadmap_id=demo_roadmap.pk, language="es,en")
    result = report_pdf(report=report)
    reader = PdfReader(io.BytesIO(result.content))

    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Resumen ejecutivo" in text and "Executive summary" in text
    assert str(reader.trailer["/Root"]["/Lang"]) == "es"
    languages_by_page = {}
    for element in _struct_elements(reader, "/Art"):
        page = reader.get_page_number(element["/Pg"].get_object())
        languages_by_page[page] = str(element["/Lang"])
    ordered = [languages_by_page[page] for page in sorted(languages_by_page)]
    assert ordered[0] == "es" and ordered[-1] == "en"
    assert ordered == sorted(ordered, key=["es", "en"].index)  # es pages, then en


def test_a_single_language_pdf_is_tagged_with_it(demo_roadmap):
    reader = PdfReader(io.BytesIO(rendered(demo_roadmap, "en")))

    assert str(reader.trailer["/Root"]["/Lang"]) == "en"


def test_the_cohort_report_has_a_cover_a_comparison_by_pillar_and_an_attendance_chart(
    convening, demo_roadmap, ecuador, organizer
):
    convening_logo_add(convening=convening, user=organizer, content=LOGO, name_en="X")

    report = cohort_report(convening_id=convening.pk, language="es")
    result = report_pdf(report=report)
    pages = pages_of(result.content)
    text = " ".join(p["text"] for p in pages)

    assert result.refused_urls == []
    assert "Comparación por pilar" in text
    assert "Participación" in text  # a standard pillar, side by side
    assert "Tasa de asistencia por delegación" in report.html  # the chart's title
    assert any(p["width"] > p["height"] for p in pages)  # comparison: landscape
    for page in pages:
        assert outside_printable_area(page) == []


def test_a_change_to_the_convening_shows_on_the_next_report(demo_roadmap, organizer):
    convening = demo_roadmap.delegation.convening
    convening_update(
        convening=convening,
        edition=convening.edition,
        country=convening.country,
        start_date=convening.start_date,
        end_date=convening.end_date,
        time_zone=convening.time_zone,
        languages=convening.languages,
        name_es="Academia renombrada",
        name_en="Renamed Academy",
        city_es="Ciudad de Panamá",
    )

    text = pages_of(rendered(demo_roadmap, "en"))[0]["text"]

    assert "Renamed Academy" in text


def _struct_elements(reader, kind):
    found = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
            return
        if not hasattr(node, "get"):
            return
        if node.get("/S") == kind:
            found.append(node)
        if "/K" in node:
            walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found
