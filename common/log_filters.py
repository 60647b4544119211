"""Logging filters named in settings.LOGGING."""

import logging


class NotAConflict(logging.Filter):
    """Drop django.request's warning for a 409.

    A 409 is the editor's normal answer when two people save the same text: the
    person sees both versions and merges them. Logged, it is a warning per
    typing pause of every co-author, which buries the warnings that matter.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "status_code", None) != 409
