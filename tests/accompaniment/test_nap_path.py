"""The NAP path page: every stage from preparation to renewal, kept up to date
by the delegation, the staff who accompany it and the organizers, before and
after the roadmap is final; its evidence files; its reminders."""

import datetime
import io

import pytest
from django.core import mail
from django.utils import timezone

from accompaniment.models import Attachment
from accompaniment.reminders import reminders_send
from accompaniment.services import MILESTONE_TRACKED_FIELDS, milestone_track
from roadmaps.enums import MilestoneKind
from roadmaps.models import Milestone

TODAY = timezone.localdate()
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def url(delegation, kind=""):
    base = f"/delegations/{delegation.pk}/nap-path/"
    return f"{base}{kind}/" if kind else base


def stage(roadmap, kind):
    return Milestone.objects.get(roadmap=roadmap, kind=kind, deleted_at=None)


def track(roadmap, kind, user=None, **fields):
    values = dict.fromkeys(MILESTONE_TRACKED_FIELDS)
    values.update(legal_instrument="", evidence_url="", notes="", status="planned")
    values.update(fields)
    return milestone_track(
        user=user, roadmap=roadmap, kind=kind, fields=values, base_version=None
    )


def form(**fields):
    data = {"status": "planned", "version": ""}
    data.update(fields)
    return data


@pytest.fixture
def final(bolivia):
    roadmap = bolivia.roadmap
    roadmap.status = "final"
    roadmap.save()
    return roadmap


def test_the_page_lists_every_stage_in_order_with_what_is_known(
    client, bolivia, bolivia_member
):
    track(
        bolivia.roadmap,
        "adoption",
        status="achieved",
        planned_date=datetime.date(2026, 3, 1),
        revised_date=datetime.date(2026, 5, 1),
        achieved_date=datetime.date(2026, 5, 12),
        legal_instrument="Decreto Supremo N.º 4321",
        evidence_url="https://gaceta.example.bo/4321",
    )
    client.force_login(bolivia_member)

    page = client.get(url(bolivia)).content.decode()

    positions = [page.index(f'id="stage-{kind}"') for kind in MilestoneKind.values]
    assert positions == sorted(positions) and len(positions) == 11
    adoption = page[
        page.index('id="stage-adoption"') : page.index('id="stage-costing"')
    ]
    for shown in ("Achieved", "March 1, 2026", "May 1, 2026", "May 12, 2026"):
        assert shown in adoption
    assert "Decreto Supremo N.º 4321" in adoption
    assert 'href="https://gaceta.example.bo/4321"' in adoption
    assert '<span id="nap-status">Adopted</span>' in page


def test_a_member_records_adoption_after_the_roadmap_is_final_and_the_status_follows(
    client, bolivia, bolivia_member, final, organizer, convening
):
    client.force_login(bolivia_member)

    response = client.post(
        url(bolivia, "adoption"),
        form(
            status="achieved",
            achieved_date="2026-02-10",
            legal_instrument="Decreto Supremo N.º 4321",
        ),
    )

    assert response.status_code == 302
    adoption = stage(final, "adoption")
    assert (adoption.status, adoption.legal_instrument) == (
        "achieved",
        "Decreto Supremo N.º 4321",
    )
    assert adoption.history.latest().history_user == bolivia_member
    # One status everywhere: the delegation page, the board, the roadmap.
    client.force_login(organizer)
    assert "Adopted" in client.get(bolivia.get_absolute_url()).content.decode()
    board = client.get(f"/convenings/{convening.pk}/follow-up/").content.decode()
    assert "Adopted" in board[board.index("Bolivia") :]


def test_htmx_swaps_the_stage_card_in_place(client, bolivia, bolivia_member):
    client.force_login(bolivia_member)
    headers = {"HX-Request": "true"}

    opened = client.get(url(bolivia, "consultation"), headers=headers)
    saved = client.post(
        url(bolivia, "consultation"),
        form(status="in_progress", planned_date="2027-01-15"),
        headers=headers,
    )

    assert opened.headers["HX-Retarget"] == "#stage-consultation"
    assert 'name="legal_instrument"' in opened.content.decode()
    assert saved.status_code == 200
    body = saved.content.decode()
    assert body.startswith('\n<article id="stage-consultation"') or (
        '<article id="stage-consultation"' in body
    )
    assert "Consultation is saved." in body and "In progress" in body
    assert "<html" not in body


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"status": "achieved", "achieved_date": "2099-01-01"},
            "achieved_date",
            "cannot be in the future",
        ),
        (
            {"status": "planned", "achieved_date": "2026-01-01"},
            "achieved_date",
            "Only an achieved stage has a date achieved",
        ),
        ({"evidence_url": "javascript:alert(1)"}, "evidence_url", "valid URL"),
        ({"status": "finished"}, "status", "Select a valid choice"),
    ],
)
def test_bad_input_is_told_on_its_field_and_nothing_is_saved(
    client, bolivia, bolivia_member, fields, field, message
):
    client.force_login(bolivia_member)

    response = client.post(url(bolivia, "validation"), form(**fields))

    assert response.status_code == 400
    assert message in str(response.context["form"].errors[field])
    assert 'name="legal_instrument"' in response.content.decode()  # still there
    assert not Milestone.objects.filter(roadmap=bolivia.roadmap, kind="validation")


def test_with_htmx_the_errors_come_back_in_the_card_it_swaps(
    client, bolivia, bolivia_member
):
    client.force_login(bolivia_member)

    response = client.post(
        url(bolivia, "validation"),
        form(status="achieved", achieved_date="2099-01-01"),
        headers={"HX-Request": "true"},
    )

    # htmx drops a 4xx answer: the refusal must be a card it swaps in.
    assert response.status_code == 200
    assert response.headers["HX-Retarget"] == "#stage-validation"
    assert "cannot be in the future" in response.content.decode()
    assert not Milestone.objects.filter(roadmap=bolivia.roadmap, kind="validation")


def test_an_unknown_stage_is_not_found(client, bolivia, bolivia_member):
    client.force_login(bolivia_member)

    assert client.get(url(bolivia, "coronation")).status_code == 404


def test_two_people_changing_the_same_field_are_told_not_overwritten(
    client, bolivia, bolivia_member, organizer
):
    validation = track(bolivia.roadmap, "validation", planned_date=TODAY)
    opened_at = validation.version
    track(
        bolivia.roadmap,
        "validation",
        user=organizer,
        status="delayed",
        planned_date=TODAY,
    )
    client.force_login(bolivia_member)

    response = client.post(
        url(bolivia, "validation"),
        form(status="at_risk", planned_date=TODAY.isoformat(), version=opened_at),
    )

    assert response.status_code == 400
    said = str(response.context["form"].non_field_errors())
    assert "Olga Organizer saved this stage" in said and "Delayed" in said
    assert stage(bolivia.roadmap, "validation").status == "delayed"
    # The member's choice is kept; saving again replaces it knowingly.
    assert 'value="at_risk" selected' in response.content.decode()
    again = client.post(
        url(bolivia, "validation"),
        form(
            status="at_risk",
            planned_date=TODAY.isoformat(),
            version=response.context["form"].data["version"],
        ),
    )
    assert again.status_code == 302
    assert stage(bolivia.roadmap, "validation").status == "at_risk"


def test_different_fields_changed_at_once_are_both_kept(
    client, bolivia, bolivia_member, organizer
):
    launch = track(bolivia.roadmap, "launch")
    opened_at = launch.version
    track(
        bolivia.roadmap,
        "launch",
        user=organizer,
        legal_instrument="Resolución 12",
    )
    client.force_login(bolivia_member)

    client.post(
        url(bolivia, "launch"),
        form(status="in_progress", legal_instrument="", version=opened_at),
    )

    launch = stage(bolivia.roadmap, "launch")
    assert (launch.status, launch.legal_instrument) == ("in_progress", "Resolución 12")


def attach(client, delegation, kind, content, name):
    handle = io.BytesIO(content)
    handle.name = name
    return client.post(f"{url(delegation, kind)}evidence/", {"file": handle})


def test_evidence_files_are_checked_and_read_only_by_the_delegation_and_staff(
    client, bolivia, bolivia_member, ecuador_member, settings
):
    settings.ATTACHMENT_MAX_MB = 1
    track(bolivia.roadmap, "adoption", status="in_progress")
    client.force_login(bolivia_member)

    kept = attach(client, bolivia, "adoption", PDF, "decreto.pdf")
    refused = attach(client, bolivia, "adoption", b"MZ\x90\x00", "decreto.pdf")
    too_big = attach(client, bolivia, "adoption", PDF + b"0" * (1024 * 1024), "b.pdf")

    assert kept.status_code == refused.status_code == too_big.status_code == 302
    files = list(Attachment.objects.all())
    assert [f.name for f in files] == ["decreto.pdf"]
    assert files[0].milestone == stage(bolivia.roadmap, "adoption")
    page = client.get(url(bolivia)).content.decode()
    assert "decreto.pdf" in page
    download = client.get(f"/attachments/{files[0].pk}/")
    assert b"".join(download.streaming_content) == PDF
    client.force_login(ecuador_member)
    assert client.get(f"/attachments/{files[0].pk}/").status_code == 404
    assert client.post(f"/attachments/{files[0].pk}/remove/").status_code == 404
    assert attach(client, bolivia, "adoption", PDF, "x.pdf").status_code == 404
    # The delegation removes its own evidence.
    client.force_login(bolivia_member)
    assert client.post(f"/attachments/{files[0].pk}/remove/").status_code == 302
    assert not Attachment.objects.exists()


def test_evidence_waits_for_the_stage_to_be_on_the_path(
    client, bolivia, bolivia_member
):
    client.force_login(bolivia_member)

    response = attach(client, bolivia, "launch", PDF, "launch.pdf")

    assert response.status_code == 302
    assert not Attachment.objects.exists()
    page = client.get(response.url).content.decode()
    assert "Save the stage first" in page


def test_a_facilitator_not_accompanying_reads_but_does_not_write(
    client, bolivia, facilitator
):
    client.force_login(facilitator)

    page = client.get(url(bolivia)).content.decode()
    post = client.post(url(bolivia, "launch"), form(status="in_progress"))

    assert "Preparation" in page and "Update" not in page and "Plan " not in page
    assert post.status_code == 404
    bolivia.facilitators.add(facilitator)
    post = client.post(url(bolivia, "launch"), form(status="in_progress"))
    assert post.status_code == 302


def test_the_page_in_spanish(client, bolivia, bolivia_member):
    track(bolivia.roadmap, "costing", status="at_risk")
    bolivia_member.preferred_language = "es"
    bolivia_member.save()
    client.force_login(bolivia_member)

    page = client.get(url(bolivia), HTTP_ACCEPT_LANGUAGE="es").content.decode()

    for spanish in ("Ruta del PAN", "Costeo y presupuestación", "En riesgo"):
        assert spanish in page


def test_the_path_page_costs_the_same_queries_with_more_evidence(
    client, bolivia, bolivia_member, django_assert_max_num_queries
):
    client.force_login(bolivia_member)
    track(bolivia.roadmap, "preparation", status="achieved")
    with django_assert_max_num_queries(100) as few:
        client.get(url(bolivia))
    for kind in MilestoneKind.values:
        milestone = track(bolivia.roadmap, kind, status="in_progress")
        for number in range(3):
            Attachment.objects.create(
                milestone=milestone,
                file=f"x/{kind}{number}.pdf",
                name=f"{kind}{number}.pdf",
                content_type="application/pdf",
                size_bytes=10,
            )

    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url(bolivia)).content.decode()

    assert page.count(".pdf</a>") == 33


def test_a_stage_due_soon_or_late_is_reminded_once_in_each_language(
    convening, bolivia, facilitator, bolivia_member, settings
):
    settings.REMINDER_DUE_SOON_DAYS = 14
    settings.FOLLOWUP_QUIET_DAYS = 10_000
    bolivia.focal_point = bolivia_member
    bolivia.save()
    bolivia.facilitators.add(facilitator)
    bolivia_member.preferred_language = "es"
    bolivia_member.save()
    today = datetime.date(2026, 3, 10)
    track(bolivia.roadmap, "validation", planned_date=today + datetime.timedelta(7))
    track(
        bolivia.roadmap,
        "consultation",
        status="in_progress",
        planned_date=today - datetime.timedelta(30),
        revised_date=today - datetime.timedelta(2),
    )
    track(bolivia.roadmap, "drafting", planned_date=today - datetime.timedelta(40))
    track(
        bolivia.roadmap,
        "preparation",
        status="achieved",
        planned_date=today - datetime.timedelta(90),
        achieved_date=today - datetime.timedelta(91),
    )

    first = reminders_send(today=today, base_url="https://academy.example.org")
    second = reminders_send(today=today, base_url="https://academy.example.org")

    # Validation soon, consultation and drafting late; to two people each.
    assert (first, second) == (6, 0)
    spanish = [m for m in mail.outbox if m.to == [bolivia_member.email]]
    english = [m for m in mail.outbox if m.to == [facilitator.email]]
    assert len(spanish) == len(english) == 3
    subjects = " ".join(m.subject for m in spanish)
    assert "Etapa del PAN atrasada: Consulta — Bolivia" in subjects
    assert "NAP stage expected soon: Validation — Bolivia" in " ".join(
        m.subject for m in english
    )
    assert all(f"/delegations/{bolivia.pk}/nap-path/" in m.body for m in mail.outbox)


def test_the_organizer_sets_where_a_new_delegation_starts(client, organizer, convening):
    client.force_login(organizer)

    client.post(
        f"/convenings/{convening.pk}/delegations/new/",
        {"country": "CR", "nap_status": "renewing"},
    )

    delegation = convening.delegations.get(country="CR")
    page = client.get(url(delegation)).content.decode()
    assert '<span id="nap-status">Renewing</span>' in page
    renewal = page[page.index('id="stage-renewal"') :]
    assert "In progress" in renewal


def test_the_roadmap_editor_points_to_the_path(client, bolivia, bolivia_member):
    client.force_login(bolivia_member)

    editor = client.get(bolivia.roadmap.get_absolute_url()).content.decode()

    assert url(bolivia) in editor
    assert "No NAP yet" in editor
