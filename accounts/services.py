"""Changes to a person's own account."""

from accounts.models import User
from common.enums import Language


def user_language_set(*, user: User, language: str) -> None:
    """Keep the interface language a person chose as their own (unknown codes
    are ignored: the language switcher is the only caller)."""
    if language in Language.values and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
