"""Six months of accompaniment of the Panama delegations, for the demo: calls,
a mission, a document review, the actions agreed (some done, some due, one
late) and an internal note only the staff read. Written in Spanish, as the
delegations and their facilitators write."""

import datetime

from django.utils import timezone

from accompaniment.services import action_item_save, engagement_save

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
