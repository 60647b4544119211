from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = _("Open data")

    def ready(self):
        from opendata import rules  # noqa: F401  (registers the permissions)
