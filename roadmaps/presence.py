"""Presence: who else has a roadmap open, in which section, editing which item.

The editor posts a heartbeat every ``heartbeat_seconds()`` (htmx polling; no
websocket server to run or scale for a few dozen people) and gets back the list
of the others seen in the last ``present_for()``. One row per person and roadmap.
"""

import datetime
import re

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from roadmaps.enums import Section
from roadmaps.models import ITEM_MODELS, Presence, Roadmap


def heartbeat_seconds() -> int:
    """Seconds between beats (settings.ROADMAP_PRESENCE_SECONDS; 0: no presence)."""
    return settings.ROADMAP_PRESENCE_SECONDS


def present_for() -> datetime.timedelta:
    """Three missed beats: gone (a closed tab, a phone asleep)."""
    return datetime.timedelta(seconds=max(heartbeat_seconds(), 1) * 3)


_ITEM_KEY = re.compile(r"(?P<kind>[a-z]+)-(?P<pk>\d+)")


def _clean_editing(value: str) -> str:
    found = _ITEM_KEY.fullmatch(value or "")
    if not found or found["kind"] not in ITEM_MODELS or found["kind"] == "roadmap":
        return ""
    return value


def presence_beat(*, roadmap: Roadmap, user, section: str, editing: str) -> None:
    """Record that ``user`` has the roadmap open, in ``section``, with the form
    of the item ``editing`` ("outcome-12") open, or none. Unknown values are
    recorded as nothing."""
    values = {
        "section": section if section in Section.values else "",
        "editing": _clean_editing(editing),
        "seen_at": timezone.now(),
    }
    if Presence.objects.filter(roadmap=roadmap, user=user).update(**values):
        return
    try:
        with transaction.atomic():
            Presence.objects.create(roadmap=roadmap, user=user, **values)
    except IntegrityError:  # the same person's other tab beat first
        Presence.objects.filter(roadmap=roadmap, user=user).update(**values)


def presence_others(*, roadmap: Roadmap, user) -> list[Presence]:
    """The other people on the roadmap now, by name (one query)."""
    return list(
        Presence.objects.filter(
            roadmap=roadmap, seen_at__gte=timezone.now() - present_for()
        )
        .exclude(user=user)
        .select_related("user")
        .order_by("user__full_name", "user_id")
    )


def presence_leave(*, roadmap: Roadmap, user) -> None:
    """The person closed the roadmap (the page was left)."""
    Presence.objects.filter(roadmap=roadmap, user=user).delete()
