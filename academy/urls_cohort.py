from django.urls import path

from academy import views, views_cohort

urlpatterns = [
    path(
        "convenings/<int:pk>/dashboard/",
        views.cohort_dashboard,
        name="cohort_dashboard",
    ),
    path("convenings/new/", views_cohort.convening_create, name="convening_create"),
    path(
        "convenings/<int:pk>/edit/",
        views_cohort.convening_update,
        name="convening_update",
    ),
    path(
        "convenings/<int:pk>/close/",
        views_cohort.convening_close,
        name="convening_close",
    ),
    path(
        "convenings/<int:pk>/delegations/new/",
        views_cohort.delegation_create,
        name="delegation_create",
    ),
    path(
        "delegations/<int:pk>/edit/",
        views_cohort.delegation_update,
        name="delegation_update",
    ),
    path(
        "delegations/<int:pk>/remove/",
        views_cohort.delegation_delete,
        name="delegation_delete",
    ),
]
