"""Convenings, delegations, people and sessions (the academy app's models)."""

import datetime
import zoneinfo

import factory
from django.utils import timezone
from django_countries import countries

from academy.enums import Module, Role, Sector
from academy.models import (
    Convening,
    ConveningRole,
    Delegation,
    Organization,
    Participant,
    Session,
)
from tests.factories.accounts import UserFactory

# Thirty countries of Latin America and the Caribbean, for cohorts that grow.
COUNTRIES = [
    "AR",
    "BO",
    "BR",
    "CL",
    "CO",
    "CR",
    "CU",
    "DO",
    "EC",
    "SV",
    "GT",
    "HN",
    "MX",
    "NI",
    "PA",
    "PY",
    "PE",
    "UY",
    "VE",
    "BZ",
    "GY",
    "SR",
    "JM",
    "TT",
    "HT",
    "BS",
    "BB",
    "DM",
    "GD",
    "LC",
]


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")


class ConveningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Convening

    name = factory.Sequence(lambda n: f"Academy {n}")
    edition = 1
    city = "Panama City"
    country = "PA"
    venue = "Conference centre"
    start_date = datetime.date(2025, 6, 24)
    end_date = datetime.date(2025, 6, 26)
    time_zone = "America/Panama"


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConveningRole

    convening = factory.SubFactory(ConveningFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.ORGANIZER


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation
        skip_postgeneration_save = True

    convening = factory.SubFactory(ConveningFactory)
    country = factory.Iterator(["BO", "CR", "EC", "PA", "CO", "GT", "HN", "MX"])
    roadmap = factory.RelatedFactory(
        "tests.factories.roadmaps.RoadmapFactory", factory_related_name="delegation"
    )


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    user = factory.SubFactory(UserFactory)
    delegation = factory.SubFactory(DelegationFactory)
    sector = Sector.GOVERNMENT
    organization = "Ministry of Foreign Affairs"
    position = "Adviser"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    convening = factory.SubFactory(ConveningFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    module = Module.THEORY_OF_CHANGE
    starts_at = factory.LazyFunction(
        lambda: timezone.make_aware(datetime.datetime(2025, 6, 24, 9, 0))
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=1))
    room = "Room A"


PANAMA = zoneinfo.ZoneInfo("America/Panama")


def panama(day, hour, minute=0):
    """An aware datetime at a wall-clock time in Panama in June 2025."""
    return datetime.datetime(2025, 6, day, hour, minute, tzinfo=PANAMA)


def session_at(convening, day, hour, minute=0, *, hours=1, **fields):
    """A session of the convening at a local time of Panama (UTC-5 all year)."""
    starts_at = panama(day, hour, minute)
    return SessionFactory(
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
        delegation = DelegationFactory(convening=convening, country=code)
        ParticipantFactory.create_batch(members_each, delegation=delegation)
        delegations.append(delegation)
    return delegations
