"""A delegation's indicator updates: drafted, submitted, corrected, their
evidence, and their review (approve, or return with a comment).

Plain forms that answer with a redirect, or with the page and its errors
(409 for a review someone else decided first: not boosted by htmx, which
would not show a 4xx answer). Anything the person may not see answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accompaniment import services
from accompaniment.enums import UpdateStatus
from accompaniment.forms import (
    AttachmentForm,
    IndicatorUpdateForm,
    UpdateReviewForm,
)
from accompaniment.models import (
    DisaggregationCategory,
    IndicatorUpdate,
)
from accompaniment.progress import categories_mismatch
from accompaniment.views.indicators import PERIODS, table_url
from accompaniment.views.shared import attachment_keep
from common.views import form_save_or_report, object_or_404_for

UPDATES = IndicatorUpdate.objects.select_related(
    "period__indicator__roadmap__delegation__convening", "author", "reviewed_by"
)


def _update_form(request, period, update=None):
    indicator = period.indicator
    services.categories_ensure(roadmap=indicator.roadmap)
    categories = list(
        DisaggregationCategory.objects.filter(
            roadmap_id=indicator.roadmap_id, dimension__in=indicator.dimensions
        )
    )
    return IndicatorUpdateForm(
        request.POST or None,
        instance=update,
        indicator=indicator,
        categories=categories,
    )


def _update_form_page(request, period, form, update=None):
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        saved = form_save_or_report(
            form,
            lambda: services.indicator_update_save(
                period=period,
                user=request.user,
                fields=form.service_fields(),
                category_values=form.category_values(),
                update=update,
                base_version=form.cleaned_data.get("version"),
                submit=submit,
            ),
        )
        if saved is not None:
            messages.success(
                request,
                _("The update is submitted for review.")
                if submit
                else _("The update is saved as a draft: submit it when it is ready."),
            )
            return redirect(saved)
    return render(
        request,
        "accompaniment/update_form.html",
        {
            "period": period,
            "indicator": period.indicator,
            "delegation": period.delegation,
            "update": update,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def update_create(request, pk):
    period = object_or_404_for(
        request.user, PERIODS, "accompaniment.submit_update", pk=pk
    )
    return _update_form_page(request, period, _update_form(request, period))


@login_required
@require_http_methods(["GET", "POST"])
def update_edit(request, pk):
    update = object_or_404_for(
        request.user, UPDATES, "accompaniment.submit_update", pk=pk
    )
    if not update.is_editable:
        messages.error(
            request,
            _("This update was submitted for review: it can no longer be changed."),
        )
        return redirect(update)
    form = _update_form(request, update.period, update)
    return _update_form_page(request, update.period, form, update)


def _detail_page(request, update, review_form=None, status=200):
    user = request.user
    can_review = update.status == UpdateStatus.SUBMITTED and user.has_perm(
        "accompaniment.review_update", update
    )
    if can_review and review_form is None:
        review_form = UpdateReviewForm(initial={"version": update.version})
    values = list(update.values.select_related("category"))
    grouped = {}
    for value in values:
        grouped.setdefault(value.category.get_dimension_display(), []).append(
            value.value
        )
    is_member = user.has_perm("accompaniment.submit_update", update)
    return render(
        request,
        "accompaniment/update_detail.html",
        {
            "update": update,
            "period": update.period,
            "indicator": update.period.indicator,
            "delegation": update.delegation,
            "values": values,
            "mismatched": categories_mismatch(
                total=update.value, values_by_dimension=grouped
            ),
            "files": list(update.evidence_files.all()),
            "can_edit": is_member and update.is_editable,
            "review_form": review_form if can_review else None,
            "attachment_form": AttachmentForm(),
            "history": update.history.select_related("history_user").order_by(
                "history_id"
            ),
        },
        status=status,
    )


@login_required
@require_GET
def update_detail(request, pk):
    update = object_or_404_for(request.user, UPDATES, "accompaniment.view_entry", pk=pk)
    return _detail_page(request, update)


@login_required
@require_POST
def update_review(request, pk):
    """Approve or return: the first of two reviewers at once wins; the second
    is told who decided."""
    update = object_or_404_for(
        request.user, UPDATES, "accompaniment.review_update", pk=pk
    )
    form = UpdateReviewForm(request.POST)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        reviewed = form_save_or_report(
            form,
            lambda: services.indicator_update_review(
                update=update,
                user=request.user,
                approve=approve,
                comment=form.cleaned_data["comment"],
                base_version=form.cleaned_data["version"],
            ),
        )
        if reviewed is not None:
            messages.success(
                request,
                _("The update is approved.")
                if approve
                else _("The update is returned to the delegation."),
            )
            return redirect(
                table_url(update.delegation.pk, f"period-{update.period_id}")
            )
    update.refresh_from_db()
    if update.status != UpdateStatus.SUBMITTED:
        # Decided by someone else meanwhile: no review form is left to carry
        # the reason, so the page says it above everything.
        for error in form.non_field_errors():
            messages.error(request, error)
    return _detail_page(request, update, review_form=form, status=409)


@login_required
@require_POST
def update_evidence_add(request, pk):
    update = object_or_404_for(
        request.user, UPDATES, "accompaniment.submit_update", pk=pk
    )
    if not update.is_editable:
        messages.error(request, _("This update was submitted for review."))
        return redirect(update)
    return attachment_keep(
        request, back=update.get_absolute_url() + "#evidence", update=update
    )
