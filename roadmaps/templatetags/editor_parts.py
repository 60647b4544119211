"""``{% editor_part "results" %}…{% endeditor_part %}``: one part of the roadmap
editor, cached under the roadmap, the reader's right to change it, the language
and the digest of what the part shows (roadmaps/fragments.py);
``{% editor_item %}`` caches one card within such a part, and
``{% editor_fragment "name" value… %}`` any other piece of the editor under the
values given (a text form under its stored row, a section's comments under
theirs). And ``bootstrap_widget``, for the editor's text forms.

A part rendered without the editor's ``digests`` fails loudly instead of being
cached under a key that would not change with the roadmap.

A cached piece may hold forms: their ``{% csrf_token %}`` is stored as a
placeholder input and each reader gets their own token in its place, so no
token is ever cached. A placeholder used any other way fails loudly.
"""

from django import forms, template
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.core.exceptions import ImproperlyConfigured
from django.template.defaulttags import CsrfTokenNode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from roadmaps import fragments
from roadmaps.fragments import PART_KINDS, item_digest

register = template.Library()

TIMEOUT = 6 * 60 * 60  # seconds; old digests are never asked for again

CSRF_PLACEHOLDER = "csrf-token-of-the-reader"


def _csrf_input(token):
    """What ``{% csrf_token %}`` renders for this token (Django's own node)."""
    return CsrfTokenNode().render(template.Context({"csrf_token": token}))


PLACEHOLDER_INPUT = _csrf_input(CSRF_PLACEHOLDER)


def _cached(cache_name, name, vary_on, nodelist, context):
    """The nodelist's HTML for this roadmap, reader's right and language, from
    the cache or rendered and stored, with the reader's CSRF token."""
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
        with context.push(csrf_token=CSRF_PLACEHOLDER):
            html = nodelist.render(context)
        if CSRF_PLACEHOLDER in html.replace(PLACEHOLDER_INPUT, ""):
            raise ImproperlyConfigured(
                f"{name}: a cached part may use the CSRF token only through "
                "{% csrf_token %}"
            )
        cache.set(key, html, TIMEOUT)
    # The placeholder is an <input> tag: escaped user text can never contain it.
    if PLACEHOLDER_INPUT in html:
        html = html.replace(PLACEHOLDER_INPUT, _csrf_input(context.get("csrf_token")))
    return mark_safe(html)  # noqa: S308 (rendered by our templates, escaped there)


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


class EditorFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        vary_on = [value.resolve(context) for value in self.vary_on]
        return _cached(
            "fragment_items", f"roadmap_{self.name}", vary_on, self.nodelist, context
        )


@register.tag
def editor_fragment(parser, token):
    """``{% editor_fragment "name" value… %}…{% endeditor_fragment %}``: cached
    under the roadmap, the reader's right to change it, the language and the
    values, which must name everything the piece shows that can change."""
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(
            f"editor_fragment takes a name and what it varies on: {bits!r}"
        )
    nodelist = parser.parse(("endeditor_fragment",))
    parser.delete_first_token()
    return EditorFragmentNode(
        nodelist, bits[1].strip("\"'"), [parser.compile_filter(b) for b in bits[2:]]
    )


@register.filter
def row_digest(instance):
    """The digest of a stored row (a text form's roadmap), to cache by."""
    return item_digest(instance)


@register.filter
def comments_digest(threads):
    """The digest of a section's comment threads, to cache them by."""
    return fragments.comments_digest(threads)


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
