"""Fixtures for the invitations area: people to invite, and reading sent links."""

import re

import pytest

from tests import factories

LINK = re.compile(r"https?://[^/\s]+(/invitations/accept/[^/\s]+/)")


@pytest.fixture
def spanish_participant(bolivia):
    return factories.ParticipantFactory(
        delegation=bolivia,
        user__email="sofia@test.org",
        user__full_name="Sofía Suárez",
        user__preferred_language="es",
    )


@pytest.fixture
def english_participant(ecuador):
    return factories.ParticipantFactory(
        delegation=ecuador,
        user__email="emma@test.org",
        user__full_name="Emma English",
        user__preferred_language="en",
    )


@pytest.fixture(autouse=True)
def _emails_in_process(in_process_tasks):
    """E-mails are sent in this process, whatever CELERY_BROKER_URL says, so the
    tests read them in mail.outbox; test_invitations_worker.py uses a real worker
    (its fixture turns this off)."""


def accept_path(message):
    """The path of the accept link in a sent invitation e-mail."""
    return LINK.search(message.body).group(1)


@pytest.fixture
def peru(convening):
    """A delegation named in Spanish and English differently (Perú / Peru)."""
    return factories.DelegationFactory(convening=convening, country="PE")
