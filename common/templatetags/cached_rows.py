"""``{% cached_rows rows "app/partials/row.html" %}``: the rows of a table
that lists every delegation of a cohort, each rendered by the row template and
cached under every value it shows (``row.shown``, a tuple of plain values),
the language and the row template's own text; read from the shared cache in
one round trip, and only the rows whose values changed are rendered again.

A row's HTML is a pure function of its key, so a cached row is never stale: a
row's ``shown`` must hold every value its template prints (the tests of each
page change each value and look for it). Cohort pages use it so that their
cost does not grow with every delegation's row being rendered at each visit.
"""

import functools
import hashlib

from django import template
from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from common.digests import stamp

register = template.Library()

TIMEOUT = 6 * 60 * 60  # seconds; keys change with the values shown


@functools.cache
def _template_version(template_name: str) -> str:
    """The row template's text, digested once per process: a new release that
    changes the row never reads the rows the previous one cached."""
    source = get_template(template_name).template.source
    return hashlib.blake2b(source.encode(), digest_size=6).hexdigest()


@register.simple_tag
def cached_rows(rows, template_name):
    prefix = f"row.{template_name}.{_template_version(template_name)}.{get_language()}"
    keys = [f"{prefix}.{stamp(row.shown)}" for row in rows]
    found = cache.get_many(keys)
    new = {}
    row_template = None
    html = []
    for key, row in zip(keys, rows, strict=True):
        if key not in found:
            row_template = row_template or get_template(template_name)
            new[key] = found[key] = row_template.render({"row": row})
        html.append(found[key])
    if new:
        cache.set_many(new, TIMEOUT)
    return mark_safe("".join(html))  # noqa: S308 (rendered by our template, escaped there)
