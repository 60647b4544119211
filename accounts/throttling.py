"""What sign-in throttling (django-axes) and the password reset limits count by.

Sign-in matches the e-mail address whatever its letter case, so failures are
counted per address as stored (trimmed, lower case): PARTICIPANT.PAN@… and
participant.pan@… share their five tries. The client's address comes from
common.client_ip (TRUSTED_PROXY_COUNT proxies in front of the app)."""

from django.conf import settings

from accounts.addresses import email_normalize
from common.client_ip import client_ip


def axes_username(request, credentials=None) -> str:
    """AXES_USERNAME_CALLABLE: the address typed, as sign-in matches it."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials and credentials.get(field):
        return email_normalize(credentials.get(field))
    data = getattr(request, "POST", None) or {}
    return email_normalize(data.get(field))


def axes_client_ip(request) -> str:
    """AXES_CLIENT_IP_CALLABLE."""
    return client_ip(request)
