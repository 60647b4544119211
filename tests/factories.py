import datetime

import factory
from django.utils import timezone

from academy.enums import Module, NapStatus, Role, Sector
from academy.models import (
    Convening,
    ConveningRole,
    Delegation,
    Organization,
    Participant,
    Session,
)
from accounts.models import User
from roadmaps.models import Roadmap

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


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    preferred_language = "en"
    password = factory.django.Password("secret-pass-123")


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
        "tests.factories.RoadmapFactory", factory_related_name="delegation"
    )


class RoadmapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Roadmap

    nap_status = NapStatus.DRAFTING

    delegation = factory.SubFactory(DelegationFactory, roadmap=None)


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
