"""The daily reminders of the follow-up, each e-mailed once, in its
recipient's language:

* an action item due within the convening's ``due_soon_days`` (to its person
  in charge, or else to its side: the delegation's focal point, or the
  facilitators who accompany the delegation);
* an action item past its due date (the same people);
* a stage of the NAP path (a milestone not achieved) expected within
  ``due_soon_days``, or past its expected date (the delegation's focal point and
  the facilitators who accompany it, or else the organizers);
* a delegation with no contact for the convening's ``quiet_days`` (to the
  facilitators who accompany it, or else the convening's organizers);
* an indicator's reporting period ending within ``REMINDER_PERIOD_DAYS`` with
  no update yet, or ended (less than ``OVERDUE_UPDATE_DAYS`` ago) with none
  submitted or approved (to the delegation's focal point, or else its members).

The thresholds are each convening's (FollowUpSettings), or the project's
defaults (``REMINDER_DUE_SOON_DAYS``, ``FOLLOWUP_QUIET_DAYS``).

Each reminder has a key naming its condition (the item and its due date, the
delegation and its last contact): a new due date or a new contact arms it
again. ``SentReminder`` holds the key per person under a unique constraint,
written in the transaction that sends the e-mail: a second run, or a second
scheduler at the same moment, finds the row (or waits for it) and sends
nothing; a failed sending rolls the row back, and the next run tries again.
"""

import datetime
import logging
from dataclasses import dataclass
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, Max, OuterRef, Q
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from academy.enums import Role
from academy.models import ConveningRole, Delegation
from accompaniment.enums import PENDING, EngagementStatus, OwnerSide, UpdateStatus
from accompaniment.models import (
    ActionItem,
    FollowUpSettings,
    IndicatorUpdate,
    ReportingPeriod,
    SentReminder,
)
from roadmaps.enums import MilestoneStatus
from roadmaps.models import Milestone

logger = logging.getLogger(__name__)

DUE_SOON, OVERDUE, QUIET = "due_soon", "overdue", "quiet"
STAGE_DUE, STAGE_LATE = "stage_due", "stage_late"
PERIOD_ENDING, UPDATE_LATE = "period_ending", "update_late"


@dataclass
class Reminder:
    kind: str
    key: str
    recipient: object
    delegation: Delegation
    item: ActionItem | None = None
    milestone: Milestone | None = None
    period: ReportingPeriod | None = None
    days: int | None = None


def _accompanying(delegation) -> list:
    return list(delegation.facilitators.all())


def _organizers(delegation, memo: dict) -> list:
    """The convening's organizers, read once per convening in a run."""
    if delegation.convening_id not in memo:
        memo[delegation.convening_id] = [
            role.user
            for role in ConveningRole.objects.filter(
                convening_id=delegation.convening_id, role=Role.ORGANIZER
            ).select_related("user")
        ]
    return memo[delegation.convening_id]


def _people_for(item, memo: dict) -> list:
    if item.owner is not None:
        return [item.owner]
    if item.owner_side == OwnerSide.DELEGATION:
        focal = item.delegation.focal_point
        return [focal] if focal else []
    return _accompanying(item.delegation) or _organizers(item.delegation, memo)


def _thresholds() -> tuple[dict, int, int]:
    """{convening id: (quiet days, due-soon days)} of the convenings with their
    own, and the widest of all thresholds (the queries' bounds)."""
    own = {
        row.convening_id: (row.quiet_days, row.due_soon_days)
        for row in FollowUpSettings.objects.all()
    }
    quiet = [settings.FOLLOWUP_QUIET_DAYS, *(q for q, _s in own.values())]
    soon = [settings.REMINDER_DUE_SOON_DAYS, *(s for _q, s in own.values())]
    return own, min(quiet), max(soon)


def reminders_due(*, today: datetime.date) -> list[Reminder]:
    """Every reminder the day calls for, sent or not."""
    found = []
    memo = {}  # convening id -> its organizers
    own, quiet_least, soon_most = _thresholds()
    defaults = (settings.FOLLOWUP_QUIET_DAYS, settings.REMINDER_DUE_SOON_DAYS)
    soon = today + datetime.timedelta(days=soon_most)
    items = (
        ActionItem.objects.filter(status__in=PENDING, due_on__isnull=False)
        .filter(Q(due_on__lt=today) | Q(due_on__lte=soon))
        .select_related("owner", "delegation__focal_point", "delegation__convening")
        .prefetch_related("delegation__facilitators")
    )
    for item in items:
        days_before = own.get(item.delegation.convening_id, defaults)[1]
        if item.due_on > today + datetime.timedelta(days=days_before):
            continue  # not yet, by this convening's threshold
        kind = OVERDUE if item.due_on < today else DUE_SOON
        for person in _people_for(item, memo):
            found.append(
                Reminder(
                    kind=kind,
                    key=f"{kind}:action-{item.pk}:{item.due_on:%Y-%m-%d}",
                    recipient=person,
                    delegation=item.delegation,
                    item=item,
                    days=abs((item.due_on - today).days),
                )
            )
    found += _stage_reminders(today=today, soon=soon, own=own, memo=memo)
    found += _period_reminders(today=today)
    limit = today - datetime.timedelta(days=quiet_least)
    quiet = (
        Delegation.objects.filter(convening__end_date__lt=limit)
        .annotate(
            last=Max(
                "engagements__starts_on",
                filter=Q(engagements__status=EngagementStatus.HELD),
            )
        )
        .filter(Q(last__isnull=True) | Q(last__lt=limit))
        .select_related("convening")
        .prefetch_related("facilitators")
    )
    for delegation in quiet:
        since = delegation.last or delegation.convening.end_date
        quiet_days = own.get(delegation.convening_id, defaults)[0]
        if (today - since).days <= quiet_days or (
            today - delegation.convening.end_date
        ).days <= quiet_days:
            continue  # quiet for less than this convening allows
        for person in _accompanying(delegation) or _organizers(delegation, memo):
            found.append(
                Reminder(
                    kind=QUIET,
                    key=f"{QUIET}:delegation-{delegation.pk}:{since:%Y-%m-%d}",
                    recipient=person,
                    delegation=delegation,
                    days=(today - since).days,
                )
            )
    return found


def _stage_reminders(*, today, soon, own, memo) -> list[Reminder]:
    """The stages of NAP paths expected soon or late (not achieved, not set
    aside), by the revised date when there is one."""
    found = []
    defaults = (settings.FOLLOWUP_QUIET_DAYS, settings.REMINDER_DUE_SOON_DAYS)
    milestones = (
        Milestone.objects.filter(deleted_at__isnull=True)
        .exclude(status__in=[MilestoneStatus.ACHIEVED, MilestoneStatus.NOT_APPLICABLE])
        .alias(expected=Coalesce("revised_date", "planned_date"))
        .filter(expected__isnull=False, expected__lte=soon)
        .select_related(
            "roadmap__delegation__focal_point", "roadmap__delegation__convening"
        )
        .prefetch_related("roadmap__delegation__facilitators")
    )
    for milestone in milestones:
        delegation = milestone.roadmap.delegation
        expected = milestone.expected_date
        days_before = own.get(delegation.convening_id, defaults)[1]
        if expected > today + datetime.timedelta(days=days_before):
            continue
        kind = STAGE_LATE if expected < today else STAGE_DUE
        people = _accompanying(delegation) or _organizers(delegation, memo)
        if delegation.focal_point:
            people = [delegation.focal_point, *people]
        for person in people:
            found.append(
                Reminder(
                    kind=kind,
                    key=f"{kind}:milestone-{milestone.pk}:{expected:%Y-%m-%d}",
                    recipient=person,
                    delegation=delegation,
                    milestone=milestone,
                    days=abs((expected - today).days),
                )
            )
    return found


def _reporters(delegation) -> list:
    """Who reports a delegation's figures: its focal point, or else its members."""
    if delegation.focal_point:
        return [delegation.focal_point]
    return [member.user for member in delegation.members.all()]


def _period_reminders(*, today) -> list[Reminder]:
    """Periods ending soon with no update at all, and periods ended with none
    submitted or approved (an update waiting as a draft does not count)."""
    found = []
    soon = today + datetime.timedelta(days=settings.REMINDER_PERIOD_DAYS)
    since = today - datetime.timedelta(days=settings.OVERDUE_UPDATE_DAYS)
    reported = IndicatorUpdate.objects.filter(
        period=OuterRef("pk"),
        status__in=[UpdateStatus.SUBMITTED, UpdateStatus.APPROVED],
    )
    periods = (
        ReportingPeriod.objects.filter(
            locked_at__isnull=True,
            ends_on__gte=since,
            ends_on__lte=soon,
            indicator__deleted_at__isnull=True,
        )
        .filter(ends_on__gt=F("indicator__roadmap__delegation__convening__end_date"))
        .annotate(
            reported=Exists(reported),
            started=Exists(IndicatorUpdate.objects.filter(period=OuterRef("pk"))),
        )
        .select_related(
            "indicator__roadmap__delegation__focal_point",
            "indicator__roadmap__delegation__convening",
        )
        .prefetch_related("indicator__roadmap__delegation__members__user")
    )
    for period in periods:
        if period.reported:
            continue
        if period.ends_on >= today:
            if period.started:
                continue  # a draft is under way: no need to recall it
            kind = PERIOD_ENDING
        else:
            kind = UPDATE_LATE
        delegation = period.indicator.roadmap.delegation
        for person in _reporters(delegation):
            found.append(
                Reminder(
                    kind=kind,
                    key=f"{kind}:period-{period.pk}:{period.ends_on:%Y-%m-%d}",
                    recipient=person,
                    delegation=delegation,
                    period=period,
                    days=abs((period.ends_on - today).days),
                )
            )
    return found


def reminders_send(*, today: datetime.date, base_url: str) -> int:
    """Send every reminder of the day not sent yet; returns how many went out.
    Raises nothing for one failed e-mail: it is logged and tried again on the
    next run."""
    sent = 0
    for reminder in reminders_due(today=today):
        try:
            with transaction.atomic():
                SentReminder.objects.create(
                    key=reminder.key, recipient=reminder.recipient
                )
                _email(reminder, base_url)
        except IntegrityError:
            continue  # sent already, by this run's predecessor or a twin
        except Exception:
            logger.exception(
                "Reminder %s to user %s failed", reminder.key, reminder.recipient.pk
            )
            continue
        sent += 1
    return sent


def _email(reminder: Reminder, base_url: str) -> None:
    person = reminder.recipient
    page = (
        "accompaniment:nap_path"
        if reminder.milestone
        else "accompaniment:indicator_table"
        if reminder.period
        else "accompaniment:followup"
    )
    url = urljoin(base_url, reverse(page, kwargs={"pk": reminder.delegation.pk}))
    context = {"reminder": reminder, "person": person, "url": url}
    with translation.override(person.preferred_language):
        context["country"] = str(reminder.delegation.country.name)
        subject = " ".join(
            render_to_string(
                "accompaniment/emails/reminder_subject.txt", context
            ).split()
        )
        body = render_to_string("accompaniment/emails/reminder.txt", context)
    EmailMultiAlternatives(subject, body, to=[person.email]).send()
