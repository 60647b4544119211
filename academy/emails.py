"""The e-mail that tells a person they joined a convening's team, in their
language: a link to choose a password when the account has never been used, a
link to sign in otherwise. Sent by the worker (academy/tasks.py)."""

import logging
from urllib.parse import urljoin

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from academy.models import ConveningRole

logger = logging.getLogger(__name__)


def team_member_email_send(*, role_id: int, base_url: str) -> bool:
    """E-mail the person given this role. Returns False, sending nothing, when
    the role was taken away meanwhile. Raises the mail server's error."""
    role = (
        ConveningRole.objects.filter(pk=role_id)
        .select_related("user", "convening")
        .first()
    )
    if role is None:
        logger.info("Team role %s is gone: no e-mail", role_id)
        return False
    user = role.user
    context = {"role": role, "user": user, "convening": role.convening}
    if user.last_login is None:
        # Never signed in: the link lets the holder of the address choose the
        # password (Django's reset token, void once a password is set).
        context["password_url"] = urljoin(
            base_url,
            reverse(
                "password_reset_confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                },
            ),
        )
    context["sign_in_url"] = urljoin(base_url, reverse("login"))
    with translation.override(user.preferred_language):
        subject = " ".join(
            render_to_string("academy/emails/team_added_subject.txt", context).split()
        )
        body = render_to_string("academy/emails/team_added.txt", context)
    EmailMultiAlternatives(subject, body, to=[user.email]).send()
    return True
