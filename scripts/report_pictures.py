"""Pictures of the PDF reports for docs/screenshots/ (called by
scripts/screenshots.py): the demo's roadmap of Panama in Spanish and English,
its cover, executive summary, a landscape page of the M&E matrix and the
budget chart, and the cohort report's comparison by pillar."""

import subprocess
import sys
from pathlib import Path

import pdfplumber
import pypdfium2

ROOT = Path(__file__).resolve().parents[1]
SCALE = 1.4  # about 100 dpi: readable, a few hundred KB a page

# (picture, text on the page in es, in en, landscape page?)
ROADMAP_PAGES = [
    ("cover", None, None, False),
    ("summary", "Resumen ejecutivo", "Executive summary", False),
    ("matrix", "Matriz de monitoreo", "Monitoring and evaluation matrix", True),
    ("budget", "7. Presupuesto", "7. Budget", False),
]
COHORT_PAGES = [
    ("comparison", "3. Comparación por pilar", "3. Comparison by pillar", True)
]


def _export(command, output, language, env):
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            *command,
            "--language",
            language,
            "--output",
            output,
        ],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _page_index(path, text, landscape):
    if text is None:
        return 0
    with pdfplumber.open(path) as pdf:
        for index, page in enumerate(pdf.pages):
            if text in (page.extract_text() or "") and (
                page.width > page.height or not landscape
            ):
                return index
    raise SystemExit(f"no page with {text!r} in {path}")


def _save(path, index, picture):
    document = pypdfium2.PdfDocument(path)
    document[index].render(scale=SCALE).to_pil().save(picture, optimize=True)


def report_pictures(*, env, folder, out):
    for language in ("es", "en"):
        roadmap = f"{folder}/roadmap-{language}.pdf"
        _export(["export_roadmap", "PAN"], roadmap, language, env)
        cohort = f"{folder}/cohort-{language}.pdf"
        _export(["export_cohort"], cohort, language, env)
        for source, pages, prefix in (
            (roadmap, ROADMAP_PAGES, "report"),
            (cohort, COHORT_PAGES, "cohort-report"),
        ):
            for name, spanish, english, landscape in pages:
                text = spanish if language == "es" else english
                index = _page_index(source, text, landscape)
                _save(source, index, out / f"{prefix}-{name}-{language}.png")
