from django import template

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
