"""A large cohort for `make bench`, in a PostgreSQL database of its own.

30 delegations of 8 members, 60 sessions with their attendance, and the large
roadmap for every delegation (4 pillars x 3 outcomes x 3 outputs x 4 activities,
an indicator on each outcome and output). Convening, roles, delegations (with
their roadmap, pillars and coordination), participants, sessions and the
roadmaps' texts go through our services; the roadmap trees and the attendance
are written with bulk_create (with the same history records the services write),
which keeps the load to seconds. Everyone gets the same password, hashed once:
hashing it 240 times would cost a minute of PBKDF2 for nothing.

``database_create``/``database_drop`` run before Django is set up;
``cohort_load`` needs Django set up on that database (see bench/run.py). It
can load a second, smaller cohort beside the first (``delegations``, with a
``tag`` in its people's e-mail addresses), to compare the cohort pages.
"""

import datetime
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal

import psycopg2
from psycopg2 import sql

from bench import evaluation as bench_evaluation
from bench.followup import followup_load, tracking_load
from bench.history import bulk

ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
DATABASE_NAME = "academy_bench"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE_NAME}"
PASSWORD = "bench-pass-2025"

DELEGATIONS = 30
MEMBERS = 8
SESSIONS = 60
OUTCOMES, OUTPUTS, ACTIVITIES = 3, 3, 4  # per pillar, per outcome, per output
# fmt: off
COUNTRIES = [
    "AR", "BO", "BR", "CL", "CO", "CR", "CU", "DO", "EC", "SV", "GT", "HN", "MX",
    "NI", "PA", "PY", "PE", "UY", "VE", "JM", "TT", "BB", "BS", "BZ", "GY", "SR",
    "HT", "LC", "GD", "DM",
]
# fmt: on
ZONE = zoneinfo.ZoneInfo("America/Panama")
FIRST_DAY = datetime.date(2025, 6, 23)
DAYS = 5


@dataclass
class Cohort:
    """What the bench needs to find in the loaded cohort."""

    convening_id: int
    organizer: str
    facilitator: str
    participant: str
    delegation_id: int
    roadmap_id: int
    editors: list[str] = field(default_factory=list)  # members of that delegation
    surveys: dict = field(default_factory=dict)  # responses -> survey id
    counts: dict = field(default_factory=dict)


def _admin(statement):
    connection = psycopg2.connect(ADMIN_URL)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()


def database_create():
    """A fresh, empty academy_bench (an earlier one left by a crash is dropped)."""
    database_drop()
    _admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE_NAME)))


def database_drop():
    _admin(
        sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(DATABASE_NAME)
        )
    )


def _people(tag):
    from django.contrib.auth.hashers import make_password

    from accounts.models import User

    password = make_password(PASSWORD)
    organizer = User.objects.create(
        email=f"organizer{tag}@bench.example.org",
        full_name="Bench Organizer",
        password=password,
    )
    facilitators = [
        User.objects.create(
            email=f"facilitator{number}{tag}@bench.example.org",
            full_name=f"Bench Facilitator {number}",
            password=password,
        )
        for number in range(1, 5)
    ]
    return organizer, facilitators, password


def _sessions(convening, facilitators):
    from academy.enums import Module
    from academy.services import session_create

    modules = list(Module)
    sessions = []
    per_day = SESSIONS // DAYS
    for number in range(SESSIONS):
        day, slot = divmod(number, per_day)
        # Three rooms in parallel, four slots a day.
        hour = 9 + 2 * (slot // 3)
        starts_at = datetime.datetime.combine(
            FIRST_DAY + datetime.timedelta(days=day), datetime.time(hour), ZONE
        )
        module = modules[number % len(modules)]
        sessions.append(
            session_create(
                convening=convening,
                title_en=f"Session {number + 1}: {module.label}",
                title_es=f"Sesión {number + 1}",
                module=module,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(minutes=90),
                room=f"Room {slot % 3 + 1}",
                facilitators=facilitators[number % 2 :: 2],
            )
        )
    return sessions


def _members(convening, delegations, password, tag):
    from academy.enums import Sector
    from accounts.models import User
    from participants.services import NewParticipant, participants_bulk_create

    people = [
        NewParticipant(
            email=f"member{number}.{delegation.country.code.lower()}{tag}"
            "@bench.example.org",
            full_name=f"Member {number} {delegation.country.name}",
            preferred_language="es" if number % 3 else "en",
            delegation_id=delegation.pk,
            sector=(
                Sector.GOVERNMENT if number <= MEMBERS // 2 else Sector.CIVIL_SOCIETY
            ),
            organization=f"Organization {number}",
            position="Advisor",
        )
        for delegation in delegations
        for number in range(1, MEMBERS + 1)
    ]
    result = participants_bulk_create(convening=convening, people=people)
    # The accounts as if every invitation had been accepted.
    User.objects.filter(memberships__convening=convening).update(password=password)
    return result.participants


def _attendance(sessions, participants, organizer):
    from academy.enums import AttendanceStatus
    from academy.models import Attendance
    from academy.services import attendance_changed

    statuses = list(AttendanceStatus)
    Attendance.objects.bulk_create(
        [
            Attendance(
                session=session,
                participant=participant,
                status=statuses[(session.pk + participant.pk) % 7 % len(statuses)],
                marked_by=organizer,
            )
            for session in sessions
            for participant in participants
        ],
        batch_size=5000,
    )
    attendance_changed(convening_id=sessions[0].convening_id)


def _trees(roadmaps):
    """Every pillar of every roadmap gets the large result tree."""
    from roadmaps.models import Activity, Indicator, Outcome, Output, Pillar

    pillars = list(Pillar.objects.filter(roadmap__in=roadmaps).order_by("pk"))
    outcomes = bulk(
        Outcome,
        [
            Outcome(
                roadmap_id=pillar.roadmap_id,
                pillar=pillar,
                position=number,
                statement=f"Outcome {number} of pillar {pillar.standard}: women "
                "take part in decisions on peace and security.",
                assumptions="Institutions keep their commitment.",
            )
            for pillar in pillars
            for number in range(1, OUTCOMES + 1)
        ],
    )
    outputs = bulk(
        Output,
        [
            Output(
                roadmap_id=outcome.roadmap_id,
                outcome=outcome,
                position=number,
                statement=f"Output {number}: mediators and officials are trained.",
            )
            for outcome in outcomes
            for number in range(1, OUTPUTS + 1)
        ],
    )
    indicator = {
        "statement": "Share of women among certified mediators",
        "unit": "percent",
        "baseline_value": Decimal("12"),
        "baseline_year": 2024,
        "target_value": Decimal("40"),
        "target_year": 2029,
        "means_of_verification": "Annual report of the Ministry of Justice",
        "frequency": "yearly",
        "responsible_institution": "Ministry of Justice",
        "dimensions": ["sex"],
    }
    bulk(
        Indicator,
        [
            Indicator(roadmap_id=o.roadmap_id, outcome=o, position=1, **indicator)
            for o in outcomes
        ]
        + [
            Indicator(roadmap_id=p.roadmap_id, output=p, position=1, **indicator)
            for p in outputs
        ],
    )
    bulk(
        Activity,
        [
            Activity(
                roadmap_id=output.roadmap_id,
                output=output,
                position=number,
                statement=f"Activity {number}: a training course for mediators.",
                lead_institution="Ministry of Justice",
                partners="Women's peace network",
                civil_society_role="Co-designs and delivers the course",
                start_quarter="2025-Q3",
                end_quarter="2026-Q2",
                cost=Decimal(1000 * number),
                currency="USD",
                funding_source="National budget",
                funding_status=("secured", "pledged", "gap")[number % 3],
            )
            for output in outputs
            for number in range(1, ACTIVITIES + 1)
        ],
    )


def _texts(roadmaps, comment_author):
    """Context and theory of change written through the versioned update, and
    a few comments of a facilitator."""
    from roadmaps.models import Comment
    from roadmaps.services import item_update

    context = (
        "Women remain under-represented where peace and security are decided. "
    ) * 12
    for roadmap in roadmaps:
        item_update(
            user=None,
            item=roadmap,
            base_version=roadmap.version,
            changes={
                "context_analysis": context,
                "plan_start_year": 2025,
                "plan_end_year": 2029,
                "toc_if": "women take part in every peace table",
                "toc_then": "agreements last longer",
                "toc_because": "they reflect the whole society",
            },
        )
    Comment.objects.bulk_create(
        [
            Comment(
                roadmap=roadmap,
                section=section,
                author=comment_author,
                body=f"Please add a baseline for {section}.",
            )
            for roadmap in roadmaps
            for section in ("results", "indicators", "activities")
        ]
    )
    # Written around the services: counted as the services count their writes.
    from roadmaps.models import REVISION_FIELDS
    from roadmaps.services import roadmap_revision_bump

    for roadmap in roadmaps:
        roadmap_revision_bump(roadmap_id=roadmap.pk, kinds=REVISION_FIELDS)


def cohort_load(*, delegations: int = DELEGATIONS, tag: str = "") -> Cohort:
    """Load a cohort of ``delegations`` delegations into the migrated database
    Django is set up on; ``tag`` tells its people apart from another cohort's."""
    from django.db import transaction

    from academy.enums import NapStatus, Role
    from academy.services import convening_create, convening_role_grant
    from accounts.models import User
    from cohort.services import delegation_register
    from roadmaps.models import Activity, Indicator, Roadmap

    with transaction.atomic():
        organizer, facilitators, password = _people(tag)
        convening = convening_create(
            user=organizer,
            name_es="Academia PAN MPS — cohorte de prueba de carga",
            name_en="WPS NAP Academy — bench cohort",
            edition=3,
            city_en="Panama City",
            city_es="Ciudad de Panamá",
            country="PA",
            start_date=FIRST_DAY,
            end_date=FIRST_DAY + datetime.timedelta(days=DAYS - 1),
            time_zone="America/Panama",
            languages=["es", "en"],
            description_en="A large cohort for `make bench`.",
        )
        for person in facilitators:
            convening_role_grant(
                convening=convening, user=person, role=Role.FACILITATOR
            )
        registered = [
            delegation_register(
                convening=convening, country=country, nap_status=NapStatus.DRAFTING
            )
            for country in COUNTRIES[:delegations]
        ]
        participants = _members(convening, registered, password, tag)
        sessions = _sessions(convening, facilitators)
        _attendance(sessions, participants, organizer)
        roadmaps = list(Roadmap.objects.filter(delegation__in=registered))
        _trees(roadmaps)
        _texts(roadmaps, facilitators[0])
        followup_load(registered, facilitators[0], FIRST_DAY)
        tracking_load(roadmaps, registered[0].roadmap, facilitators[0])
        surveys = bench_evaluation.surveys_load(convening, participants)

    target = registered[0]
    editors = sorted(
        User.objects.filter(memberships__delegation=target).values_list(
            "email", flat=True
        )
    )
    return Cohort(
        convening_id=convening.pk,
        organizer=organizer.email,
        facilitator=facilitators[0].email,
        participant=editors[0],
        delegation_id=target.pk,
        roadmap_id=target.roadmap.pk,
        editors=editors,
        surveys=surveys,
        counts={
            "delegations": len(registered),
            "participants": len(participants),
            "sessions": len(sessions),
            "activities": Activity.objects.filter(roadmap__in=roadmaps).count(),
            "indicators": Indicator.objects.filter(roadmap__in=roadmaps).count(),
        },
    )
