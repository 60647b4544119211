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
