"""Indicator tracking in real browsers: a member reports on a period with its
categories and evidence (on a phone); the facilitator who accompanies the
delegation returns it; the member corrects it; an organizer approves it; the
indicator table and the cohort board show the result."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accompaniment.models import IndicatorUpdate
from roadmaps.models import Pillar
from roadmaps.services import roadmap_initialize
from tests.e2e.conftest import sign_in
from tests.e2e.test_accessibility import BLOCKING_IMPACTS, axe_violations, describe
from tests.factories import roadmaps as roadmap_factories
from tests.roadmaps.exports_support import pdf_words

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "bypass_csp": True}


def assert_accessible(page):
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, describe(blocking)


PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def test_report_return_correct_approve(
    new_page,
    convening,
    bolivia,
    bolivia_member,
    facilitator,
    organizer,
    tmp_path,
    in_process_tasks,
    exports_dir,
):
    today = timezone.localdate()
    bolivia.facilitators.add(facilitator)
    roadmap = bolivia.roadmap
    roadmap.plan_start_year, roadmap.plan_end_year = today.year, today.year + 2
    roadmap.save()
    roadmap_initialize(roadmap=roadmap)
    outcome = roadmap_factories.outcome(
        roadmap, Pillar.objects.filter(roadmap=roadmap).first()
    )
    roadmap_factories.indicator(
        roadmap,
        outcome,
        statement="Women mediators trained",
        frequency="yearly",
        cumulative=True,
        dimensions=["sex"],
        baseline_value=Decimal("0"),
        baseline_year=today.year - 1,
        target_value=Decimal("60"),
        target_year=today.year,
    )
    evidence = tmp_path / "lista-de-asistencia.pdf"
    evidence.write_bytes(PDF)

    member = new_page(**PHONE)
    sign_in(member, bolivia_member.email)
    member.goto(f"/delegations/{bolivia.pk}/indicators/")
    member.get_by_role("link", name="Report on").first.click()
    member.wait_for_url("**/updates/new/")
    assert_accessible(member)
    member.get_by_label("Value", exact=True).fill("25")
    member.get_by_label("Women", exact=True).fill("20")
    member.get_by_label("Men", exact=True).fill("4")
    member.get_by_label("Narrative").fill("Two courses held.")
    member.get_by_role("button", name="Save as draft").click()
    expect(
        member.get_by_text("The categories do not add up to the value: Sex.")
    ).to_be_visible()
    member.locator("#evidence input[type=file]").set_input_files(str(evidence))
    member.get_by_role("button", name="Attach").click()
    expect(member.get_by_role("link", name="lista-de-asistencia.pdf")).to_be_visible()
    member.get_by_role("link", name="Edit or submit").click()
    member.get_by_role("button", name="Submit for review").click()
    expect(member.get_by_text("The update is submitted for review.")).to_be_visible()

    staff = new_page(bypass_csp=True)
    sign_in(staff, facilitator.email)
    staff.goto(f"/delegations/{bolivia.pk}/indicators/")
    staff.get_by_role("link", name=f"as of {today:%m/%d/%Y}").click()
    staff.wait_for_url("**/updates/*/")
    assert_accessible(staff)
    staff.get_by_label("Return for correction").check()
    staff.get_by_label("Comment for the delegation").fill("Women and men make 24.")
    staff.get_by_role("button", name="Record the decision").click()
    expect(
        staff.get_by_text("The update is returned to the delegation.")
    ).to_be_visible()

    member.goto(f"/updates/{IndicatorUpdate.objects.get().pk}/")
    expect(member.get_by_text("Women and men make 24.")).to_be_visible()
    member.get_by_role("link", name="Correct it").click()
    member.get_by_label("Value", exact=True).fill("24")
    member.get_by_role("button", name="Submit for review").click()
    expect(member.get_by_text("The update is submitted for review.")).to_be_visible()

    chief = new_page()
    sign_in(chief, organizer.email)
    chief.goto(IndicatorUpdate.objects.get().get_absolute_url())
    chief.get_by_label("Approve").check()
    chief.get_by_role("button", name="Record the decision").click()
    expect(chief.get_by_text("The update is approved.")).to_be_visible()

    period = IndicatorUpdate.objects.get().period
    row = chief.locator(f"#period-{period.pk}")
    expect(row.get_by_text("24", exact=True)).to_be_visible()
    expect(row.get_by_text("40 %")).to_be_visible()  # 24 of the way to 60
    row.get_by_text("By category").click()
    expect(row.get_by_text("Sex · Women: 20")).to_be_visible()
    chief.goto(f"/convenings/{convening.pk}/follow-up/")
    line = chief.get_by_role("row").filter(has_text="Bolivia")
    expect(line.get_by_text("1 update approved")).to_be_visible()
    assert datetime.date.today() >= period.starts_on

    # The progress report, rendered by the worker, holds the approved figure.
    chief.goto(f"/delegations/{bolivia.pk}/indicators/")
    report = chief.get_by_role("region", name="Progress report (PDF)")
    report.get_by_label("English").check()
    report.get_by_role("button", name="Export PDF").click()
    download_button = chief.get_by_role("link", name="Download PDF")
    expect(download_button).to_be_visible(timeout=60_000)
    with chief.expect_download() as download:
        download_button.click()
    text = pdf_words(Path(download.value.path()).read_bytes())
    assert "Progress report — Bolivia" in text
    assert "Women mediators trained" in text and "Women: 20" in text
