"""The worker's part of issuing certificates: each qualifying person's
record and PDF, one at a time, with the batch's progress, then the ZIP
(queued by ``evaluation.services.certificates_issue_request``, run by
``evaluation.tasks.certificates_issue``)."""

import hashlib
import io
import logging
import secrets
import time
import zipfile

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from evaluation.certificate_pdf import certificate_pdf
from evaluation.eligibility import rule_of, standings, to_issue
from evaluation.enums import BatchStatus
from evaluation.models import Certificate, CertificateBatch

logger = logging.getLogger(__name__)

# No 0/O, 1/I/L: a code read aloud or typed from paper is typed right.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def code_new() -> str:
    """16 random characters (about 79 bits) in four groups: XXXX-XXXX-XXXX-XXXX."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def _issue_one(standing, *, rule, user, base_url) -> Certificate | None:
    """One person's certificate, its record and its PDF together (a failed
    rendering leaves no record without a file). None when someone else
    issued theirs meanwhile (the unique constraint says so)."""
    participant = standing.participant
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                convening=participant.convening,
                participant=participant,
                holder_name=participant.user.full_name,
                code=code_new(),
                language=participant.user.preferred_language or "es",
                issued_at=timezone.now(),
                issued_by=user,
            )
            rendered = certificate_pdf(
                certificate=certificate,
                rule=rule,
                attended=standing.attended,
                held=standing.held,
                base_url=base_url,
            )
            slug = slugify(certificate.holder_name)[:60]
            certificate.file.save(
                f"certificate-{slug}-{certificate.code}.pdf",
                ContentFile(rendered.content),
                save=False,
            )
            certificate.sha256 = hashlib.sha256(rendered.content).hexdigest()
            certificate.save(update_fields=["file", "sha256"])
    except IntegrityError:
        return None
    return certificate


def certificates_issue(*, batch_id: int, base_url: str = "") -> CertificateBatch | None:
    """The worker's part of a batch: issue and render, one person at a time,
    the certificates of those who qualify and hold none (a second run issues
    nothing twice), counting progress on the batch; then the ZIP of every
    valid certificate of the convening. A failure marks the batch failed and
    keeps what was issued."""
    batch = (
        CertificateBatch.objects.filter(pk=batch_id).select_related("convening").first()
    )
    if batch is None or batch.status not in (BatchStatus.QUEUED, BatchStatus.RUNNING):
        return batch
    started = time.perf_counter()
    convening = batch.convening
    rule = rule_of(convening)
    todo = to_issue(standings(convening=convening, rule=rule))
    CertificateBatch.objects.filter(pk=batch.pk).update(
        status=BatchStatus.RUNNING, total=len(todo), done=0
    )
    try:
        for standing in todo:
            _issue_one(standing, rule=rule, user=batch.requested_by, base_url=base_url)
            CertificateBatch.objects.filter(pk=batch.pk).update(done=F("done") + 1)
        batch.refresh_from_db()
        batch.zip_file.save(
            f"certificates-{convening.pk}-{timezone.localdate():%Y-%m-%d}.zip",
            ContentFile(_zip_of(convening)),
            save=False,
        )
        batch.status = BatchStatus.DONE
    except Exception as error:
        logger.exception("Certificate batch %s failed", batch_id)
        batch.refresh_from_db()
        batch.status, batch.error = BatchStatus.FAILED, str(error)[:500]
    batch.finished_at = timezone.now()
    batch.seconds = time.perf_counter() - started
    batch.save()
    return batch


def _zip_of(convening) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in Certificate.objects.filter(
            convening=convening, revoked_at__isnull=True
        ).exclude(file=""):
            with certificate.file.open("rb") as handle:
                archive.writestr(
                    certificate.file.name.rsplit("/", 1)[-1], handle.read()
                )
    return buffer.getvalue()
