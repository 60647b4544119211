"""Certificates: the rule, issuing them in batch (the worker renders each
person's PDF), revoking one, and logging each verification."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation.eligibility import rule_of, standings, to_issue
from evaluation.enums import BatchStatus
from evaluation.models import (
    Certificate,
    CertificateBatch,
    CertificateRule,
    Verification,
)


@transaction.atomic
def certificate_rule_save(
    *, convening, data: dict, required_sessions
) -> CertificateRule:
    """Keep the convening's rule (``data``: the form's fields). Certificates
    already issued stay; the page flags those whose holders no longer
    qualify. No other side effect."""
    rule = rule_of(convening)
    for name, value in data.items():
        setattr(rule, name, value)
    if not 0 <= rule.min_attendance_percent <= 100:
        raise ValidationError(
            {"min_attendance_percent": _("Give a percentage from 0 to 100.")}
        )
    rule.save()
    rule.required_sessions.set(
        [s for s in required_sessions if s.convening_id == convening.pk]
    )
    return rule


@transaction.atomic
def certificates_issue_request(
    *, convening, user, base_url: str = ""
) -> CertificateBatch:
    """A batch issuing the certificates of everyone who qualifies and has
    none, queued for the worker after the transaction commits
    (``evaluation.tasks.certificates_issue``); a batch already queued or
    running is returned instead of a second one."""
    from evaluation.tasks import certificates_issue

    type(convening).objects.select_for_update().filter(pk=convening.pk).first()
    running = convening.certificate_batches.filter(
        status__in=(BatchStatus.QUEUED, BatchStatus.RUNNING)
    ).first()
    if running is not None:
        return running
    todo = to_issue(standings(convening=convening))
    batch = CertificateBatch.objects.create(
        convening=convening, requested_by=user, total=len(todo)
    )
    transaction.on_commit(
        lambda: certificates_issue.delay(batch_id=batch.pk, base_url=base_url)
    )
    return batch


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, user, reason: str) -> Certificate:
    """Revoke with a reason (required): the verification page says revoked
    from now on; the record and its file stay. No other side effect."""
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": _("Say why the certificate is revoked.")})
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is not None:
        raise ValidationError(_("This certificate was revoked already."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = user
    certificate.revoked_reason = reason
    certificate.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
    return certificate


def verification_log(
    *, code: str, certificate: Certificate | None, ip: str, limited: bool
):
    """Record a request of the verification page (found, unknown or refused
    for too many requests)."""
    Verification.objects.create(
        code=code[:64], certificate=certificate, ip=ip or None, limited=limited
    )
