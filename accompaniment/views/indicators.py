"""A roadmap's indicators: the indicator table, a period's page with its
target and lock, and a baseline changed after the roadmap is final.

Forms that answer with a redirect: they work without JavaScript, and htmx
boosts the target and lock forms (no full reload). Anything the person may
not see answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accompaniment import services
from accompaniment.forms import (
    BaselineForm,
    PeriodTargetForm,
)
from accompaniment.indicator_table import indicator_table
from accompaniment.models import (
    ReportingPeriod,
)
from accompaniment.views.reports import export_form
from accompaniment.views.shared import delegation_with_roadmap
from common.views import form_save_or_report, object_or_404_for
from roadmaps.models import Indicator
from roadmaps.selectors import roadmap_tree
from roadmaps.services import StaleEdit

PERIODS = ReportingPeriod.objects.select_related(
    "indicator__roadmap__delegation__convening"
)


def table_url(delegation_id, anchor="") -> str:
    url = reverse("accompaniment:indicator_table", kwargs={"pk": delegation_id})
    return f"{url}#{anchor}" if anchor else url


def period_url(period) -> str:
    return reverse("accompaniment:period_detail", kwargs={"pk": period.pk})


@login_required
@require_GET
def indicator_table_page(request, pk):
    delegation = delegation_with_roadmap(request, pk, "accompaniment.view_followup")
    roadmap = delegation.roadmap
    # The periods follow the plan: made when the plan's years or an indicator's
    # frequency call for them (idempotent; a period reported on is kept).
    tree = roadmap_tree(roadmap=roadmap)  # read once: the sync and the table
    services.periods_sync(roadmap=roadmap, indicators=tree.indicators)
    user = request.user
    return render(
        request,
        "accompaniment/indicator_table.html",
        {
            "delegation": delegation,
            "convening": delegation.convening,
            "roadmap": roadmap,
            "rows": indicator_table(
                roadmap=roadmap,
                tree=tree,
                today=timezone.localdate(),
                every_period=request.GET.get("periods") == "all",
            ),
            "can_submit": user.has_perm("accompaniment.submit_update", delegation),
            "can_review": user.has_perm("accompaniment.review_update", delegation),
            "can_set_target": user.has_perm(
                "accompaniment.set_period_target", delegation
            ),
            "can_lock": user.has_perm("accompaniment.lock_period", delegation),
            "can_change_baseline": roadmap.is_final
            and user.has_perm("accompaniment.change_baseline", delegation),
            "form": export_form(),
        },
    )


@login_required
@require_GET
def period_detail(request, pk):
    """A period: its target (set by the staff who accompany the delegation),
    its lock (organizers) and its updates."""
    period = object_or_404_for(
        request.user, PERIODS, "accompaniment.view_followup", pk=pk
    )
    user = request.user
    can_set_target = (
        user.has_perm("accompaniment.set_period_target", period)
        and not period.is_locked
        and period.indicator.measure != "qualitative"
    )
    return render(
        request,
        "accompaniment/period_detail.html",
        {
            "period": period,
            "indicator": period.indicator,
            "delegation": period.delegation,
            "updates": list(
                period.updates.select_related("author").order_by("as_of", "pk")
            ),
            "target_form": PeriodTargetForm(
                initial={
                    "target_value": period.target_value,
                    "version": period.version,
                }
            )
            if can_set_target
            else None,
            "can_lock": user.has_perm("accompaniment.lock_period", period),
            "can_submit": user.has_perm("accompaniment.submit_update", period)
            and period.starts_on <= timezone.localdate()
            and not period.is_locked,
        },
    )


@login_required
@require_POST
def period_target(request, pk):
    period = object_or_404_for(
        request.user, PERIODS, "accompaniment.set_period_target", pk=pk
    )
    form = PeriodTargetForm(request.POST)
    if form.is_valid():
        saved = form_save_or_report(
            form,
            lambda: services.period_target_set(
                period=period,
                user=request.user,
                target_value=form.cleaned_data["target_value"],
                base_version=form.cleaned_data["version"],
            ),
        )
        if saved is not None:
            messages.success(request, _("The target is saved."))
            return redirect(period_url(period))
    messages.error(
        request, " ".join(e for errors in form.errors.values() for e in errors)
    )
    return redirect(period_url(period))


@login_required
@require_POST
def period_lock(request, pk):
    period = object_or_404_for(
        request.user, PERIODS, "accompaniment.lock_period", pk=pk
    )
    locked = request.POST.get("locked") == "1"
    services.period_lock_set(period=period, user=request.user, locked=locked)
    messages.success(
        request,
        _("The period is locked.") if locked else _("The period is unlocked."),
    )
    return redirect(period_url(period))


@login_required
@require_http_methods(["GET", "POST"])
def indicator_baseline(request, pk):
    """The organizers change a baseline once the roadmap is final, saying why."""
    indicator = get_object_or_404(
        Indicator.objects.select_related("roadmap__delegation__convening"),
        pk=pk,
        deleted_at=None,
    )
    # Before it is final, the roadmap's editor changes the baseline.
    if not indicator.roadmap.is_final or not request.user.has_perm(
        "accompaniment.change_baseline", indicator.roadmap
    ):
        raise Http404
    delegation = indicator.roadmap.delegation
    form = BaselineForm(
        request.POST or None,
        initial={
            "baseline_value": indicator.baseline_value,
            "baseline_year": indicator.baseline_year,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = form_save_or_report(
                form,
                lambda: services.indicator_baseline_change(
                    indicator=indicator,
                    user=request.user,
                    baseline_value=form.cleaned_data["baseline_value"],
                    baseline_year=form.cleaned_data["baseline_year"],
                    reason=form.cleaned_data["reason"],
                ),
            )
        except StaleEdit:
            form.add_error(
                None, _("Someone changed this indicator meanwhile: open it again.")
            )
            saved = None
        if saved is not None:
            messages.success(
                request, _("The baseline is changed; the history says why.")
            )
            return redirect(table_url(delegation.pk, indicator.anchor))
    return render(
        request,
        "accompaniment/baseline_form.html",
        {"indicator": indicator, "delegation": delegation, "form": form},
        status=400 if form.errors else 200,
    )
