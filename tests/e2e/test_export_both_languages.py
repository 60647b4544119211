"""A facilitator asks for the roadmap in both languages as a ZIP, in a real
browser: the choice of bundle appears only once both languages are chosen."""

import io
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_facilitator_downloads_both_languages_as_a_zip(
    new_page, bolivia, facilitator, in_process_tasks, exports_dir
):
    page = new_page()
    sign_in(page, facilitator.email)
    page.goto(f"/roadmaps/{bolivia.roadmap.pk}/exports/")
    bundle = page.get_by_role("group", name="Both languages as")
    expect(bundle).to_be_hidden()

    page.get_by_label("Both", exact=True).check()
    expect(bundle).to_be_visible()
    bundle.get_by_label("Two PDFs in a ZIP file").check()
    page.get_by_role("button", name="Export PDF").click()

    download_button = page.get_by_role("link", name="Download ZIP")
    expect(download_button).to_be_visible(timeout=60_000)
    with page.expect_download() as download:
        download_button.click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert sorted(name[:15] for name in archive.namelist()) == [
        "roadmap-BOL-en-",
        "roadmap-BOL-es-",
    ]
