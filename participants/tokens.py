"""Signed invitation links.

A link carries the invitation's random key, signed with SECRET_KEY under a salt of
its own (so no other signed value of the app can be replayed as an invitation) and
stamped with the time it was made, so an old link fails even if the database row
were changed by mistake.
"""

import datetime
import uuid

from django.core import signing

SALT = "participants.invitation"


class InvitationSigner(signing.TimestampSigner):
    def __init__(self, **kwargs):
        kwargs.setdefault("salt", SALT)
        super().__init__(**kwargs)


class TokenExpired(Exception):
    """The signature is genuine but older than the allowed age."""


class TokenInvalid(Exception):
    """The link was not made by us, or was cut or altered."""


def token_make(*, key: uuid.UUID, signer: signing.TimestampSigner | None = None):
    return (signer or InvitationSigner()).sign(key.hex)


def token_read(token: str, *, max_age: datetime.timedelta | None) -> uuid.UUID:
    """The invitation key inside a link; raises TokenExpired or TokenInvalid.
    With ``max_age=None`` an old but genuine link is read too."""
    try:
        value = InvitationSigner().unsign(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise TokenExpired from error
    except signing.BadSignature as error:
        raise TokenInvalid from error
    try:
        return uuid.UUID(hex=value)
    except ValueError as error:
        raise TokenInvalid from error
