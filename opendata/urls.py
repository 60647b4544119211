from django.urls import path

from opendata import views, views_comparison, views_tokens

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
    path(
        "delegations/<int:pk>/data/iati-check/",
        views.delegation_iati_check,
        name="delegation_iati_check",
    ),
    path("convenings/<int:pk>/data/", views.convening_data, name="convening_data"),
    path(
        "convenings/<int:pk>/data/iati-check/",
        views.convening_iati_check,
        name="convening_iati_check",
    ),
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
    path(
        "convenings/<int:pk>/comparison/",
        views_comparison.comparison,
        name="comparison",
    ),
    path(
        "convenings/<int:pk>/comparison/currency/",
        views_comparison.common_currency_change,
        name="common_currency_change",
    ),
    path(
        "convenings/<int:pk>/comparison/rates/",
        views_comparison.exchange_rate_save,
        name="exchange_rate_save",
    ),
    path(
        "exchange-rates/<int:pk>/delete/",
        views_comparison.exchange_rate_delete,
        name="exchange_rate_delete",
    ),
    path("api-tokens/", views_tokens.api_tokens, name="api_tokens"),
    path(
        "api-tokens/<int:pk>/revoke/",
        views_tokens.api_token_revoke_view,
        name="api_token_revoke",
    ),
]
