"""``{% dashboard_rows rows %}``: the cohort dashboard's rows, each cached under
every value it shows (``DelegationRow.shown``) and the language, read from the
cache in one round trip; only rows whose figures changed are rendered again.
A row's HTML is a pure function of its key, so a cached row is never stale."""

from django import template
from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from common.digests import stamp

register = template.Library()

ROW_TEMPLATE = "cohort/partials/dashboard_row.html"
TIMEOUT = 6 * 60 * 60  # seconds; keys change with the figures


@register.simple_tag
def dashboard_rows(rows):
    language = get_language()
    keys = [f"dashboard-row.{language}.{stamp(row.shown)}" for row in rows]
    found = cache.get_many(keys)
    new = {}
    row_template = None
    html = []
    for key, row in zip(keys, rows, strict=True):
        if key not in found:
            row_template = row_template or get_template(ROW_TEMPLATE)
            new[key] = found[key] = row_template.render({"row": row})
        html.append(found[key])
    if new:
        cache.set_many(new, TIMEOUT)
    return mark_safe("".join(html))  # noqa: S308 (rendered by our template, escaped there)
