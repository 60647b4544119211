"""What every e-mail task shares: which mail server errors are worth trying
again later."""

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
