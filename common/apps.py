from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    """Helpers any app may use; an app only so its tasks and tags are found."""

    name = "common"
    verbose_name = _("Common")

    def ready(self):
        from common.files import files_follow_rows

        files_follow_rows()
