from django.urls import path, re_path

from accompaniment.views import indicators, nap_path, reports, updates
from accompaniment.views import log as views

app_name = "accompaniment"

urlpatterns = [
    path("convenings/<int:pk>/follow-up/", views.cohort_board, name="cohort_board"),
    path(
        "convenings/<int:pk>/follow-up/settings/",
        views.followup_settings,
        name="followup_settings",
    ),
    path("delegations/<int:pk>/follow-up/", views.followup, name="followup"),
    path(
        "delegations/<int:pk>/follow-up/engagements/new/",
        views.engagement_create,
        name="engagement_create",
    ),
    path("engagements/<int:pk>/", views.engagement_update, name="engagement_update"),
    path(
        "delegations/<int:pk>/follow-up/actions/new/",
        views.action_item_create,
        name="action_item_create",
    ),
    path("actions/<int:pk>/", views.action_item_update, name="action_item_update"),
    path(
        "engagements/<int:pk>/attachments/",
        views.attachment_add,
        name="attachment_add",
    ),
    path(
        "attachments/<int:pk>/", views.attachment_download, name="attachment_download"
    ),
    path(
        "attachments/<int:pk>/remove/",
        views.attachment_remove,
        name="attachment_remove",
    ),
    path(
        "actions/<int:pk>/status/", views.action_item_status, name="action_item_status"
    ),
    path("delegations/<int:pk>/nap-path/", nap_path.nap_path, name="nap_path"),
    path(
        "delegations/<int:pk>/nap-path/<slug:kind>/",
        nap_path.milestone_track,
        name="milestone_track",
    ),
    path(
        "delegations/<int:pk>/nap-path/<slug:kind>/evidence/",
        nap_path.milestone_evidence_add,
        name="milestone_evidence_add",
    ),
    path(
        "delegations/<int:pk>/indicators/",
        indicators.indicator_table_page,
        name="indicator_table",
    ),
    path("periods/<int:pk>/updates/new/", updates.update_create, name="update_create"),
    path("periods/<int:pk>/", indicators.period_detail, name="period_detail"),
    path("periods/<int:pk>/target/", indicators.period_target, name="period_target"),
    path("periods/<int:pk>/lock/", indicators.period_lock, name="period_lock"),
    path("updates/<int:pk>/", updates.update_detail, name="update_detail"),
    path("updates/<int:pk>/edit/", updates.update_edit, name="update_edit"),
    path("updates/<int:pk>/review/", updates.update_review, name="update_review"),
    path(
        "updates/<int:pk>/evidence/",
        updates.update_evidence_add,
        name="update_evidence_add",
    ),
    re_path(
        r"^delegations/(?P<pk>[0-9]+)/indicators/tracking\.(?P<fmt>json|xlsx)$",
        reports.tracking_download,
        name="tracking_download",
    ),
    path(
        "delegations/<int:pk>/progress-report/",
        reports.progress_export_request,
        name="progress_export_request",
    ),
    path(
        "convenings/<int:pk>/progress-report/",
        reports.cohort_progress_export_request,
        name="cohort_progress_export_request",
    ),
    path(
        "indicators/<int:pk>/baseline/",
        indicators.indicator_baseline,
        name="indicator_baseline",
    ),
]
