"""The organizer's pages for participants: add, edit, remove, import from a
file, export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from academy.models import Convening, Participant
from common.views import attachment, form_save_or_report, object_or_404_for
from participants import exports, imports, services
from participants.forms import ParticipantForm, ParticipantImportForm
from participants.imports.preview import import_preview_keep, import_preview_take
from participants.imports.template import import_template
from participants.invitations import base_url_of


def _convening_for_organizer(request, pk):
    return object_or_404_for(
        request.user, Convening.objects.all(), "academy.change_convening", pk=pk
    )


def _participant_for_organizer(request, pk):
    return object_or_404_for(
        request.user,
        Participant.objects.select_related(
            "user", "delegation__convening", "delegation__focal_point"
        ),
        "academy.change_delegation",
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_create(request, pk):
    convening = _convening_for_organizer(request, pk)
    initial = {"preferred_language": (convening.languages or ["es"])[0]}
    chosen = request.GET.get("delegation", "")
    if chosen.isdigit():
        initial["delegation"] = int(chosen)
    form = ParticipantForm(request.POST or None, initial=initial, convening=convening)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        participant = form_save_or_report(
            form,
            lambda: services.participant_create(
                delegation=data["delegation"],
                email=data["email"],
                full_name=data["full_name"],
                sector=data["sector"],
                organization=data["organization"],
                position=data["position"],
                preferred_language=data["preferred_language"],
                base_url=base_url_of(request),
            ),
        )
        if participant is not None:
            messages.success(
                request,
                _("%(name)s was added to the delegation of %(country)s.")
                % {
                    # As typed: an account of another convening keeps its own
                    # name, which this convening's organizers are not told.
                    "name": data["full_name"],
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
    participant = _participant_for_organizer(request, pk)
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
        saved = form_save_or_report(
            form,
            lambda: services.participant_update(
                participant=participant,
                delegation=data["delegation"],
                sector=data["sector"],
                organization=data["organization"],
                position=data["position"],
                **account,
            ),
        )
        if saved is not None:
            messages.success(
                request, _("%(name)s was saved.") % {"name": user.full_name}
            )
            if getattr(saved, "invitations_revoked", 0):
                messages.warning(
                    request,
                    _(
                        "The e-mail address changed: the invitation links sent to "
                        "the old address no longer work. Send a new invitation."
                    ),
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
    participant = _participant_for_organizer(request, pk)
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


@login_required
@require_http_methods(["GET", "POST"])
def participant_import(request, pk):
    """Upload a file; show the preview (and keep its rows) or every problem."""
    convening = _convening_for_organizer(request, pk)
    form = ParticipantImportForm(request.POST or None, request.FILES or None)
    context = {
        "form": form,
        "convening": convening,
        "columns": imports.COLUMN_LABELS.values(),
    }
    if request.method == "POST" and form.is_valid():
        report = imports.import_validate(
            convening=convening,
            upload=form.cleaned_data["file"],
            existing=form.cleaned_data["existing"],
        )
        context["report"] = report
        if report.ok:
            context["token"] = import_preview_keep(
                session=request.session, convening=convening, report=report
            )
            return render(request, "participants/import_preview.html", context)
    return render(request, "participants/import_upload.html", context)


TEMPLATE_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
@require_GET
@never_cache  # a file for one person: kept by no cache
def participant_import_template(request, pk, kind):
    """The file to fill in: the import's columns in the chosen language."""
    convening = _convening_for_organizer(request, pk)
    language = request.GET.get("language", "")
    if language not in ("es", "en"):
        language = (get_language() or "es")[:2]
    body = import_template(convening=convening, kind=kind, language=language)
    return attachment(
        body,
        content_type=TEMPLATE_TYPES[kind],
        filename=f"participants-template-{language}.{kind}",
    )


@login_required
@require_POST
def participant_import_confirm(request, pk):
    convening = _convening_for_organizer(request, pk)
    taken = import_preview_take(
        session=request.session, convening=convening, token=request.POST.get("token")
    )
    if taken is None:
        messages.error(
            request,
            _("This preview has expired or was replaced. Upload the file again."),
        )
        return redirect("participants:participant_import", pk=convening.pk)
    rows, existing = taken
    report = imports.import_apply(
        convening=convening,
        raw_rows=rows,
        base_url=base_url_of(request),
        existing=existing,
    )
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
@never_cache  # a file for one person: kept by no cache
def participant_export(request, pk, kind):
    convening = _convening_for_organizer(request, pk)
    if kind == "csv":
        content = exports.participants_csv(convening=convening)
        content_type = "text/csv; charset=utf-8"
    else:
        content = exports.participants_xlsx(convening=convening)
        content_type = (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    return attachment(
        content,
        content_type=content_type,
        filename=f"participants-{convening.pk}.{kind}",
    )
