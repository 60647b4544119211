"""The cohort's comparison by pillar, and its common currency and rates
(organizers)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from academy.models import Convening
from common.views import object_or_404_for
from opendata import services
from opendata.comparison import cohort_comparison
from opendata.forms import CurrencyForm, RateForm
from opendata.models import ExchangeRate
from opendata.selectors import export_settings_of


def _convening(request, pk, perm):
    return object_or_404_for(request.user, Convening.objects.all(), perm, pk=pk)


def _page(request, convening, *, rate_form=None, currency_form=None, status=200):
    with timezone.override(convening.zone):
        return render(
            request,
            "opendata/comparison.html",
            {
                "convening": convening,
                "comparison": cohort_comparison(convening=convening),
                "can_configure": request.user.has_perm(
                    "opendata.change_export_settings", convening
                ),
                "currency_form": currency_form
                or CurrencyForm(instance=export_settings_of(convening=convening)),
                "rate_form": rate_form or RateForm(),
            },
            status=status,
        )


@login_required
@require_GET
def comparison(request, pk):
    return _page(request, _convening(request, pk, "opendata.view_comparison"))


@login_required
@require_POST
def common_currency_change(request, pk):
    convening = _convening(request, pk, "opendata.change_export_settings")
    form = CurrencyForm(request.POST)
    if not form.is_valid():
        return _page(request, convening, currency_form=form, status=400)
    services.common_currency_save(
        convening=convening, currency=form.cleaned_data["common_currency"]
    )
    messages.success(request, _("Budgets are now compared in this currency."))
    return redirect("opendata:comparison", pk=convening.pk)


@login_required
@require_POST
def exchange_rate_save(request, pk):
    convening = _convening(request, pk, "opendata.change_export_settings")
    form = RateForm(request.POST)
    if not form.is_valid():
        return _page(request, convening, rate_form=form, status=400)
    services.exchange_rate_save(convening=convening, **form.cleaned_data)
    messages.success(request, _("Rate saved."))
    return redirect("opendata:comparison", pk=convening.pk)


@login_required
@require_POST
def exchange_rate_delete(request, pk):
    rate = get_object_or_404(ExchangeRate.objects.select_related("convening"), pk=pk)
    convening = _convening(
        request, rate.convening_id, "opendata.change_export_settings"
    )
    services.exchange_rate_delete(rate=rate)
    messages.success(request, _("Rate removed."))
    return redirect("opendata:comparison", pk=convening.pk)
