"""Evaluation in real browsers: an organizer builds a pre-assessment with a
knowledge question, copies it into the post-assessment; two participants
answer both on phones (each answer saved as they go, finished later); the
organizer sees the knowledge gained, and who has not answered a named survey."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from academy.models import Attendance
from evaluation.enums import SurveyKind
from evaluation.models import Certificate, Response
from tests import factories
from tests.e2e.conftest import sign_in
from tests.e2e.test_accessibility import BLOCKING_IMPACTS, axe_violations, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "bypass_csp": True}


def assert_accessible(page):
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, describe(blocking)


def _build_pre(page, convening):
    today = timezone.localtime(timezone.now(), convening.zone).date()
    page.goto(f"/convenings/{convening.pk}/surveys/")
    page.get_by_role("link", name="New survey").click()
    page.locator("#id_kind").select_option(label="Pre-assessment")
    page.get_by_label("Title in English").fill("Before the Academy")
    page.get_by_label("Title in Spanish").fill("Antes de la Academia")
    page.get_by_label("Opens on").fill(str(today - datetime.timedelta(days=1)))
    page.get_by_label("Closes on").fill(str(today + datetime.timedelta(days=7)))
    page.get_by_label("Anonymous").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Survey created. Now add its questions.")).to_be_visible()

    page.get_by_role("link", name="Add a question").click()
    page.wait_for_url("**/questions/new/")
    assert_accessible(page)
    page.locator("#id_kind").select_option(label="One choice")
    page.get_by_label("Question in English").fill("What does a NAP budget need?")
    page.get_by_label("Academy module").select_option(label="Gender budgeting")
    rows = page.locator(".choice-row")
    rows.nth(0).get_by_label("Option in English").fill("Costed actions")
    rows.nth(0).get_by_label("Correct answer").check()
    rows.nth(1).get_by_label("Option in English").fill("Nothing yet")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("knowledge question")).to_be_visible()


def _answer(page, survey_title, option, *, finish_later=False):
    page.goto("/")
    page.get_by_role("link", name=survey_title, exact=True).click()
    page.wait_for_url("**/answer/")
    assert_accessible(page)
    page.get_by_label(option).check()
    expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible()
    if finish_later:
        page.reload()  # the answer was kept
        expect(page.get_by_label(option)).to_be_checked()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_text("You submitted your answers on")).to_be_visible()


def test_build_answer_and_read_the_gain(
    new_page, convening, bolivia, ecuador, organizer, in_process_tasks
):
    ana = factories.ParticipantFactory(
        delegation=bolivia, user__email="ana@test.org", user__full_name="Ana Alba"
    ).user
    eva = factories.ParticipantFactory(
        delegation=ecuador, user__email="eva@test.org", user__full_name="Eva Egas"
    ).user
    named = factories.surveys.survey(
        convening, SurveyKind.SESSION_FEEDBACK, title_en="Day one feedback"
    )
    factories.surveys.question(named, text="Was day one useful?")

    staff = new_page(bypass_csp=True)
    sign_in(staff, organizer.email)
    _build_pre(staff, convening)
    staff.goto(f"/convenings/{convening.pk}/surveys/copy/")
    staff.get_by_label("Survey to copy").select_option(
        label=f"{convening.name} — Before the Academy"
    )
    staff.get_by_role("button", name="Copy").click()
    expect(staff.get_by_text("Survey copied with its questions")).to_be_visible()
    staff.locator("#id_kind").select_option(label="Post-assessment")
    staff.get_by_label("Title in English").fill("After the Academy")
    staff.get_by_role("button", name="Save").click()
    staff.get_by_role("link", name="Preview").click()
    expect(staff.get_by_text("Nothing you choose here is saved.")).to_be_visible()

    for user, before in ((ana, "Nothing yet"), (eva, "Costed actions")):
        phone = new_page(**PHONE)
        sign_in(phone, user.email)
        _answer(phone, "Before the Academy", before, finish_later=user == ana)
        _answer(phone, "After the Academy", "Costed actions")
    # Anonymous: nothing ties the four responses to Ana or Eva.
    assert set(Response.objects.values_list("participant_id", flat=True)) == {None}

    staff.goto(f"/convenings/{convening.pk}/evaluation/")
    assert_accessible(staff)
    gain = staff.get_by_role("table").filter(has_text="Per module")
    expect(gain.get_by_role("row", name="Gender budgeting")).to_contain_text("50.0 %")
    expect(gain.get_by_role("row", name="Gender budgeting")).to_contain_text(
        "+50.0 points"
    )
    staff.goto(f"/surveys/{named.pk}/results/")
    assert_accessible(staff)
    missing = staff.get_by_role("region", name="Not answered yet")
    expect(missing).to_contain_text("Ana Alba")
    expect(missing).to_contain_text("Eva Egas")


def test_issue_certificates_and_verify_one(
    new_page, convening, bolivia, organizer, in_process_tasks, exports_dir
):
    sessions = [factories.session_at(convening, 24, 9 + 2 * n) for n in range(4)]
    ana = factories.ParticipantFactory(
        delegation=bolivia,
        user__full_name="Ana Alba",
        user__preferred_language="es",
    )
    ben = factories.ParticipantFactory(delegation=bolivia, user__full_name="Ben Bo")
    for session in sessions:
        Attendance.objects.create(session=session, participant=ana, status="present")
    Attendance.objects.create(session=sessions[0], participant=ben, status="present")

    staff = new_page(bypass_csp=True)
    sign_in(staff, organizer.email)
    staff.goto(f"/convenings/{convening.pk}/certificates/")
    expect(staff.get_by_role("row", name="Ben Bo")).to_contain_text(
        "attended 1 of 4 sessions, needs 4"
    )
    staff.get_by_label("Signed by").fill("Dra. Ada Reyes")
    staff.get_by_label("Minimum attendance (%)").fill("100")
    staff.get_by_role("button", name="Save the rule").click()
    expect(staff.get_by_text("Rule saved")).to_be_visible()
    staff.get_by_role("button", name="Issue certificates").click()
    expect(staff.get_by_role("status").filter(has_text="1 of 1")).to_be_visible()
    assert_accessible(staff)
    certificate = Certificate.objects.get()
    assert certificate.holder_name == "Ana Alba"

    visitor = new_page(**PHONE)
    visitor.goto(f"/verify/{certificate.code}/")
    expect(visitor.get_by_text("This certificate is valid.")).to_be_visible()
    expect(visitor.get_by_text("Ana Alba")).to_be_visible()
    assert_accessible(visitor)
    assert visitor.goto("/verify/NOPE-NOPE-NOPE-NOPE/").status == 404
