from django.db import models
from django.utils.translation import gettext_lazy as _


class EngagementKind(models.TextChoices):
    CALL = "call", _("Call")
    VIRTUAL_MEETING = "virtual_meeting", _("Virtual meeting")
    MISSION = "mission", _("In-country mission")
    WORKSHOP = "workshop", _("Workshop")
    TECHNICAL_NOTE = "technical_note", _("Technical note")
    DOCUMENT_REVIEW = "document_review", _("Document review")
    PEER_EXCHANGE = "peer_exchange", _("Peer exchange")


class EngagementStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class Modality(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIRTUAL = "virtual", _("Virtual")
    HYBRID = "hybrid", _("Hybrid")
    WRITTEN = "written", _("In writing")


class Visibility(models.TextChoices):
    STAFF = "staff", _("Organizers and facilitators only")
    DELEGATION = "delegation", _("Shared with the delegation")


class OwnerSide(models.TextChoices):
    ORGANIZERS = "organizers", _("Organizers")
    DELEGATION = "delegation", _("Delegation")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


# Still to do: an item in one of these past its due date is overdue.
PENDING = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class UpdateStatus(models.TextChoices):
    """An indicator update's way: a member drafts and submits it; an organizer
    or a facilitator who accompanies the delegation approves it or returns it
    with a comment (then the member corrects it and submits again)."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class StandardCategory(models.TextChoices):
    """The categories every roadmap has for sex and age band; territories and
    institutions are the roadmap's own (DisaggregationCategory.name)."""

    WOMEN = "women", _("Women")
    MEN = "men", _("Men")
    SEX_OTHER = "sex_other", _("Another identity or not stated")
    AGE_UNDER_18 = "age_under_18", _("Under 18")
    AGE_18_29 = "age_18_29", _("18–29")
    AGE_30_44 = "age_30_44", _("30–44")
    AGE_45_64 = "age_45_64", _("45–64")
    AGE_65_PLUS = "age_65_plus", _("65 and over")


STANDARD_CATEGORIES = {
    "sex": [StandardCategory.WOMEN, StandardCategory.MEN, StandardCategory.SEX_OTHER],
    "age_band": [
        StandardCategory.AGE_UNDER_18,
        StandardCategory.AGE_18_29,
        StandardCategory.AGE_30_44,
        StandardCategory.AGE_45_64,
        StandardCategory.AGE_65_PLUS,
    ],
}
