"""API tokens: a random secret shown once, kept only as its SHA-256, so a
copy of the database gives no one access; revoked at once, never deleted."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from opendata.models import ApiToken

PREFIX = "napa_"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token of ``user``; returns it and its secret (shown once)."""
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:100], prefix=secret[:12], digest=_digest(secret)
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def api_token_user(*, secret: str):
    """The active user whose unrevoked token this is, or None; notes when it
    was last used (at most once a minute, to spare the database)."""
    if not secret.startswith(PREFIX):
        return None
    token = (
        ApiToken.objects.filter(digest=_digest(secret), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
