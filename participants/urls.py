from django.urls import path, re_path

from participants import views, views_invitations

app_name = "participants"

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
    path(
        "convenings/<int:pk>/invitations/",
        views_invitations.invitation_list,
        name="invitation_list",
    ),
    path(
        "convenings/<int:pk>/invitations/send-all/",
        views_invitations.invitation_send_all,
        name="invitation_send_all",
    ),
    path(
        "convenings/<int:pk>/invitations/resend-undelivered/",
        views_invitations.invitation_resend_undelivered,
        name="invitation_resend_undelivered",
    ),
    path(
        "invitations/send/<int:pk>/",
        views_invitations.invitation_send,
        name="invitation_send",
    ),
    path(
        "invitations/accept/<str:token>/",
        views_invitations.invitation_accept,
        name="invitation_accept",
    ),
    path(
        "invitations/new-link/",
        views_invitations.invitation_request_new,
        name="invitation_request_new",
    ),
    path(
        "invitations/new-link/sent/",
        views_invitations.invitation_request_done,
        name="invitation_request_done",
    ),
]
