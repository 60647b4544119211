"""``{% editor_part "results" %}…{% endeditor_part %}``: one part of the roadmap
editor, cached under the roadmap, the reader's right to change it, the language
and the digest of what the part shows (roadmaps/fragments.py);
``{% editor_item %}`` caches one card within such a part. And
``bootstrap_widget``, for the editor's text forms.

A part rendered without the editor's ``digests`` fails loudly instead of being
cached under a key that would not change with the roadmap.
"""

from django import forms, template
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.utils.translation import get_language

from roadmaps.fragments import PART_KINDS, item_digest

register = template.Library()

TIMEOUT = 6 * 60 * 60  # seconds; old digests are never asked for again


def _cached(cache_name, name, vary_on, nodelist, context):
    """The nodelist's HTML for this roadmap, reader's right and language, from
    the cache or rendered and stored."""
    key = make_template_fragment_key(
        name,
        [
            context["roadmap"].pk,
            bool(context.get("can_change")),
            get_language(),
            *vary_on,
        ],
    )
    cache = caches[cache_name]
    html = cache.get(key)
    if html is None:
        html = nodelist.render(context)
        cache.set(key, html, TIMEOUT)
    return html


class EditorPartNode(template.Node):
    def __init__(self, nodelist, part):
        self.nodelist = nodelist
        self.part = part

    def render(self, context):
        digest = context["digests"][self.part]
        return _cached(
            "fragments", f"roadmap_{self.part}", [digest], self.nodelist, context
        )


@register.tag
def editor_part(parser, token):
    bits = token.split_contents()
    part = bits[1].strip("\"'") if len(bits) == 2 else None
    if part not in PART_KINDS:
        raise template.TemplateSyntaxError(
            f"editor_part takes one of {sorted(PART_KINDS)}: {token.contents!r}"
        )
    nodelist = parser.parse(("endeditor_part",))
    parser.delete_first_token()
    return EditorPartNode(nodelist, part)


class EditorItemNode(template.Node):
    """One item's card inside a cached section, cached on its own under the
    item's stored row and code: when one activity changes, its section is
    rendered again from the other cards' cached HTML."""

    def __init__(self, nodelist, item):
        self.nodelist = nodelist
        self.item = item

    def render(self, context):
        item = self.item.resolve(context)
        vary_on = [item.key, item.code, item_digest(item)]
        return _cached(
            "fragment_items", "roadmap_item", vary_on, self.nodelist, context
        )


@register.tag
def editor_item(parser, token):
    """``{% editor_item activity %}…{% endeditor_item %}``: see EditorItemNode."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"editor_item takes an item: {bits!r}")
    nodelist = parser.parse(("endeditor_item",))
    parser.delete_first_token()
    return EditorItemNode(nodelist, parser.compile_filter(bits[1]))


@register.filter
def bootstrap_widget(field):
    """A field's widget with the classes and error wiring crispy-bootstrap5 gives
    it (templates/roadmaps/partials/text_fields.html)."""
    widget = field.field.widget
    css = "form-select" if isinstance(widget, forms.Select) else "form-control"
    attrs = {"class": f"{css} is-invalid" if field.errors else css}
    if field.errors:
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = f"{field.auto_id}_error"
    return field.as_widget(attrs=attrs)
