"""E-mail addresses as the app stores and compares them."""

from accounts.models import User


def email_normalize(email) -> str:
    """An address as stored: trimmed, the whole of it in lower case (sign-in
    matches addresses whatever their letter case, so they are kept that way)."""
    return User.objects.normalize_email((email or "").strip()).lower()
