from django.urls import path, re_path

from participants import views

urlpatterns = [
    path(
        "convenings/<int:pk>/participants/new/",
        views.participant_create,
        name="participant_create",
    ),
    path(
        "convenings/<int:pk>/participants/import/",
        views.participant_import,
        name="participant_import",
    ),
    path(
        "convenings/<int:pk>/participants/import/confirm/",
        views.participant_import_confirm,
        name="participant_import_confirm",
    ),
    re_path(
        r"^convenings/(?P<pk>[0-9]+)/participants/export\.(?P<kind>csv|xlsx)$",
        views.participant_export,
        name="participant_export",
    ),
    path(
        "participants/<int:pk>/edit/",
        views.participant_update,
        name="participant_update",
    ),
    path(
        "participants/<int:pk>/remove/",
        views.participant_remove,
        name="participant_remove",
    ),
]
