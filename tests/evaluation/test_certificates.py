"""Certificates: who qualifies and why not, issuing in batch (no duplicate on
a second run), the PDF and its record, flags after a correction, revoking,
the holder's download and the public verification page."""

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from academy.enums import AttendanceStatus
from academy.models import Attendance
from evaluation.eligibility import standings
from evaluation.enums import BatchStatus, SurveyKind
from evaluation.models import Certificate, CertificateRule, Verification
from evaluation.services import (
    answer_save,
    certificate_revoke,
    certificate_rule_save,
    certificates_issue_request,
    response_submit,
)
from tests import factories
from tests.roadmaps.exports_support import pdf_words

PRESENT, LATE, ABSENT = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.ABSENT,
)


@pytest.fixture
def agenda(convening):
    """Twelve sessions, all held (the convening was in 2025)."""
    return [
        factories.session_at(convening, 24 + n // 4, 9 + 2 * (n % 4)) for n in range(12)
    ]


def _attend(person, sessions, status=PRESENT):
    for session in sessions:
        Attendance.objects.update_or_create(
            session=session, participant=person, defaults={"status": status}
        )


def _participant(delegation, name, language="en"):
    return factories.ParticipantFactory(
        delegation=delegation,
        user__full_name=name,
        user__preferred_language=language,
    )


def test_qualifying_counts_sessions_held_and_says_why_not(
    convening, bolivia, agenda, organizer
):
    certificate_rule_save(
        convening=convening,
        data={"min_attendance_percent": 80},
        required_sessions=[agenda[0]],
    )
    ana, ben, cai = (_participant(bolivia, n) for n in ("Ana", "Ben", "Cai"))
    _attend(ana, agenda[:8])
    _attend(ana, agenda[8:10], LATE)  # late counts as attended: 10 of 12
    _attend(ben, agenda[1:10])  # 9, and not the required first one
    _attend(cai, agenda[:4])  # marked in 4 only: 4 of 12, not 100 %

    rows = {s.participant.user.full_name: s for s in standings(convening=convening)}

    assert rows["Ana"].qualifies
    assert rows["Ben"].reasons == [
        "attended 9 of 12 sessions, needs 10",
        f"missed the required session “{agenda[0].title}”",
    ]
    assert rows["Cai"].reasons == ["attended 4 of 12 sessions, needs 10"]
    assert rows["Cai"].percent == 33


def test_the_post_assessment_can_be_required(convening, bolivia, agenda, post):
    CertificateRule.objects.create(
        convening=convening, min_attendance_percent=0, require_post_assessment=True
    )
    ana = _participant(bolivia, "Ana")
    assert standings(convening=convening)[0].reasons == [
        "has not answered the post-assessment"
    ]
    for question in post.questions.prefetch_related("choices"):
        answer_save(
            survey=post,
            user=ana.user,
            question=question,
            value=question.choices.first().pk,
        )
    response_submit(survey=post, user=ana.user)
    assert standings(convening=convening)[0].qualifies
    assert post.kind == SurveyKind.POST_ASSESSMENT


def test_a_batch_issues_each_qualifying_person_once_in_their_language(
    convening, bolivia, agenda, organizer, django_capture_on_commit_callbacks
):
    certificate_rule_save(
        convening=convening,
        data={"min_attendance_percent": 75, "signatory_name": "Dra. Ada Reyes"},
        required_sessions=[],
    )
    ana = _participant(bolivia, "Ana Alba", "es")
    ben = _participant(bolivia, "Ben Bo", "en")
    cai = _participant(bolivia, "Cai Cruz")
    for person in (ana, ben):
        _attend(person, agenda)
    _attend(cai, agenda[:3])

    with django_capture_on_commit_callbacks(execute=True):
        batch = certificates_issue_request(
            convening=convening, user=organizer, base_url="https://academy.example/"
        )
    batch.refresh_from_db()
    assert (batch.status, batch.total, batch.done) == (BatchStatus.DONE, 2, 2)
    issued = {c.holder_name: c for c in Certificate.objects.all()}
    assert set(issued) == {"Ana Alba", "Ben Bo"}
    spanish = issued["Ana Alba"]
    content = spanish.file.read()
    assert hashlib.sha256(content).hexdigest() == spanish.sha256
    words = pdf_words(content)
    assert "Certificado de participación" in words
    assert "Ana Alba" in words
    assert spanish.code in words
    assert f"https://academy.example/verify/{spanish.code}/" in words
    assert "Dra. Ada Reyes" in words
    assert "Certificate of participation" in words  # the other language too
    with zipfile.ZipFile(io.BytesIO(batch.zip_file.read())) as archive:
        assert len(archive.namelist()) == 2

    # A second run issues nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        again = certificates_issue_request(convening=convening, user=organizer)
    again.refresh_from_db()
    assert (again.total, Certificate.objects.count()) == (0, 2)


def test_a_corrected_attendance_flags_a_certificate_and_revokes_nothing(
    convening, bolivia, agenda, organizer, django_capture_on_commit_callbacks
):
    ana = _participant(bolivia, "Ana")
    _attend(ana, agenda)
    with django_capture_on_commit_callbacks(execute=True):
        certificates_issue_request(convening=convening, user=organizer)
    _attend(ana, agenda[:6], ABSENT)  # the roll call is corrected

    [row] = standings(convening=convening)
    assert row.flagged
    assert Certificate.objects.get().is_valid


def test_revoking_needs_a_reason_and_the_page_then_says_revoked(
    client, convening, bolivia, agenda, organizer, django_capture_on_commit_callbacks
):
    ana = _participant(bolivia, "Ana Alba")
    _attend(ana, agenda)
    with django_capture_on_commit_callbacks(execute=True):
        certificates_issue_request(convening=convening, user=organizer)
    certificate = Certificate.objects.get()
    with pytest.raises(ValidationError):
        certificate_revoke(certificate=certificate, user=organizer, reason="  ")
    certificate_revoke(certificate=certificate, user=organizer, reason="Wrong name")

    page = client.get(certificate.get_absolute_url())
    assert page.status_code == 200
    assert "This certificate was revoked on" in page.content.decode()


def test_the_verification_page_shows_name_convening_dates_status_only(
    client, convening, bolivia, agenda, organizer, django_capture_on_commit_callbacks
):
    ana = _participant(bolivia, "Ana Alba")
    _attend(ana, agenda)
    with django_capture_on_commit_callbacks(execute=True):
        certificates_issue_request(convening=convening, user=organizer)
    certificate = Certificate.objects.get()

    page = client.get(f"/verify/{certificate.code.lower()}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "This certificate is valid." in html
    assert "Ana Alba" in html and convening.name in html
    assert ana.user.email not in html
    assert bolivia.country.name not in html
    assert client.get("/verify/AAAA-BBBB-CCCC-DDDD/").status_code == 404
    assert list(Verification.objects.values_list("certificate", flat=True)) == [
        None,
        certificate.pk,
    ]


@override_settings(VERIFICATIONS_PER_MINUTE=5)
def test_verifications_are_rate_limited_per_address(client, db):
    answers = [
        client.get(f"/verify/GUESS-{n:04d}/", REMOTE_ADDR="203.0.113.9").status_code
        for n in range(8)
    ]
    assert answers == [404] * 5 + [429] * 3
    other = client.get("/verify/GUESS-9999/", REMOTE_ADDR="198.51.100.1")
    assert other.status_code == 404
    assert Verification.objects.filter(limited=True).count() == 3


def test_each_holder_downloads_their_own_certificate_only(
    client,
    convening,
    bolivia,
    agenda,
    organizer,
    bolivia_member,
    django_capture_on_commit_callbacks,
):
    ana = _participant(bolivia, "Ana Alba")
    _attend(ana, agenda)
    with django_capture_on_commit_callbacks(execute=True):
        certificates_issue_request(convening=convening, user=organizer)
    url = reverse(
        "evaluation:certificate_download",
        kwargs={"pk": Certificate.objects.get().pk},
    )
    client.force_login(ana.user)
    home = client.get("/").content.decode()
    assert "Your certificates" in home and url in home
    assert client.get(url)["Content-Type"] == "application/pdf"
    client.force_login(bolivia_member)
    assert client.get(url).status_code == 404
    client.force_login(organizer)
    assert client.get(url).status_code == 200


def test_the_organizers_page_lists_who_qualifies_and_issues(
    client, convening, bolivia, agenda, organizer, django_capture_on_commit_callbacks
):
    ana = _participant(bolivia, "Ana Alba")
    _participant(bolivia, "Ben Bo")
    _attend(ana, agenda)
    client.force_login(organizer)
    url = reverse("evaluation:certificates_page", kwargs={"pk": convening.pk})
    html = client.get(url).content.decode()
    assert "attended 0 of 12 sessions, needs 10" in html
    assert "1 certificate is still to issue." in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("evaluation:certificates_issue", kwargs={"pk": convening.pk})
        )
    html = client.get(url).content.decode()
    assert "1 of 1 certificates rendered" in html
    assert Certificate.objects.get().code in html


def test_a_rule_with_a_bad_percentage_says_so(client, convening, organizer):
    client.force_login(organizer)
    page = client.post(
        reverse("evaluation:certificate_rule", kwargs={"pk": convening.pk}),
        {"min_attendance_percent": "150"},
    )
    assert page.status_code == 400
    assert CertificateRule.objects.count() == 0


def test_codes_are_unguessable_and_readable():
    from evaluation.certificate_issuing import CODE_ALPHABET, code_new

    codes = {code_new() for _ in range(200)}
    assert len(codes) == 200
    assert all(
        len(c) == 19 and set(c.replace("-", "")) <= set(CODE_ALPHABET) for c in codes
    )
