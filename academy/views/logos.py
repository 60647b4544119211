"""The logos on the covers of a convening's reports: organizers upload,
reorder and remove them; the page shows them through ``convening_logo``.

A logo is never at a public URL. Served here, an SVG still runs nothing: the
answer forbids scripts and every fetch (Content-Security-Policy, sandbox), and
the upload refused scripts already (common.images)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from academy import services
from academy.forms import LogoForm
from academy.models import Convening, ConveningLogo
from common.views import form_save_or_report, object_or_404_for

PERMISSION = "academy.change_convening"


def _logo(request, pk) -> ConveningLogo:
    return object_or_404_for(
        request.user,
        ConveningLogo.objects.select_related("convening"),
        PERMISSION,
        pk=pk,
    )


def _logos_url(convening_id) -> str:
    return reverse("academy:convening_logos", kwargs={"pk": convening_id})


@login_required
@require_http_methods(["GET", "POST"])
def convening_logos(request, pk):
    convening = object_or_404_for(
        request.user, Convening.objects.all(), PERMISSION, pk=pk
    )
    form = LogoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        logo = form_save_or_report(
            form,
            lambda: services.convening_logo_add(
                convening=convening,
                user=request.user,
                content=form.content(),
                name_es=form.cleaned_data["name_es"],
                name_en=form.cleaned_data["name_en"],
            ),
        )
        if logo is not None:
            messages.success(
                request,
                _("The logo of %(name)s is on the covers of the reports from now on.")
                % {"name": logo.name},
            )
            return redirect(_logos_url(convening.pk))
    return render(
        request,
        "academy/logos.html",
        {"convening": convening, "logos": convening.logos.all(), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def convening_logo(request, pk):
    logo = _logo(request, pk)
    response = HttpResponse(logo.read(), content_type=logo.content_type)
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_POST
def convening_logo_move(request, pk):
    logo = _logo(request, pk)
    services.convening_logo_move(logo=logo, earlier=request.POST.get("to") == "earlier")
    return redirect(_logos_url(logo.convening_id))


@login_required
@require_POST
def convening_logo_remove(request, pk):
    logo = _logo(request, pk)
    services.convening_logo_remove(logo=logo)
    messages.success(
        request, _("The logo of %(name)s was removed.") % {"name": logo.name}
    )
    return redirect(_logos_url(logo.convening_id))
