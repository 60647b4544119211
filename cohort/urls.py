from django.urls import path

from cohort.views import convenings, pages

app_name = "cohort"

urlpatterns = [
    path("", pages.home, name="home"),
    path("convenings/<int:pk>/", pages.convening_detail, name="convening_detail"),
    path("delegations/<int:pk>/", pages.delegation_detail, name="delegation_detail"),
    path(
        "convenings/<int:pk>/dashboard/",
        pages.cohort_dashboard,
        name="cohort_dashboard",
    ),
    path("convenings/new/", convenings.convening_create, name="convening_create"),
    path(
        "convenings/<int:pk>/edit/",
        convenings.convening_update,
        name="convening_update",
    ),
    path(
        "convenings/<int:pk>/close/",
        convenings.convening_close,
        name="convening_close",
    ),
    path(
        "convenings/<int:pk>/delegations/new/",
        convenings.delegation_create,
        name="delegation_create",
    ),
    path(
        "delegations/<int:pk>/edit/",
        convenings.delegation_update,
        name="delegation_update",
    ),
    path(
        "delegations/<int:pk>/remove/",
        convenings.delegation_delete,
        name="delegation_delete",
    ),
]
