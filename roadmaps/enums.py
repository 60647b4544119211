from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RoadmapStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    FINAL = "final", _("Final")


class StandardPillar(models.TextChoices):
    """The four pillars of UN Security Council resolution 1325."""

    PARTICIPATION = "participation", _("Participation")
    PREVENTION = "prevention", _("Prevention")
    PROTECTION = "protection", _("Protection")
    RELIEF_RECOVERY = "relief_recovery", _("Relief and Recovery")


class FundingStatus(models.TextChoices):
    SECURED = "secured", _("Secured")
    PLEDGED = "pledged", _("Pledged")
    GAP = "gap", _("Gap (not funded)")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    TWICE_A_YEAR = "twice_a_year", _("Twice a year")
    YEARLY = "yearly", _("Yearly")
    MID_END = "mid_end", _("Mid-term and end of plan")


class Measure(models.TextChoices):
    """How an indicator is measured (IATI's indicator measure: 1, 2, 5)."""

    NUMBER = "number", _("Number")
    PERCENTAGE = "percentage", _("Percentage")
    QUALITATIVE = "qualitative", _("Qualitative")


class Dimension(models.TextChoices):
    """What an indicator's values are broken down by; each has its categories
    as rows (accompaniment: DisaggregationCategory)."""

    SEX = "sex", _("Sex")
    AGE_BAND = "age_band", _("Age band")
    TERRITORY = "territory", _("Territory")
    INSTITUTION = "institution", _("Institution")


class ReferenceFramework(models.TextChoices):
    """Where a reference indicator comes from; each maps to an IATI indicator
    vocabulary (``IATI_VOCABULARY``)."""

    SDG = "sdg", _("Sustainable Development Goals")
    WPS_GLOBAL = "wps_global", _("Global WPS indicators (S/2010/498)")
    CONVENING = "convening", _("This convening's own")


# IATI's IndicatorVocabulary codes: 9 is the SDG indicators, 99 the reporting
# organisation's own (the global WPS indicators have no IATI vocabulary).
IATI_VOCABULARY = {
    ReferenceFramework.SDG: "9",
    ReferenceFramework.WPS_GLOBAL: "99",
    ReferenceFramework.CONVENING: "99",
}


class TerritoryLevel(models.TextChoices):
    PROVINCE = "province", _("Province / department")
    MUNICIPALITY = "municipality", _("Municipality")


class MilestoneKind(models.TextChoices):
    """The stages of a NAP's path, in the order a country goes through them."""

    PREPARATION = "preparation", _("Preparation")
    DRAFTING = "drafting", pgettext_lazy("NAP stage", "Drafting")
    CONSULTATION = "consultation", _("Consultation")
    VALIDATION = "validation", _("Validation")
    ADOPTION = "adoption", _("Adoption")
    COSTING = "costing", _("Costing and budgeting")
    LAUNCH = "launch", _("Launch")
    IMPLEMENTATION = "implementation", _("Implementation")
    MID_TERM_REVIEW = "mid_term_review", _("Mid-term review")
    EVALUATION = "evaluation", _("Evaluation")
    RENEWAL = "renewal", _("Renewal")


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    DELAYED = "delayed", _("Delayed")
    AT_RISK = "at_risk", _("At risk")
    BLOCKED = "blocked", _("Blocked")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class Section(models.TextChoices):
    """The editor's sections; their values are the page anchors."""

    CONTEXT = "context", _("Context")
    THEORY_OF_CHANGE = "theory-of-change", _("Theory of change")
    RESULTS = "results", _("Pillars and results")
    INDICATORS = "indicators", _("Indicators (M&E)")
    ACTIVITIES = "activities", _("Activities and budget")
    COORDINATION = "coordination", _("Coordination")
    LOCALIZATION = "localization", _("Localization")
    MILESTONES = "milestones", _("Milestones")


class StatusTransition(models.TextChoices):
    SUBMIT = "submit", _("Submit for review")
    REQUEST_CHANGES = "request_changes", _("Request changes")
    FINALIZE = "finalize", _("Mark as final")
    REOPEN = "reopen", _("Reopen")


class ExportKind(models.TextChoices):
    ROADMAP = "roadmap", _("Roadmap")
    COHORT = "cohort", _("Cohort report")
    # Built by the follow-up (accompaniment registers them: reports.registry).
    PROGRESS = "progress", _("Progress report")
    COHORT_PROGRESS = "cohort_progress", _("Cohort progress report")
    # Built by the evaluation (registered in EvaluationConfig.ready).
    EVALUATION = "evaluation", _("Evaluation report")
    # Printed for the event (registered in CohortConfig.ready).
    AGENDA = "agenda", _("Printable agenda")
    BADGES = "badges", _("Name badges")


# The kinds of export about one roadmap (the others are about a convening).
ROADMAP_KINDS = frozenset({ExportKind.ROADMAP, ExportKind.PROGRESS})


class ExportBundle(models.TextChoices):
    """How a report in two languages is delivered."""

    PDF = "pdf", _("One PDF with both versions")
    ZIP = "zip", _("Two PDFs in a ZIP file")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RENDERING = "rendering", _("Rendering")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")
