from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CohortConfig(AppConfig):
    """The pages that combine the domain apps: each person's home, a convening's
    and a delegation's pages, the organizers' cohort dashboard and edits."""

    name = "cohort"
    verbose_name = _("Cohort")
