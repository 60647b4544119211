"""One-time tokens for the forms that create something: the page carries a
token; the first submission with it creates, and any later one (the back
button and "submit" again, a double click, a reload that resends) is taken
to what the first created instead of making a copy.

The token's state lives in the shared cache, per person: "pending" for a
minute while the first submission runs (a second one arriving meanwhile is
told to wait), then the address of what was created, for a day. A form with
errors releases its token, so the corrected form can be sent again."""

import secrets

from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _

FIELD = "once"
PENDING = "pending"
PENDING_SECONDS = 60
DONE_SECONDS = 24 * 3600


def once_token() -> str:
    return secrets.token_urlsafe(16)


def _key(request) -> str | None:
    token = request.POST.get(FIELD, "")
    if not token or len(token) > 64:
        return None
    return f"once:{request.user.pk}:{token}"


def once_seen(request):
    """None when this submission is the token's first (go ahead and create);
    else a redirect to what the first created (or back to the form while it
    is still being saved), with a message that says so."""
    key = _key(request)
    if key is None or cache.add(key, PENDING, PENDING_SECONDS):
        return None
    url = cache.get(key)
    if url and url != PENDING:
        messages.info(
            request, _("This form was sent already: here is what it created.")
        )
        return redirect(url)
    messages.warning(
        request,
        _("This form was sent a moment ago and is still being saved: check the list."),
    )
    return redirect(request.path)


def once_done(request, url: str) -> None:
    """Remember what the token created, once the transaction commits."""
    key = _key(request)
    if key is not None:
        transaction.on_commit(lambda: cache.set(key, url, DONE_SECONDS))


def once_release(request) -> None:
    """The submission created nothing (errors shown): the token may be sent
    again."""
    key = _key(request)
    if key is not None:
        cache.delete(key)


def once_value(request) -> str:
    """The token the page carries: the one sent back with errors, or new."""
    sent = request.POST.get(FIELD, "") if request.method == "POST" else ""
    return sent if sent and len(sent) <= 64 else once_token()
