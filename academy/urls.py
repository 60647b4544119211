from django.contrib import admin
from django.urls import include, path

from academy import health, views
from participants import views as participant_views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", participant_views.language_set, name="set_language"),
    path("convenings/<int:pk>/", views.convening_detail, name="convening_detail"),
    path("delegations/<int:pk>/", views.delegation_detail, name="delegation_detail"),
    path("admin/", admin.site.urls),
]
