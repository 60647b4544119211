from django.contrib import admin
from django.urls import include, path

from academy import health, views
from participants import views as participant_views
from participants.login import login
from participants.password_reset import password_reset

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("accounts/login/", login, name="login"),
    path("accounts/password_reset/", password_reset, name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", participant_views.language_set, name="set_language"),
    path("convenings/<int:pk>/", views.convening_detail, name="convening_detail"),
    path("delegations/<int:pk>/", views.delegation_detail, name="delegation_detail"),
    # One URL module per area of the product, each owned by its app.
    path("", include("academy.urls_cohort")),
    path("", include("academy.urls_agenda")),
    path("", include("participants.urls")),
    path("", include("participants.urls_invitations")),
    path("", include("roadmaps.urls")),
    path("admin/", admin.site.urls),
]
