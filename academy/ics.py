"""The agenda as an iCalendar file, for people who keep their own calendar.

Events carry the convening's time zone (with its VTIMEZONE), so a phone set to
another zone still places them at the right instant. A session keeps its UID
when it is edited, so importing the file again updates events instead of
duplicating them.
"""

import datetime

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from academy.models import Convening, Session

PRODUCT_ID = "-//NAP Academy//Agenda//EN"
UID_DOMAIN = "nap-academy"


def session_uid(session: Session) -> str:
    return f"session-{session.pk}@{UID_DOMAIN}"


def _event_description(session: Session) -> str:
    lines = [session.get_module_display()]
    names = [person.full_name for person in session.facilitators.all()]
    if names:
        lines.append(_("Facilitators: %(names)s") % {"names": ", ".join(names)})
    if session.description:
        lines.extend(["", session.description])
    return "\n".join(str(line) for line in lines)


def _event_location(session: Session, convening: Convening) -> str:
    """Where to go, as a calendar app shows and maps it: the room, the venue, and
    the city with its country (in the active language)."""
    place = ", ".join(
        part for part in (convening.city, str(convening.country.name)) if part
    )
    return " · ".join(
        part for part in (session.room, convening.venue, place) if part.strip()
    )


def agenda_calendar(
    *, convening: Convening, sessions, stamp: datetime.datetime | None = None
) -> icalendar.Calendar:
    """A calendar with one event per session (no query when facilitators were
    prefetched)."""
    zone = convening.zone
    stamp = stamp or timezone.now()
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", convening.name)
    calendar.add("x-wr-timezone", convening.time_zone)
    for session in sessions:
        event = icalendar.Event()
        event.add("uid", session_uid(session))
        event.add("dtstamp", stamp.astimezone(datetime.UTC))
        event.add("dtstart", timezone.localtime(session.starts_at, zone))
        event.add("dtend", timezone.localtime(session.ends_at, zone))
        event.add("summary", session.title)
        event.add("description", _event_description(session))
        event.add("categories", [str(session.get_module_display())])
        location = _event_location(session, convening)
        if location:
            event.add("location", location)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar


def agenda_ics(*, convening: Convening, sessions) -> bytes:
    return agenda_calendar(convening=convening, sessions=sessions).to_ical()
