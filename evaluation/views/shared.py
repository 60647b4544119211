"""What the evaluation's views share."""

from django.shortcuts import render
from django.utils import timezone


def _convening_of(context: dict):
    if context.get("convening") is not None:
        return context["convening"]
    for name in ("survey", "certificate", "batch"):
        if context.get(name) is not None:
            return context[name].convening
    return None


def render_local(request, template: str, context=None, status: int = 200):
    """Render with times in the convening's time zone (the context's
    ``convening``, or its survey's, certificate's or batch's): a session at
    09:00 in Panama reads 09:00 wherever the server is."""
    context = context or {}
    convening = _convening_of(context)
    if convening is None:
        return render(request, template, context, status=status)
    with timezone.override(convening.zone):
        return render(request, template, context, status=status)
