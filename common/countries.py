"""Country names for pages and reports that name many countries.

django-countries translates a name at every read (a walk over its table
inside the active language); a cohort page reads thirty of them, several
times. The names do not change while the process runs, so each is
translated once per language and kept.
"""

from django.utils.translation import get_language

_names: dict[tuple[str, str], str] = {}


def country_name(country) -> str:
    """The name of a django-countries ``Country`` in the active language."""
    key = (get_language() or "", country.code)
    name = _names.get(key)
    if name is None:
        name = _names[key] = str(country.name)
    return name
