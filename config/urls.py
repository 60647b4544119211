"""The root URLs: the project's own pages, then each app's URL module."""

from django.contrib import admin
from django.urls import include, path

from accounts.views import language_set, login, password_reset
from common import health
from opendata.api import api

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("accounts/login/", login, name="login"),
    path("accounts/password_reset/", password_reset, name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", language_set, name="set_language"),
    # One URL module per area of the product, each owned by its app.
    path("", include("cohort.urls")),
    path("", include("academy.urls")),
    path("", include("participants.urls")),
    path("", include("roadmaps.urls")),
    path("", include("accompaniment.urls")),
    path("", include("evaluation.urls")),
    path("", include("opendata.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
