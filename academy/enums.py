from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    ORGANIZER = "organizer", _("Organizer")
    FACILITATOR = "facilitator", _("Facilitator")


class TeamAction(models.TextChoices):
    """What changed in who runs a convening (or who may create convenings)."""

    ADDED = "added", _("added to the team")
    REMOVED = "removed", _("removed from the team")
    ASSIGNED = "assigned", _("assigned to a delegation")
    UNASSIGNED = "unassigned", _("no longer assigned to a delegation")
    CREATOR_GRANTED = "creator_granted", _("may now create convenings")
    CREATOR_REVOKED = "creator_revoked", _("may no longer create convenings")


class NapStatus(models.TextChoices):
    NONE = "none", _("No NAP yet")
    DRAFTING = "drafting", pgettext_lazy("NAP status", "Drafting")
    ADOPTED = "adopted", _("Adopted")
    RENEWING = "renewing", _("Renewing")


class Module(models.TextChoices):
    ROADMAP_DESIGN = "roadmap_design", _("Results-oriented roadmap design")
    THEORY_OF_CHANGE = "theory_of_change", _("Theory of change")
    GENDER_BUDGETING = "gender_budgeting", _("Gender budgeting")
    STRATEGIC_DESIGN = "strategic_design", _("Strategic design")
    INSTITUTIONAL_COORDINATION = (
        "institutional_coordination",
        _("Institutional coordination"),
    )
    LOCALIZATION = "localization", _("Localization")
    MONITORING_EVALUATION = "monitoring_evaluation", _("Monitoring and evaluation")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


class Sector(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
