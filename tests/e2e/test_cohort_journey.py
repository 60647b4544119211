"""The whole cohort in real browsers: an organizer invites a participant, who accepts,
drafts the roadmap and submits it; a facilitator comments, asks for changes, then
exports the roadmap as PDF and downloads it.

The PDF renders in-process here; tests/roadmaps/test_exports_worker.py renders it
through a real Celery worker."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from roadmaps.models import Comment, Roadmap
from tests import factories
from tests.e2e.conftest import sign_in
from tests.roadmaps.exports_support import pdf_words

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_invite_accept_draft_submit_comment_request_changes_export(
    new_page,
    mailoutbox,
    convening,
    bolivia,
    organizer,
    facilitator,
    in_process_tasks,
    exports_dir,
):
    newcomer = factories.ParticipantFactory(
        delegation=bolivia,
        user__email="nina@test.org",
        user__full_name="Nina Newcomer",
        user__password="",
    )
    roadmap = bolivia.roadmap

    # The organizer invites her from the invitations page.
    organizer_page = new_page()
    sign_in(organizer_page, organizer.email)
    organizer_page.goto(f"/convenings/{convening.pk}/invitations/")
    organizer_page.get_by_role("button", name="Invite Nina Newcomer").click()
    expect(organizer_page.locator(f"#member-{newcomer.pk}")).to_contain_text("Invited")
    assert [message.to for message in mailoutbox] == [["nina@test.org"]]
    link = re.search(
        r"https?://[^/\s]+(/invitations/accept/[^/\s]+/)", mailoutbox[0].body
    )

    # She accepts, chooses a password and is signed in.
    page = new_page()
    page.goto(link.group(1))
    page.locator("#id_new_password1").fill("peace-and-security-2025")
    page.locator("#id_new_password2").fill("peace-and-security-2025")
    page.get_by_role("button", name="Set my password and sign in").click()
    page.get_by_role("link", name="Open our roadmap").click()
    page.wait_for_load_state("load")  # htmx listens from here on

    # She drafts the theory of change (saved as she types) and submits it.
    page.get_by_label("If …", exact=True).fill("If ministries fund the plan")
    expect(page.locator("#save-status-theory-of-change")).to_contain_text("Saved at")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".roadmap-status")).to_have_text("In review")

    # The facilitator comments on the context and asks for changes.
    review = new_page()
    sign_in(review, facilitator.email)
    review.goto(f"/roadmaps/{roadmap.pk}/")
    comments = review.locator("#comments-context")
    comments.locator("summary").click()
    comments.get_by_label("New comment on this section").fill("Add a baseline year.")
    comments.get_by_role("button", name="Comment").click()
    expect(review.locator("#comments-context")).to_contain_text("Add a baseline year.")
    review.get_by_role("button", name="Request changes").click()
    expect(review.locator(".roadmap-status")).to_have_text("Changes requested")

    roadmap = Roadmap.objects.get(pk=roadmap.pk)
    assert roadmap.status == "changes_requested"
    assert roadmap.toc_if == "If ministries fund the plan"
    assert list(Comment.objects.values_list("body", "author__email")) == [
        ("Add a baseline year.", "facilitator@test.org")
    ]
    # The submission reached the facilitator; the comment and the request for
    # changes, the delegation's member: each e-mail links to the roadmap.
    assert [m.to for m in mailoutbox[1:]] == [
        ["facilitator@test.org"],
        ["nina@test.org"],
        ["nina@test.org"],
    ]
    assert all(f"/roadmaps/{roadmap.pk}/" in m.body for m in mailoutbox[1:])

    # The facilitator exports the roadmap in Spanish and downloads the PDF.
    review.get_by_label("Language of the report").select_option("es")
    review.get_by_role("button", name="Export PDF").click()
    download_button = review.get_by_role("link", name="Download PDF")
    expect(download_button).to_be_visible(timeout=30_000)
    with review.expect_download() as download:
        download_button.click()
    assert re.fullmatch(
        r"roadmap-BOL-es-\d{4}-\d{2}-\d{2}\.pdf", download.value.suggested_filename
    )
    text = pdf_words(Path(download.value.path()).read_bytes())
    assert "Bolivia" in text
    assert "If ministries fund the plan" in text
