from django.urls import path, re_path

from academy.views import agenda, attendance, logos

app_name = "academy"

urlpatterns = [
    path("convenings/<int:pk>/agenda/", agenda.agenda, name="agenda"),
    path("convenings/<int:pk>/logos/", logos.convening_logos, name="convening_logos"),
    path("logos/<int:pk>/", logos.convening_logo, name="convening_logo"),
    path("logos/<int:pk>/move/", logos.convening_logo_move, name="convening_logo_move"),
    path(
        "logos/<int:pk>/remove/",
        logos.convening_logo_remove,
        name="convening_logo_remove",
    ),
    path(
        "convenings/<int:pk>/agenda.ics",
        agenda.agenda_calendar,
        name="agenda_ics",
    ),
    path(
        "convenings/<int:pk>/sessions/new/",
        agenda.session_create,
        name="session_create",
    ),
    path("sessions/<int:pk>/edit/", agenda.session_update, name="session_update"),
    path("sessions/<int:pk>/delete/", agenda.session_delete, name="session_delete"),
    path("sessions/<int:pk>/roll-call/", attendance.roll_call, name="roll_call"),
    path(
        "sessions/<int:pk>/roll-call/everyone/",
        attendance.attendance_mark_everyone,
        name="attendance_mark_everyone",
    ),
    path(
        "sessions/<int:pk>/roll-call/<int:participant_pk>/",
        attendance.attendance_mark,
        name="attendance_mark",
    ),
    path(
        "convenings/<int:pk>/attendance/",
        attendance.attendance_summary,
        name="attendance_summary",
    ),
    re_path(
        r"^convenings/(?P<pk>[0-9]+)/attendance/export\.(?P<kind>csv|xlsx)$",
        attendance.attendance_export,
        name="attendance_export",
    ),
]
