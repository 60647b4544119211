"""Certificates: the organizers' page (rule, who qualifies and why not, the
batch and its progress, revoking), each holder's download, and the public
verification page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from academy.models import Convening
from common.client_ip import client_ip
from common.ratelimit import rate_limit_hit
from common.views import form_save_or_report, object_or_404_for
from evaluation import services
from evaluation.eligibility import rule_of, standings, to_issue
from evaluation.forms import CertificateRuleForm, RevokeForm
from evaluation.models import Certificate, CertificateBatch
from evaluation.views.shared import render_local


def _convening(request, pk) -> Convening:
    return object_or_404_for(
        request.user, Convening.objects.all(), "evaluation.manage_certificates", pk=pk
    )


def _page(request, convening, *, rule_form=None, status=200):
    rule = rule_of(convening)
    rows = standings(convening=convening, rule=rule)
    certificates = list(
        Certificate.objects.filter(convening=convening).order_by("holder_name", "pk")
    )
    return render_local(
        request,
        "evaluation/certificates.html",
        {
            "convening": convening,
            "rule_form": rule_form
            or CertificateRuleForm(instance=rule, convening=convening),
            "rows": rows,
            "qualifying": sum(1 for r in rows if r.qualifies),
            "to_issue": len(to_issue(rows)),
            "flagged": [r for r in rows if r.flagged],
            "certificates": certificates,
            "batch": convening.certificate_batches.first(),
            "revoke_form": RevokeForm(),
        },
        status=status,
    )


@login_required
@require_GET
def certificates_page(request, pk):
    return _page(request, _convening(request, pk))


@login_required
@require_POST
def certificate_rule(request, pk):
    convening = _convening(request, pk)
    form = CertificateRuleForm(
        request.POST, instance=rule_of(convening), convening=convening
    )
    if form.is_valid() and form_save_or_report(
        form,
        lambda: services.certificate_rule_save(
            convening=convening,
            data=form.service_data(),
            required_sessions=form.cleaned_data["required_sessions"],
        ),
    ):
        messages.success(request, _("Rule saved: the list below follows it."))
        return redirect("evaluation:certificates_page", pk=convening.pk)
    return _page(request, convening, rule_form=form, status=400)


@login_required
@require_POST
def certificates_issue(request, pk):
    convening = _convening(request, pk)
    batch = services.certificates_issue_request(
        convening=convening,
        user=request.user,
        base_url=request.build_absolute_uri("/"),
    )
    if batch.total == 0 and not batch.is_running:
        messages.info(request, _("Nobody new qualifies: no certificate to issue."))
    return redirect("evaluation:certificates_page", pk=convening.pk)


@login_required
@require_GET
def certificate_batch_status(request, pk):
    """The batch's progress, polled by the page while it runs (htmx)."""
    batch = get_object_or_404(
        CertificateBatch.objects.select_related("convening"), pk=pk
    )
    if not request.user.has_perm("evaluation.manage_certificates", batch.convening):
        raise Http404
    return render_local(request, "evaluation/partials/batch.html", {"batch": batch})


@login_required
@require_GET
@never_cache
def certificate_batch_zip(request, pk):
    batch = get_object_or_404(
        CertificateBatch.objects.select_related("convening"), pk=pk
    )
    if not request.user.has_perm("evaluation.manage_certificates", batch.convening):
        raise Http404
    if not batch.zip_file:
        raise Http404
    return FileResponse(
        batch.zip_file.open("rb"),
        as_attachment=True,
        filename=batch.zip_file.name.rsplit("/", 1)[-1],
        content_type="application/zip",
    )


@login_required
@require_GET
@never_cache
def certificate_download(request, pk):
    """A certificate's PDF, for its holder and the convening's organizers."""
    certificate = object_or_404_for(
        request.user,
        Certificate.objects.select_related("participant", "convening"),
        "evaluation.download_certificate",
        pk=pk,
    )
    if not certificate.file:
        raise Http404
    return FileResponse(
        certificate.file.open("rb"),
        as_attachment=True,
        filename=certificate.file.name.rsplit("/", 1)[-1],
        content_type="application/pdf",
    )


@login_required
@require_POST
def certificate_revoke(request, pk):
    certificate = object_or_404_for(
        request.user,
        Certificate.objects.select_related("convening"),
        "evaluation.manage_certificates",
        pk=pk,
    )
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            services.certificate_revoke(
                certificate=certificate,
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("Certificate of %(name)s revoked.")
                % {"name": certificate.holder_name},
            )
    else:
        messages.error(request, _("Say why the certificate is revoked."))
    return redirect("evaluation:certificates_page", pk=certificate.convening_id)


@require_GET
@never_cache
def certificate_verify(request, code):
    """Public: is this certificate genuine? Name, convening, dates and status,
    nothing else; unknown codes answer 404; every request is logged; at most
    VERIFICATIONS_PER_MINUTE a minute from one address (then 429)."""
    ip = client_ip(request)
    code = code.strip().upper()
    if rate_limit_hit(
        key=f"verify:{ip}", limit=settings.VERIFICATIONS_PER_MINUTE, window_seconds=60
    ):
        services.verification_log(code=code, certificate=None, ip=ip, limited=True)
        return render_local(request, "evaluation/verify_limited.html", status=429)
    certificate = (
        Certificate.objects.filter(code=code).select_related("convening").first()
    )
    services.verification_log(code=code, certificate=certificate, ip=ip, limited=False)
    if certificate is None:
        # Answered, not raised: the request's transaction keeps the log row.
        return render_local(request, "404.html", status=404)
    return render_local(request, "evaluation/verify.html", {"certificate": certificate})
