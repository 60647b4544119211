from django.urls import path, re_path

from participants.views import invitations, people

app_name = "participants"

urlpatterns = [
    path(
        "convenings/<int:pk>/participants/new/",
        people.participant_create,
        name="participant_create",
    ),
    path(
        "convenings/<int:pk>/participants/import/",
        people.participant_import,
        name="participant_import",
    ),
    path(
        "convenings/<int:pk>/participants/import/confirm/",
        people.participant_import_confirm,
        name="participant_import_confirm",
    ),
    re_path(
        r"^convenings/(?P<pk>[0-9]+)/participants/import/template\.(?P<kind>csv|xlsx)$",
        people.participant_import_template,
        name="participant_import_template",
    ),
    re_path(
        r"^convenings/(?P<pk>[0-9]+)/participants/export\.(?P<kind>csv|xlsx)$",
        people.participant_export,
        name="participant_export",
    ),
    path(
        "participants/<int:pk>/edit/",
        people.participant_update,
        name="participant_update",
    ),
    path(
        "participants/<int:pk>/remove/",
        people.participant_remove,
        name="participant_remove",
    ),
    path(
        "convenings/<int:pk>/invitations/",
        invitations.invitation_list,
        name="invitation_list",
    ),
    path(
        "convenings/<int:pk>/invitations/send-all/",
        invitations.invitation_send_all,
        name="invitation_send_all",
    ),
    path(
        "convenings/<int:pk>/invitations/resend-undelivered/",
        invitations.invitation_resend_undelivered,
        name="invitation_resend_undelivered",
    ),
    path(
        "invitations/send/<int:pk>/",
        invitations.invitation_send,
        name="invitation_send",
    ),
    path(
        "invitations/accept/<str:token>/",
        invitations.invitation_accept,
        name="invitation_accept",
    ),
    path(
        "invitations/new-link/",
        invitations.invitation_request_new,
        name="invitation_request_new",
    ),
    path(
        "invitations/new-link/sent/",
        invitations.invitation_request_done,
        name="invitation_request_done",
    ),
]
