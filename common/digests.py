"""Digests of stored rows: what a cached piece of a page is keyed by.

A piece of HTML cached under the digest of the rows it shows can never be
served stale: any change to those rows (through the app, the admin or a
script) gives another key. See roadmaps/fragments.py for the roadmap editor
and academy/partials/agenda.html for the agenda.
"""

import hashlib


def row(instance) -> tuple:
    """The stored values of a model instance, every concrete field."""
    return tuple(
        getattr(instance, field.attname) for field in instance._meta.concrete_fields
    )


def stamp(values) -> str:
    """A short digest of plain values (rows, names, dates)."""
    return hashlib.blake2b(repr(values).encode(), digest_size=16).hexdigest()


def sessions_digest(sessions) -> str:
    """Agenda sessions as the agenda shows them: their rows and facilitators
    (``facilitator_list``, academy.selectors.agenda.with_facilitators)."""
    return stamp(
        [
            (row(session), [(f.pk, f.full_name) for f in session.facilitator_list])
            for session in sessions
        ]
    )
