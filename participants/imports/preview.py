"""Keeping a previewed import between the preview and the confirmation: in the
organizer's session, signed and compressed, so what comes back is exactly what
was previewed, and only for an hour."""

import secrets

from django.core import signing

from participants.imports.report import ImportReport

IMPORT_SALT = "participants.import"
IMPORT_MAX_AGE = 60 * 60


def _session_key(convening) -> str:
    return f"participant_import:{convening.pk}"


def import_preview_keep(*, session, convening, report: ImportReport) -> str:
    """Keep the report's rows in the session (replacing an earlier preview of
    this convening); returns the token the confirmation must bring back."""
    token = secrets.token_urlsafe(16)
    session[_session_key(convening)] = signing.dumps(
        {"token": token, "rows": report.payload(), "existing": report.existing},
        salt=IMPORT_SALT,
        compress=True,
    )
    return token


def import_preview_take(*, session, convening, token: str) -> tuple | None:
    """(rows, existing): the previewed rows and what to do with people already
    in the convening, if ``token`` is the latest preview's and it has not
    expired, else None. Side effect: the preview leaves the session when taken."""
    stored = session.get(_session_key(convening))
    if not stored:
        return None
    try:
        payload = signing.loads(stored, salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE)
    except signing.BadSignature:
        return None
    if payload.get("token") != token:
        return None
    del session[_session_key(convening)]
    return payload["rows"], payload.get("existing", "refuse")
