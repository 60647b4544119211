"""``{{ comment.body|with_mentions }}``: a comment's text, escaped, its line
breaks kept and its @mentions marked (roadmaps.mentions)."""

from django import template
from django.utils.safestring import mark_safe

from roadmaps.mentions import mentions_marked

register = template.Library()


@register.filter
def with_mentions(text):
    # Escaped piece by piece in mentions_marked; only <br> is added here.
    return mark_safe(mentions_marked(text or "").replace("\n", "<br>"))  # noqa: S308
