from django.urls import path

from cohort.views import convenings, pages, printables, team

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
    path("convenings/creators/", team.convening_creators, name="convening_creators"),
    path(
        "convenings/creators/<int:user_pk>/revoke/",
        team.convening_creator_revoke,
        name="convening_creator_revoke",
    ),
    path("convenings/<int:pk>/team/", team.convening_team, name="convening_team"),
    path(
        "convenings/<int:pk>/team/<int:role_pk>/remove/",
        team.convening_team_remove,
        name="convening_team_remove",
    ),
    path(
        "convenings/<int:pk>/edit/",
        convenings.convening_update,
        name="convening_update",
    ),
    path(
        "convenings/<int:pk>/print/",
        printables.printables,
        name="printables",
    ),
    path(
        "convenings/<int:pk>/print/agenda/",
        printables.agenda_export_request,
        name="agenda_export_request",
    ),
    path(
        "convenings/<int:pk>/print/badges/",
        printables.badges_export_request,
        name="badges_export_request",
    ),
    path(
        "convenings/<int:pk>/copy/",
        convenings.convening_copy,
        name="convening_copy",
    ),
    path(
        "convenings/<int:pk>/delete/",
        convenings.convening_delete,
        name="convening_delete",
    ),
    path(
        "convenings/<int:pk>/archive/",
        convenings.convening_archive,
        name="convening_archive",
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
