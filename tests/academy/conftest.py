"""Fixtures for the agenda and attendance tests: sessions at known local times of
the Panama convening (UTC-5 all year). The builders are in tests/factories/."""

import pytest
from django.utils import translation

from academy.enums import Module
from tests.factories import session_at


@pytest.fixture
def opening(convening, facilitator):
    """Tuesday 24 June, 09:00–10:30 Panama time, in Room A with Fabio Facil."""
    session = session_at(
        convening,
        24,
        9,
        hours=1.5,
        title="Opening plenary",
        module=Module.ROADMAP_DESIGN,
        room="Room A",
        description="Welcome; goals of the Academy.",
    )
    session.facilitators.set([facilitator])
    return session


@pytest.fixture
def bolivia_participant(bolivia_member):
    return bolivia_member.memberships.get()


@pytest.fixture
def ecuador_participant(ecuador_member):
    return ecuador_member.memberships.get()


@pytest.fixture
def english():
    """Messages built outside a request speak English (the default is Spanish)."""
    with translation.override("en"):
        yield
