"""E-mails about a person's own account, written in the person's language."""

import logging

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import User

logger = logging.getLogger(__name__)


def password_reset_email_send(
    *, user_id: int, domain: str, site_name: str, protocol: str
) -> bool:
    """E-mail the person a link to choose a new password, in their preferred
    language, as Django's password reset would.

    The one-use link is made now, when the message leaves. Returns False, sending
    nothing, when the account is gone, inactive or has no usable password.
    Raises the mail server's error.
    """
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password():
        logger.info("User %s cannot reset a password: no e-mail", user_id)
        return False
    context = {
        "email": user.email,
        "domain": domain,
        "site_name": site_name,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": protocol,
    }
    with translation.override(user.preferred_language):
        subject = "".join(
            render_to_string(
                "registration/password_reset_subject.txt", context
            ).splitlines()
        )
        body = render_to_string("registration/password_reset_email.html", context)
    EmailMultiAlternatives(subject, body, to=[user.email]).send()
    return True
