"""Fixtures for the agenda and attendance tests: sessions at known local times of
the Panama convening (UTC-5 all year), and helpers to grow a cohort."""

import datetime
import zoneinfo

import pytest
from django.utils import translation
from django_countries import countries

from academy.enums import Module
from tests import factories

PANAMA = zoneinfo.ZoneInfo("America/Panama")


def panama(day, hour, minute=0):
    """An aware datetime at a wall-clock time in Panama in June 2025."""
    return datetime.datetime(2025, 6, day, hour, minute, tzinfo=PANAMA)


def session_at(convening, day, hour, minute=0, *, hours=1, **fields):
    starts_at = panama(day, hour, minute)
    return factories.SessionFactory(
        convening=convening,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=hours),
        **fields,
    )


def grow_delegations(convening, count, members_each):
    """``count`` delegations of the convening with ``members_each`` people each."""
    codes = [code for code, _name in countries][:count]
    delegations = []
    for code in codes:
        delegation = factories.DelegationFactory(convening=convening, country=code)
        factories.ParticipantFactory.create_batch(members_each, delegation=delegation)
        delegations.append(delegation)
    return delegations


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
