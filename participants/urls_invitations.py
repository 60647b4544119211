from django.urls import path

from participants import views_invitations as views

urlpatterns = [
    path(
        "convenings/<int:pk>/invitations/",
        views.invitation_list,
        name="invitation_list",
    ),
    path(
        "convenings/<int:pk>/invitations/send-all/",
        views.invitation_send_all,
        name="invitation_send_all",
    ),
    path(
        "convenings/<int:pk>/invitations/resend-undelivered/",
        views.invitation_resend_undelivered,
        name="invitation_resend_undelivered",
    ),
    path(
        "invitations/send/<int:pk>/",
        views.invitation_send,
        name="invitation_send",
    ),
    path(
        "invitations/accept/<str:token>/",
        views.invitation_accept,
        name="invitation_accept",
    ),
    path(
        "invitations/new-link/",
        views.invitation_request_new,
        name="invitation_request_new",
    ),
    path(
        "invitations/new-link/sent/",
        views.invitation_request_done,
        name="invitation_request_done",
    ),
]
