"""PDF rendering fetches only the app's own static files: nothing else, ever."""

from django.template import Context, Template
from pypdf import PdfReader

from common.pdf import pdf_render

PAGE = Template(
    '{% load static %}<html lang="es"><head><title>Informe</title>'
    '<meta name="author" content="NAP Academy">'
    '<link rel="stylesheet" href="{% static "css/app.css" %}"></head>'
    "<body><h1>Hoja de ruta</h1><p>{{ text }}</p>{{ raw|safe }}</body></html>"
)


def text_of(pdf_bytes):
    import io

    return "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(pdf_bytes)).pages
    )


def test_pdf_user_text_with_markup_is_printed_as_text(listener):
    port, hits = listener
    hostile = (
        f'<img src="http://127.0.0.1:{port}/x"> <script>alert(1)</script> '
        f'<style>body {{ background: url("http://127.0.0.1:{port}/css") }}</style>'
    )

    rendered = pdf_render(html=PAGE.render(Context({"text": hostile})))

    assert hits == []
    assert f'<img src="http://127.0.0.1:{port}/x">' in text_of(rendered.content)
    assert "<script>alert(1)</script>" in text_of(rendered.content)


def test_pdf_renderer_refuses_network_files_and_paths_outside_static(listener):
    """Even markup that reached the renderer unescaped fetches nothing foreign."""
    port, hits = listener
    raw = (
        f'<img src="http://127.0.0.1:{port}/x">'
        f'<div style="background: url(http://127.0.0.1:{port}/css)">x</div>'
        '<link rel="attachment" href="file:///etc/passwd">'
        '<img src="/static/../academy/settings.py">'
    )

    rendered = pdf_render(html=PAGE.render(Context({"text": "", "raw": raw})))

    assert hits == []
    assert sorted(rendered.refused_urls) == sorted(
        [
            f"http://127.0.0.1:{port}/x",
            f"http://127.0.0.1:{port}/css",
            "file:///etc/passwd",
            "https://academy-static.invalid/academy/settings.py",
        ]
    )
    assert b"root:" not in rendered.content


def test_pdf_is_tagged_with_title_author_and_language():
    rendered = pdf_render(html=PAGE.render(Context({"text": "Texto"})))

    reader = PdfReader(__import__("io").BytesIO(rendered.content))
    assert rendered.pages == 1
    assert reader.metadata.title == "Informe"
    assert reader.metadata.author == "NAP Academy"
    assert reader.trailer["/Root"]["/Lang"] == "es"
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"]) is True
