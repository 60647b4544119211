"""A whole cohort for browser tests: every role, an agenda, a drafted roadmap."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from academy.enums import Module, Role, Sector
from academy.services import convening_logo_add
from accompaniment.services import action_item_save, engagement_save
from cohort.demo.logos import wordmark_svg
from roadmaps.demo import demo_roadmap_fill
from tests.factories.academy import (
    ConveningFactory,
    DelegationFactory,
    ParticipantFactory,
    RoleFactory,
    SessionFactory,
)
from tests.factories.accounts import UserFactory


@dataclass
class Cohort:
    convening: object
    bolivia: object
    ecuador: object
    organizer: object
    facilitator: object
    bolivia_member: object


def cohort_build() -> Cohort:
    """The people of tests/conftest.py's fixtures (same e-mails and names), in a
    convening with an agenda over two days, members in both sectors, and
    Bolivia's roadmap filled with the demo content."""
    convening = ConveningFactory(
        name="Academy Panama", description="Three days on results-oriented roadmaps."
    )
    bolivia = DelegationFactory(convening=convening, country="BO")
    ecuador = DelegationFactory(convening=convening, country="EC")
    organizer = UserFactory(email="organizer@test.org", full_name="Olga Organizer")
    RoleFactory(convening=convening, user=organizer, role=Role.ORGANIZER)
    facilitator = UserFactory(email="facilitator@test.org", full_name="Fabio Facil")
    RoleFactory(convening=convening, user=facilitator, role=Role.FACILITATOR)
    bolivia_member = ParticipantFactory(
        delegation=bolivia, user__email="bo@test.org", user__full_name="Berta Bolivia"
    ).user
    for day, hour, module in [
        (24, 9, Module.ROADMAP_DESIGN),
        (24, 11, Module.THEORY_OF_CHANGE),
        (25, 9, Module.GENDER_BUDGETING),
    ]:
        starts_at = timezone.make_aware(
            datetime.datetime(2025, 6, day, hour, 0), timezone=convening.zone
        )
        session = SessionFactory(
            convening=convening, module=module, starts_at=starts_at
        )
        session.facilitators.add(facilitator)
    ParticipantFactory(
        delegation=bolivia, sector=Sector.CIVIL_SOCIETY, organization="Red de Mujeres"
    )
    ParticipantFactory(delegation=bolivia)
    ParticipantFactory(delegation=ecuador)
    bolivia.focal_point = bolivia_member
    bolivia.save()
    demo_roadmap_fill(roadmap=bolivia.roadmap)  # the editor with real content
    bolivia.facilitators.add(facilitator)
    call = engagement_save(  # the follow-up after the convening
        delegation=bolivia,
        user=facilitator,
        kind="call",
        starts_on=datetime.date(2025, 7, 10),
        summary="First call after the Academy.",
        agreements="Share the roadmap with the ministries.",
    )
    action_item_save(
        delegation=bolivia,
        user=facilitator,
        engagement=call,
        title="Share the roadmap",
        owner_side="delegation",
        owner=bolivia_member,
        due_on=datetime.date(2025, 7, 31),
    )
    convening_logo_add(  # the reports' cover
        convening=convening,
        user=organizer,
        content=wordmark_svg(acronym="UNW"),
        name_es="ONU Mujeres",
        name_en="UN Women",
    )
    return Cohort(convening, bolivia, ecuador, organizer, facilitator, bolivia_member)
