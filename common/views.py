"""Plumbing every view module shares: find an object or answer 404, show a
service's validation errors on its form, point an htmx answer elsewhere, send
a file to download."""

from functools import wraps

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django_htmx.http import reswap, retarget


def object_or_404_for(user, queryset, perm: str, **lookup):
    """The object if ``user`` has ``perm`` on it, else 404.

    Anything a person may not see answers 404, not 403, so ids cannot be probed.
    """
    obj = get_object_or_404(queryset, **lookup)
    if not user.has_perm(perm, obj):
        raise Http404
    return obj


def form_add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form
    has one of that name, else above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def form_save_or_report(form, call):
    """Run ``call`` (a service); if it refuses with a ValidationError, show the
    error on ``form`` and return None."""
    try:
        return call()
    except ValidationError as error:
        form_add_service_errors(form, error)
        return None


def htmx_replace(
    response: HttpResponse, target: str, swap: str = "outerHTML"
) -> HttpResponse:
    """Have htmx put ``response`` into ``target`` (a CSS selector) with ``swap``,
    whatever the element that asked."""
    retarget(response, target)
    reswap(response, swap)
    return response


def head_like_get(view):
    """Take GET and HEAD (uptime monitors send HEAD): a HEAD is answered as
    the GET would be, status and headers, without the body. Anything else
    is 405."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        if request.method == "GET":
            return view(request, *args, **kwargs)
        request.method = "GET"  # the view answers as to a GET
        try:
            response = view(request, *args, **kwargs)
        finally:
            request.method = "HEAD"
        if hasattr(response, "render") and callable(response.render):
            response.render()
        length = len(response.content)
        response.content = b""
        response["Content-Length"] = str(length)
        return response

    return wrapper


def attachment(content, *, content_type: str, filename: str) -> HttpResponse:
    """A file to download, its Content-Disposition written by Django (which
    quotes and encodes any file name, accents and quotes included)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
