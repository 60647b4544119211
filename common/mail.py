"""What every e-mail task shares: which mail server errors are worth trying
again later, and how often and when."""

import smtplib
import socket

# The mail server could not be reached, or hung up: worth trying again later.
# Anything else it says (an unknown address, a refused message) will not change.
MAIL_SERVER_UNREACHABLE = (
    ConnectionError,
    TimeoutError,
    socket.gaierror,
    smtplib.SMTPConnectError,
    smtplib.SMTPServerDisconnected,
)

# An unreachable mail server is tried again after about 10 s, 20 s, 40 s, 80 s
# and 160 s (with jitter): some five minutes before the message is given up.
MAIL_RETRIES = 5

# The options of every e-mail task: ``@shared_task(name=..., **MAIL_TASK)``.
MAIL_TASK = {
    "bind": True,
    "ignore_result": True,
    "autoretry_for": MAIL_SERVER_UNREACHABLE,
    "retry_backoff": 10,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": MAIL_RETRIES,
}
