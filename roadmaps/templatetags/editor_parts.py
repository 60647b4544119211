"""``{% editor_part "results" %}…{% endeditor_part %}``: one part of the roadmap
editor, cached under the roadmap, the reader's right to change it, the language
and the revisions of what the part shows (roadmaps/fragments.py);
``{% editor_item %}`` caches one card within such a part, and
``{% editor_fragment "name" value… %}`` any other piece of the editor under the
values given (a text form under the roadmap's version). And
``bootstrap_widget``, for the editor's text forms.

A part rendered without the editor's ``part_keys`` fails loudly instead of being
cached under a key that would not change with the roadmap; so does a cached piece
holding a CSRF token, which belongs to one reader only.
"""

from django import forms, template
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.core.exceptions import ImproperlyConfigured
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from roadmaps.fragments import (
    PART_REVISIONS,
    TEMPLATES_VERSION,
    item_key,
    roadmap_identity,
)

register = template.Library()

# Seconds. Keys change with the roadmap, so an entry is never stale; this only
# lets Redis forget parts of roadmaps nobody opens any more.
TIMEOUT = 6 * 60 * 60

# What {% csrf_token %} would put in a cached piece: a token must never be cached.
_NO_TOKEN = "no-csrf-token-in-cached-parts"


def _key(name, vary_on, context):
    return make_template_fragment_key(
        name,
        [
            roadmap_identity(context["roadmap"]),
            TEMPLATES_VERSION,
            bool(context.get("can_change")),
            get_language(),
            *vary_on,
        ],
    )


class _Store:
    """One request's reads and writes of the editor's pieces, in few round trips
    to the cache: every part of the page in one read; when a part must be
    rendered again, its cards in one read and the new ones in one write."""

    def __init__(self):
        self.found = {}
        self.asked = set()
        self.new = {}
        self.parts_read = False

    def read(self, keys):
        missing = [key for key in keys if key not in self.asked]
        if missing:
            self.found.update(cache.get_many(missing))
            self.asked.update(missing)

    def get(self, key):
        self.read([key])
        return self.found.get(key)

    def put(self, key, html):
        self.found[key] = html
        self.new[key] = html

    def write(self):
        if self.new:
            cache.set_many(self.new, TIMEOUT)
            self.new = {}


def _store(context) -> _Store:
    """The request's store, kept in the context's outermost dict so that every
    included template of the page shares it."""
    outermost = context.dicts[0]
    store = outermost.get("_editor_store")
    if store is None:
        store = outermost["_editor_store"] = _Store()
    return store


def _render(name, nodelist, context):
    with context.push(csrf_token=_NO_TOKEN):
        html = nodelist.render(context)
    if _NO_TOKEN in html:
        raise ImproperlyConfigured(
            f"{name}: a cached part of the editor may not hold a CSRF token"
        )
    return html


def _cached(name, vary_on, nodelist, context, *, before_render=None):
    """The nodelist's HTML for this roadmap, reader's right and language, from
    the cache or rendered and stored."""
    store = _store(context)
    key = _key(name, vary_on, context)
    html = store.get(key)
    if html is None:
        if before_render:
            before_render(store)
        html = _render(name, nodelist, context)
        store.put(key, html)
        store.write()
    return mark_safe(html)  # noqa: S308 (rendered by our templates, escaped there)


# The cards each part holds, read together when the part is rendered again.
PART_CARDS = {"activities": "activities", "indicators": "indicators"}


class EditorPartNode(template.Node):
    def __init__(self, nodelist, part):
        self.nodelist = nodelist
        self.part = part

    def render(self, context):
        keys = context["part_keys"]
        store = _store(context)
        # Every part of the page in one read, the first time one is asked for.
        store.read(
            _key(f"roadmap_{part}", [key], context) for part, key in keys.items()
        )

        def read_cards(store):
            cards = PART_CARDS.get(self.part)
            if cards:
                store.read(
                    _key("roadmap_item", [item_key(item)], context)
                    for item in getattr(context["tree"], cards)
                )

        return _cached(
            f"roadmap_{self.part}",
            [keys[self.part]],
            self.nodelist,
            context,
            before_render=read_cards,
        )


@register.tag
def editor_part(parser, token):
    bits = token.split_contents()
    part = bits[1].strip("\"'") if len(bits) == 2 else None
    if part not in PART_REVISIONS:
        raise template.TemplateSyntaxError(
            f"editor_part takes one of {sorted(PART_REVISIONS)}: {token.contents!r}"
        )
    nodelist = parser.parse(("endeditor_part",))
    parser.delete_first_token()
    return EditorPartNode(nodelist, part)


class EditorItemNode(template.Node):
    """One item's card inside a cached section, cached on its own under the
    item's version and code: when one activity changes, its section is rendered
    again from the other cards' cached HTML."""

    def __init__(self, nodelist, item):
        self.nodelist = nodelist
        self.item = item

    def render(self, context):
        item = self.item.resolve(context)
        store = _store(context)
        key = _key("roadmap_item", [item_key(item)], context)
        html = store.get(key)
        if html is None:
            # Written with the part's other new cards, when the part is done.
            html = _render("roadmap_item", self.nodelist, context)
            store.put(key, html)
        return mark_safe(html)  # noqa: S308 (rendered by our templates)


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
        return _cached(f"roadmap_{self.name}", vary_on, self.nodelist, context)


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
