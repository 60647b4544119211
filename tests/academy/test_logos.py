"""Organizers upload the logos on their reports' covers; nothing in a logo may
run, fetch or take the page over."""

import io

import pytest
from PIL import Image

from academy.models import ConveningLogo, logos_storage

SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" '
    b'viewBox="0 0 40 10"><rect width="40" height="10" fill="#009edb"/>'
    b'<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="4" '
    b'height="4"/></svg>'
)


def png(width=60, height=20) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (width, height), (0, 158, 219, 255)).save(buffer, "PNG")
    return buffer.getvalue()


def upload(client, convening, content, name="logo.svg", **names):
    return client.post(
        f"/convenings/{convening.pk}/logos/",
        {"file": _named(content, name), **({"name_en": "UN Women"} | names)},
    )


def _named(content, name):
    handle = io.BytesIO(content)
    handle.name = name
    return handle


def test_organizer_adds_an_svg_and_a_png_shown_in_order(client, organizer, convening):
    client.force_login(organizer)

    upload(client, convening, SVG, name_es="ONU Mujeres")
    response = upload(client, convening, png(), name="osf.png", name_en="OSF")

    assert response.status_code == 302
    logos = list(convening.logos.all())
    assert [(logo.name_en, logo.content_type) for logo in logos] == [
        ("UN Women", "image/svg+xml"),
        ("OSF", "image/png"),
    ]
    assert logos[0].name_es == "ONU Mujeres"
    page = client.get(f"/convenings/{convening.pk}/logos/").content.decode()
    assert page.index('alt="UN Women"') < page.index('alt="OSF"')


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "it contains a &lt;script&gt; element",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            "it reacts to events (onload)",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" '
            b'xmlns:xlink="http://www.w3.org/1999/xlink">'
            b'<image xlink:href="http://169.254.169.254/latest"/></svg>',
            "it refers to another file (http://169.254.169.254/latest)",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><style>'
            b"rect{fill:url(https://tracker.example/x)}</style></svg>",
            "its style refers to another file",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject>'
            b"<p>hi</p></foreignObject></svg>",
            "it contains a &lt;foreignobject&gt; element",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM '
            b'"file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">'
            b"&x;</svg>",
            "The SVG file is not well-formed or declares entities.",
        ),
        (b"GIF89a\x01\x00", "Upload the logo as an SVG or a PNG file."),
        (b"\x89PNG\r\n\x1a\nbroken", "The PNG file is damaged and cannot be read."),
    ],
)
def test_a_file_that_is_not_a_plain_logo_is_refused_in_place(
    client, organizer, convening, content, message
):
    client.force_login(organizer)

    response = upload(client, convening, content)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not convening.logos.exists()
    # The name typed is still in the form.
    assert 'value="UN Women"' in response.content.decode()


def test_a_logo_too_large_in_bytes_or_pixels_is_refused(
    client, organizer, convening, settings
):
    client.force_login(organizer)
    settings.LOGO_MAX_KB = 1

    too_heavy = upload(client, convening, SVG + b" " * 2048)
    settings.LOGO_MAX_KB = 512
    too_wide = upload(client, convening, png(5000, 10), name="wide.png")

    assert "a logo may be at most 1 KB" in too_heavy.content.decode()
    assert "at most 4000 pixels on a side" in too_wide.content.decode()
    assert not convening.logos.exists()


def test_a_logo_needs_a_name_for_screen_readers(client, organizer, convening):
    client.force_login(organizer)

    response = upload(client, convening, SVG, name_en="")

    assert response.status_code == 400
    assert (
        "Name the organization in Spanish or in English." in response.content.decode()
    )
    assert not convening.logos.exists()


def test_a_cover_holds_a_limited_number_of_logos(
    client, organizer, convening, settings
):
    settings.LOGOS_PER_CONVENING = 2
    client.force_login(organizer)
    for _ in range(2):
        upload(client, convening, SVG)
    stored = set(logos_storage().listdir(str(convening.pk))[1])

    response = upload(client, convening, SVG)

    assert "A cover holds at most 2 logos" in response.content.decode()
    assert convening.logos.count() == 2
    # The refused file was not left behind in storage.
    assert set(logos_storage().listdir(str(convening.pk))[1]) == stored


def test_organizer_reorders_and_removes_logos(
    client, organizer, convening, django_capture_on_commit_callbacks
):
    client.force_login(organizer)
    upload(client, convening, SVG, name_en="First")
    upload(client, convening, SVG, name_en="Second")
    first, second = convening.logos.all()

    client.post(f"/logos/{second.pk}/move/", {"to": "earlier"})
    assert [logo.name_en for logo in convening.logos.all()] == ["Second", "First"]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/logos/{first.pk}/remove/")
    assert [logo.name_en for logo in convening.logos.all()] == ["Second"]
    assert not logos_storage().exists(first.file.name)
    assert logos_storage().exists(second.file.name)


def test_a_logo_is_served_to_its_organizers_unable_to_run_anything(
    client, organizer, convening
):
    client.force_login(organizer)
    upload(client, convening, SVG)
    logo = ConveningLogo.objects.get()

    response = client.get(f"/logos/{logo.pk}/")

    assert response.content == SVG
    assert response["Content-Type"] == "image/svg+xml"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
