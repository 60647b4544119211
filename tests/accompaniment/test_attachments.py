"""Files of an engagement and the roadmap items it concerns: checked by what
they are, downloaded only by who may read the engagement."""

import datetime
import io
import zipfile

import pytest

from accompaniment.models import Attachment
from accompaniment.services import engagement_save
from roadmaps.demo import demo_roadmap_fill
from roadmaps.selectors import roadmap_item_index

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def call(bolivia, assigned):
    return engagement_save(
        delegation=bolivia,
        user=assigned,
        kind="call",
        starts_on=datetime.date(2025, 8, 1),
        visibility="delegation",
    )


def attach(client, engagement, content, name):
    handle = io.BytesIO(content)
    handle.name = name
    return client.post(f"/engagements/{engagement.pk}/attachments/", {"file": handle})


def test_staff_attach_minutes_and_members_download_them(
    client, call, assigned, bolivia_member
):
    client.force_login(assigned)
    attach(client, call, PDF, "Acta reunión 1.pdf")
    attach(client, call, docx(), "borrador-decreto.docx")

    names = list(Attachment.objects.values_list("name", "content_type"))
    assert names[0] == ("Acta_reunión_1.pdf", "application/pdf")
    assert names[1][1].endswith("wordprocessingml.document")
    client.force_login(bolivia_member)
    page = client.get(f"/delegations/{call.delegation_id}/follow-up/").content.decode()
    assert "Acta_reunión_1.pdf" in page
    download = client.get(Attachment.objects.first().get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "attachment;" in download["Content-Disposition"]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"MZ\x90\x00", "tool.exe", "Upload a PDF, an office document"),
        (b"<html><script>alert(1)</script>", "minutes.pdf", "not a .pdf file"),
        (PDF, "minutes.docx", "not a .docx file"),
        (b"", "empty.pdf", "The submitted file is empty."),
    ],
)
def test_a_file_of_the_wrong_kind_is_refused_with_the_reason(
    client, call, assigned, content, name, message
):
    client.force_login(assigned)

    response = attach(client, call, content, name)

    assert response.status_code == 302
    assert message in client.get(response["Location"]).content.decode()
    assert not Attachment.objects.exists()


def test_a_file_too_large_is_refused(client, call, assigned, settings):
    settings.ATTACHMENT_MAX_MB = 1
    client.force_login(assigned)

    response = attach(client, call, PDF + b" " * (1024 * 1024), "big.pdf")

    assert "larger than 1 MB" in client.get(response["Location"]).content.decode()
    assert not Attachment.objects.exists()


def test_an_internal_engagements_files_stay_with_the_staff(
    client, bolivia, assigned, bolivia_member, ecuador_member
):
    internal = engagement_save(
        delegation=bolivia,
        user=assigned,
        kind="technical_note",
        starts_on=datetime.date(2025, 8, 1),
        visibility="staff",
    )
    client.force_login(assigned)
    attach(client, internal, PDF, "note.pdf")
    url = Attachment.objects.get().get_absolute_url()

    for outsider in (bolivia_member, ecuador_member):
        client.force_login(outsider)
        assert client.get(url).status_code == 404


def test_an_engagement_points_at_items_of_its_own_roadmap_only(
    client, bolivia, ecuador, assigned
):
    demo_roadmap_fill(roadmap=bolivia.roadmap)
    demo_roadmap_fill(roadmap=ecuador.roadmap)
    ours = next(
        k for k in roadmap_item_index(roadmap=bolivia.roadmap) if "outcome" in k
    )
    theirs = next(
        k for k in roadmap_item_index(roadmap=ecuador.roadmap) if "outcome" in k
    )
    client.force_login(assigned)
    form = {
        "kind": "call",
        "status": "held",
        "starts_on": "2025-08-01",
        "modality": "virtual",
        "visibility": "delegation",
    }

    refused = client.post(
        f"/delegations/{bolivia.pk}/follow-up/engagements/new/",
        {**form, "roadmap_items": [theirs]},
    )
    saved = client.post(
        f"/delegations/{bolivia.pk}/follow-up/engagements/new/",
        {**form, "roadmap_items": [ours]},
    )

    assert refused.status_code == 400
    assert saved.status_code == 302
    page = client.get(f"/delegations/{bolivia.pk}/follow-up/").content.decode()
    item = roadmap_item_index(roadmap=bolivia.roadmap)[ours]
    assert f'#{item.anchor}">1.1</a>' in page
