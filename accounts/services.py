"""Changes to a person's own account."""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError

from accounts.models import User
from common.enums import Language

logger = logging.getLogger(__name__)


def user_language_set(*, user: User, language: str) -> None:
    """Keep the interface language a person chose as their own (unknown codes
    are ignored: the language switcher is the only caller)."""
    if language in Language.values and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


def password_reset_email_queue(
    *, user: User, domain: str, site_name: str, protocol: str
) -> None:
    """Have the worker e-mail ``user`` a password reset link.

    Side effects: after the transaction commits, queues the e-mail task (run in
    this process when no broker is set). If the broker cannot be reached the
    e-mail is lost and logged: the person asks again, the page never says
    whether an address is known.
    """
    from accounts.tasks import password_reset_email_send

    user_id = user.pk

    def queue():
        try:
            password_reset_email_send.apply_async(
                kwargs={
                    "user_id": user_id,
                    "domain": domain,
                    "site_name": site_name,
                    "protocol": protocol,
                }
            )
        except OperationalError:
            logger.warning("Password reset e-mail to user %s lost: no broker", user_id)

    transaction.on_commit(queue, robust=True)
