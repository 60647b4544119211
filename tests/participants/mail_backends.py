"""Mail servers that misbehave, for the delivery tests."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class RefusingBackend(EmailBackend):
    """Takes every message but those to an address with "refused" in it."""

    def send_messages(self, messages):
        for message in messages:
            for address in message.to:
                if "refused" in address:
                    raise smtplib.SMTPRecipientsRefused(
                        {address: (550, b"5.1.1 No such user")}
                    )
        return super().send_messages(messages)


class UnreachableBackend(EmailBackend):
    """A mail server that cannot be reached."""

    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")
