import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from academy.models import Convening, Participant
from participants import exports, imports, services
from participants.forms import ParticipantForm, ParticipantImportForm

# Organizers manage participants
# ------------------------------------------------------------------------------

IMPORT_SALT = "participants.import"
IMPORT_MAX_AGE = 60 * 60


def _convening_for_organizer(user, pk):
    convening = get_object_or_404(Convening, pk=pk)
    if not user.has_perm("academy.change_convening", convening):
        raise Http404
    return convening


def _participant_for_organizer(user, pk):
    participant = get_object_or_404(
        Participant.objects.select_related(
            "user", "delegation__convening", "delegation__focal_point"
        ),
        pk=pk,
    )
    if not user.has_perm("academy.change_delegation", participant.delegation):
        raise Http404
    return participant


def _report_errors(form, error):
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
@require_http_methods(["GET", "POST"])
def participant_create(request, pk):
    convening = _convening_for_organizer(request.user, pk)
    initial = {"preferred_language": (convening.languages or ["es"])[0]}
    chosen = request.GET.get("delegation", "")
    if chosen.isdigit():
        initial["delegation"] = int(chosen)
    form = ParticipantForm(request.POST or None, initial=initial, convening=convening)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            participant = services.participant_create(
                delegation=data["delegation"],
                email=data["email"],
                full_name=data["full_name"],
                sector=data["sector"],
                organization=data["organization"],
                position=data["position"],
                preferred_language=data["preferred_language"],
            )
        except ValidationError as error:
            _report_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s was added to the delegation of %(country)s.")
                % {
                    "name": participant.user.full_name,
                    "country": participant.delegation.country.name,
                },
            )
            if "add_another" in request.POST:
                return redirect(
                    reverse("participants:participant_create", args=[convening.pk])
                    + f"?delegation={participant.delegation_id}"
                )
            return redirect(participant.delegation)
    return render(
        request,
        "participants/participant_form.html",
        {"form": form, "convening": convening},
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_update(request, pk):
    participant = _participant_for_organizer(request.user, pk)
    convening = participant.delegation.convening
    user = participant.user
    editable = services.account_editable_by_organizers(user=user, convening=convening)
    form = ParticipantForm(
        request.POST or None,
        initial={
            "full_name": user.full_name,
            "email": user.email,
            "delegation": participant.delegation_id,
            "sector": participant.sector,
            "organization": participant.organization,
            "position": participant.position,
            "preferred_language": user.preferred_language,
        },
        convening=convening,
        participant=participant,
        account_editable=editable,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        account = (
            {
                "email": data["email"],
                "full_name": data["full_name"],
                "preferred_language": data["preferred_language"],
            }
            if editable
            else {}
        )
        try:
            services.participant_update(
                participant=participant,
                delegation=data["delegation"],
                sector=data["sector"],
                organization=data["organization"],
                position=data["position"],
                **account,
            )
        except ValidationError as error:
            _report_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s was saved.") % {"name": user.full_name}
            )
            return redirect(participant.delegation)
    return render(
        request,
        "participants/participant_form.html",
        {"form": form, "convening": convening, "participant": participant},
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_remove(request, pk):
    participant = _participant_for_organizer(request.user, pk)
    delegation = participant.delegation
    if request.method == "POST":
        services.participant_remove(participant=participant)
        messages.success(
            request,
            _("%(name)s was removed from the delegation of %(country)s.")
            % {"name": participant.user.full_name, "country": delegation.country.name},
        )
        return redirect(delegation)
    return render(
        request,
        "participants/participant_confirm_remove.html",
        {
            "participant": participant,
            "delegation": delegation,
            "convening": delegation.convening,
        },
    )


def _import_key(convening):
    return f"participant_import:{convening.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def participant_import(request, pk):
    """Upload a file; show the preview (and keep its rows) or every problem."""
    convening = _convening_for_organizer(request.user, pk)
    form = ParticipantImportForm(request.POST or None, request.FILES or None)
    context = {
        "form": form,
        "convening": convening,
        "columns": imports.COLUMN_LABELS.values(),
    }
    if request.method == "POST" and form.is_valid():
        report = imports.import_validate(
            convening=convening, upload=form.cleaned_data["file"]
        )
        context["report"] = report
        if report.ok:
            token = secrets.token_urlsafe(16)
            # Signed and compressed: what comes back at confirmation is exactly
            # what was previewed, and expires after an hour.
            request.session[_import_key(convening)] = signing.dumps(
                {"token": token, "rows": report.payload()},
                salt=IMPORT_SALT,
                compress=True,
            )
            context["token"] = token
            return render(request, "participants/import_preview.html", context)
    return render(request, "participants/import_upload.html", context)


@login_required
@require_POST
def participant_import_confirm(request, pk):
    convening = _convening_for_organizer(request.user, pk)
    stored = request.session.get(_import_key(convening))
    payload = None
    if stored:
        try:
            payload = signing.loads(stored, salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE)
        except signing.BadSignature:
            payload = None
    if payload is None or payload.get("token") != request.POST.get("token"):
        messages.error(
            request,
            _("This preview has expired or was replaced. Upload the file again."),
        )
        return redirect("participants:participant_import", pk=convening.pk)
    report = imports.import_apply(convening=convening, raw_rows=payload["rows"])
    del request.session[_import_key(convening)]
    if not report.ok or report.file_errors:
        return render(
            request,
            "participants/import_upload.html",
            {
                "form": ParticipantImportForm(),
                "convening": convening,
                "columns": imports.COLUMN_LABELS.values(),
                "report": report,
            },
        )
    messages.success(request, imports.summary(report))
    return redirect(convening)


@login_required
@require_GET
def participant_export(request, pk, kind):
    convening = _convening_for_organizer(request.user, pk)
    if kind == "csv":
        content = exports.participants_csv(convening=convening)
        content_type = "text/csv; charset=utf-8"
    else:
        content = exports.participants_xlsx(convening=convening)
        content_type = (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="participants-{convening.pk}.{kind}"'
    )
    return response
