from django.urls import path

from opendata import views

app_name = "opendata"

urlpatterns = [
    path("delegations/<int:pk>/data/", views.delegation_data, name="delegation_data"),
    path(
        "delegations/<int:pk>/data/sharing/",
        views.sharing_change,
        name="sharing_change",
    ),
    path(
        "delegations/<int:pk>/data/results.<str:fmt>",
        views.delegation_download,
        name="delegation_download",
    ),
    path("convenings/<int:pk>/data/", views.convening_data, name="convening_data"),
    path(
        "convenings/<int:pk>/data/settings/",
        views.export_settings_change,
        name="export_settings_change",
    ),
    path(
        "convenings/<int:pk>/data/results.<str:fmt>",
        views.convening_download,
        name="convening_download",
    ),
]
