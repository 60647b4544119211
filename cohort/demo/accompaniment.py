"""Six months of accompaniment of the Panama delegations, for the demo: calls,
a mission, a document review, the actions agreed (some done, some due, one
late), an internal note only the staff read, and the stages of each NAP path
reached meanwhile (with a decree number where a plan was adopted). Written in
Spanish, as the delegations and their facilitators write."""

import datetime
from decimal import Decimal

from django.utils import timezone

from accompaniment.models import DisaggregationCategory, ReportingPeriod
from accompaniment.services import (
    action_item_save,
    categories_ensure,
    engagement_save,
    indicator_update_review,
    indicator_update_save,
    milestone_track,
    periods_sync,
)
from roadmaps.models import Indicator, Milestone, Roadmap

# (days after the convening, kind, modality, place, topics, summary, agreements,
# visibility, [(action, owner side, due in days after the engagement, status)])
FOLLOW_UP = [
    (
        14,
        "call",
        "virtual",
        "",
        ["roadmap_design"],
        "Revisión de la hoja de ruta con la persona de enlace después de la Academia.",
        "Compartir la hoja de ruta con la mesa interinstitucional.",
        "delegation",
        [
            (
                "Compartir la hoja de ruta con la mesa interinstitucional",
                "delegation",
                21,
                "done",
            )
        ],
    ),
    (
        45,
        "virtual_meeting",
        "virtual",
        "",
        ["gender_budgeting"],
        "Taller de costeo con los ministerios de planificación y de finanzas.",
        "Costear las actividades del pilar 1 antes de la validación.",
        "delegation",
        [
            ("Costear las actividades del pilar 1", "delegation", 30, "in_progress"),
            ("Enviar la plantilla de costeo en español", "organizers", 7, "done"),
        ],
    ),
    (
        90,
        "mission",
        "in_person",
        "{city}",
        ["institutional_coordination", "localization"],
        "Tres días con el equipo de redacción y dos gobiernos locales.",
        "Realizar el taller de validación con la sociedad civil este trimestre.",
        "delegation",
        [("Convocar el taller de validación", "delegation", 60, "open")],
    ),
    (
        120,
        "technical_note",
        "written",
        "",
        ["monitoring_evaluation"],
        "La persona de enlace pasa a otro ministerio; acordar pronto quién la sucede.",
        "",
        "staff",
        [
            (
                "Pedir al ministerio que nombre una nueva persona de enlace",
                "organizers",
                10,
                "open",
            )
        ],
    ),
    (
        160,
        "document_review",
        "written",
        "",
        ["monitoring_evaluation"],
        "Comentarios a la matriz de MyE: faltan las líneas de base de dos indicadores.",
        "Completar las líneas de base con la encuesta de 2024.",
        "delegation",
        [("Completar las líneas de base que faltan", "delegation", 21, "open")],
    ),
]


def demo_accompaniment_load(*, delegation, facilitator, city: str) -> None:
    """Record the demo follow-up of one delegation, once (nothing when it has
    any engagement already)."""
    if delegation.engagements.exists():
        return
    # The last six months, so that some actions are done, some due and one late.
    start = max(
        delegation.convening.end_date,
        timezone.localdate() - datetime.timedelta(days=175),
    )
    members = list(delegation.members.select_related("user")[:2])
    for (
        days,
        kind,
        modality,
        place,
        topics,
        summary,
        agreements,
        visibility,
        actions,
    ) in FOLLOW_UP:
        on = start + datetime.timedelta(days=days)
        engagement = engagement_save(
            delegation=delegation,
            user=facilitator,
            kind=kind,
            status="held",
            starts_on=on,
            ends_on=on + datetime.timedelta(days=2) if kind == "mission" else None,
            modality=modality,
            place=place.format(city=city),
            topics=topics,
            summary=summary,
            agreements=agreements,
            visibility=visibility,
            facilitators=[facilitator],
            participants=members if visibility == "delegation" else [],
        )
        for title, side, due_in, status in actions:
            action_item_save(
                delegation=delegation,
                user=facilitator,
                engagement=engagement,
                title=title,
                owner_side=side,
                owner=members[0].user
                if side == "delegation" and members
                else facilitator,
                due_on=on + datetime.timedelta(days=due_in),
                status=status,
                visibility=visibility,
            )

    _path_load(delegation=delegation, facilitator=facilitator, start=start)
    if members:
        _tracking_load(
            delegation=delegation, member=members[0].user, facilitator=facilitator
        )


# Stages reached or rescheduled during the six months, by where the country
# stood when it came (its NAP status then): (stage, status, days after the
# start: achieved on / planned for, days it slipped, legal instrument, notes).
PATH = {
    "drafting": [
        ("drafting", "achieved", 40, 0, "", "Borrador aprobado por la mesa técnica."),
        (
            "consultation",
            "achieved",
            120,
            0,
            "",
            "Cinco consultas territoriales con organizaciones de mujeres.",
        ),
        (
            "validation",
            "delayed",
            150,
            75,
            "",
            "La validación interinstitucional se aplazó por el cambio de gabinete.",
        ),
        ("adoption", "planned", 300, 0, "", ""),
        ("costing", "in_progress", 160, 0, "", "Costeo con el Ministerio de Finanzas."),
    ],
    "adopted": [
        (
            "costing",
            "achieved",
            60,
            0,
            "",
            "Costeo incorporado al presupuesto del próximo año.",
        ),
        ("launch", "achieved", 90, 0, "", "Lanzamiento público con la sociedad civil."),
        ("implementation", "in_progress", 100, 0, "", ""),
        ("mid_term_review", "planned", 600, 0, "", ""),
    ],
    "renewing": [
        (
            "evaluation",
            "achieved",
            30,
            0,
            "",
            "Evaluación final del primer plan, con recomendaciones.",
        ),
        ("drafting", "in_progress", 120, 0, "", "Redacción del segundo plan."),
        ("consultation", "at_risk", 170, 45, "", "Falta financiamiento."),
    ],
}
# The instrument that adopted the plan in force (demo values), by country.
DECREES = {
    "PA": (
        "Decreto Ejecutivo N.º 58 de 2024",
        "https://www.gacetaoficial.gob.pa/",
        datetime.date(2024, 3, 8),
    ),
    "CR": ("Decreto Ejecutivo N.º 41148-MP-RE", "", datetime.date(2018, 6, 5)),
}


def _path_load(*, delegation, facilitator, start) -> None:
    """Move the delegation's NAP path along over the six months."""
    roadmap = delegation.roadmap
    status = roadmap.nap_status
    today = timezone.localdate()
    for kind, stage_status, days, slipped, instrument, notes in PATH.get(status, []):
        on = start + datetime.timedelta(days=days)
        # A stage "achieved" on a day still to come is under way today.
        achieved = stage_status == "achieved" and on <= today
        if stage_status == "achieved" and not achieved:
            stage_status = "in_progress"
        milestone_track(
            user=facilitator,
            roadmap=roadmap,
            kind=kind,
            fields={
                "status": stage_status,
                "planned_date": on,
                "revised_date": on + datetime.timedelta(days=slipped)
                if slipped
                else None,
                "achieved_date": on if achieved else None,
                "legal_instrument": instrument,
                "evidence_url": "",
                "notes": notes,
            },
            base_version=None,
        )
    adoption = Milestone.objects.filter(
        roadmap=roadmap, kind="adoption", status="achieved", deleted_at__isnull=True
    ).first()
    decree = DECREES.get(delegation.country.code)
    if adoption is not None and decree and not adoption.legal_instrument:
        milestone_track(
            user=facilitator,
            roadmap=roadmap,
            kind="adoption",
            fields={
                "status": "achieved",
                "planned_date": adoption.planned_date,
                "revised_date": adoption.revised_date,
                "achieved_date": adoption.achieved_date or decree[2],
                "legal_instrument": decree[0],
                "evidence_url": decree[1],
                "notes": adoption.notes,
            },
            base_version=adoption.version,
        )


RETURNED = "Falta el desglose por territorio: agréguelo y envíe de nuevo."


def _tracking_load(*, delegation, member, facilitator) -> None:
    """Two reporting periods of the mediators trained (the first approved, the
    second returned for its missing territories) and the first year of the
    municipalities with a protection route (awaiting review)."""
    roadmap = Roadmap.objects.get(pk=delegation.roadmap.pk)  # as filled since
    indicators = list(Indicator.objects.filter(roadmap=roadmap, deleted_at=None))
    periods_sync(roadmap=roadmap, indicators=indicators)
    categories_ensure(roadmap=roadmap)
    today = timezone.localdate()
    categories = {
        (c.dimension, c.code or c.name): c.pk
        for c in DisaggregationCategory.objects.filter(roadmap=roadmap)
    }
    for indicator in indicators:
        periods = [
            p
            for p in ReportingPeriod.objects.filter(indicator=indicator)
            if p.starts_on <= today
        ][:2]
        if indicator.cumulative:
            for number, period in enumerate(periods):
                as_of = min(period.ends_on, today)
                ages = ("age_18_29", "age_30_44", "age_45_64")
                values = dict(
                    zip(
                        [categories[("age_band", code)] for code in ages],
                        [Decimal(8), Decimal(7), Decimal(3)]
                        if number == 0
                        else [Decimal(5), Decimal(4), Decimal(2)],
                        strict=True,
                    )
                )
                territory = categories.get(("territory", "Región fronteriza norte"))
                if territory and number == 0:
                    values[territory] = Decimal(18)
                update = indicator_update_save(
                    period=period,
                    user=member,
                    fields={
                        "value": Decimal(18) if number == 0 else Decimal(11),
                        "as_of": as_of,
                        "narrative": (
                            "Primera cohorte del diplomado en mediación certificada."
                            if number == 0
                            else "Segunda cohorte: faltan dos certificados por emitir."
                        ),
                    },
                    category_values=values,
                    submit=True,
                    today=today,
                )
                indicator_update_review(
                    update=update,
                    user=facilitator,
                    approve=number == 0,
                    comment="" if number == 0 else RETURNED,
                )
        elif indicator.measure == "percentage" and periods:
            indicator_update_save(
                period=periods[0],
                user=member,
                fields={
                    "numerator": Decimal(9),
                    "denominator": Decimal(30),
                    "as_of": min(periods[0].ends_on, today),
                    "narrative": "Nueve de los treinta municipios priorizados.",
                },
                submit=True,
                today=today,
            )
