from django import template
from django.utils.dateformat import format as date_format
from django.utils.translation import pgettext

from common.digests import sessions_digest

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``{{ rates|get_item:member.pk }}``: templates cannot index by a variable."""
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def agenda_digest(days):
    """The digest of an agenda's days (academy.selectors.agenda.agenda_days), to cache
    the agenda by: ``{% cache … agenda|agenda_digest %}``."""
    return sessions_digest(session for day in days for session in day.sessions)


@register.filter(expects_localtime=True)
def long_date(value):
    """A day written out with its weekday, as each language writes it:
    "Tuesday 15 September 2026", "martes 15 de septiembre de 2026"."""
    if not value:
        return ""
    # Translators: a date format (Django's date filter); escape letters with \\.
    return date_format(value, pgettext("date format", "l j F Y"))
