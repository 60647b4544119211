from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``{{ rates|get_item:member.pk }}``: templates cannot index by a variable."""
    if not mapping:
        return None
    return mapping.get(key)
