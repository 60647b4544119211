"""A partly written roadmap in Spanish, so that a newcomer to the demo sees a real one.

``demo_roadmap_fill`` does nothing when the roadmap already has content, so the
demo seed can run it again and again without duplicating or overwriting work.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from academy.enums import NapStatus
from roadmaps import services
from roadmaps.enums import (
    Frequency,
    FundingStatus,
    MilestoneKind,
    MilestoneStatus,
    StandardPillar,
    TerritoryLevel,
)
from roadmaps.models import (
    Activity,
    Coordination,
    Indicator,
    Milestone,
    Outcome,
    Output,
    Pillar,
    ReferenceIndicator,
    Roadmap,
    Territory,
)
from roadmaps.reference_data import shipped_load

CONTEXT = (
    "En {country}, las mujeres siguen subrepresentadas en los espacios de decisión "
    "sobre paz y seguridad: ocupan menos de un tercio de los cargos de mando en las "
    "instituciones de seguridad y rara vez participan en las mesas de diálogo sobre "
    "conflictos sociales. Las organizaciones de mujeres de los territorios rurales e "
    "indígenas documentan situaciones de violencia en contextos de conflicto "
    "socioambiental que no llegan a las estadísticas oficiales.\n\n"
    "Existe un marco normativo favorable, pero falta un plan con presupuesto, "
    "metas medibles y una instancia que coordine a las instituciones."
)

# How the demo's indicators are tracked (roadmaps.Indicator: measure, direction,
# cumulative, dimensions, frequency), by statement.
TRACKING = {
    "Número de mujeres mediadoras certificadas": {
        "cumulative": True,
        "dimensions": ["age_band", "territory"],
        "frequency": Frequency.TWICE_A_YEAR,
    },
    "Porcentaje de municipios priorizados con ruta de atención activa": {
        "measure": "percentage",
    },
}

# An outcome indicator that measures an SDG indicator (shipped reference data),
# so the comparison lines the countries up on it; its baseline by country.
SEATS = "Proporción de escaños ocupados por mujeres en la Asamblea Nacional"
SEATS_BASELINE = {"BO": "48.2", "CR": "47.4", "EC": "38.7", "PA": "22.5"}

# (pillar, outcome, [(output, indicator or None, [(activity, lead, cost, status)])])
RESULTS = [
    (
        StandardPillar.PARTICIPATION,
        "Aumenta la participación significativa de las mujeres en los espacios de "
        "decisión sobre paz y seguridad.",
        [
            (
                "Mujeres lideresas formadas en mediación y diálogo.",
                (
                    "Número de mujeres mediadoras certificadas",
                    "personas",
                    (Decimal("12"), 2024),
                    (Decimal("60"), 2028),
                    "Registros de certificación del Ministerio de Justicia",
                ),
                [
                    (
                        "Diseñar e impartir un diplomado en mediación con enfoque "
                        "de género",
                        "Ministerio de Justicia",
                        Decimal("45000"),
                        FundingStatus.SECURED,
                    ),
                    (
                        "Crear una red nacional de mediadoras",
                        "Red de Mujeres por la Paz",
                        Decimal("18000"),
                        FundingStatus.PLEDGED,
                    ),
                ],
            ),
        ],
    ),
    (
        StandardPillar.PROTECTION,
        "Las mujeres y niñas afectadas por conflictos acceden a mecanismos de "
        "protección y justicia.",
        [
            (
                "Rutas de atención a la violencia basada en género fortalecidas en "
                "zonas de conflicto.",
                (
                    "Porcentaje de municipios priorizados con ruta de atención activa",
                    "%",
                    (Decimal("20"), 2024),
                    (None, None),
                    "",
                ),
                [
                    (
                        "Capacitar a operadores de justicia en atención con enfoque "
                        "de género",
                        "Fiscalía General",
                        Decimal("30000"),
                        FundingStatus.GAP,
                    ),
                    ("Elaborar protocolos locales de protección", "", None, ""),
                ],
            ),
        ],
    ),
]


def _has_content(roadmap: Roadmap) -> bool:
    return bool(
        roadmap.context_analysis.strip()
        or roadmap.toc_if.strip()
        or Outcome.objects.filter(roadmap=roadmap).exists()
        or Territory.objects.filter(roadmap=roadmap).exists()
    )


@transaction.atomic
def demo_roadmap_fill(*, roadmap: Roadmap) -> bool:
    """Write a partly finished roadmap in Spanish; returns False when the roadmap
    already had content (then nothing is changed).

    Side effects: the standard pillars and coordination (``roadmap_initialize``),
    outcomes, outputs, indicators, activities, a territory and milestones, each
    with a history record without a user.
    """
    roadmap = Roadmap.objects.select_related("delegation").get(pk=roadmap.pk)
    if _has_content(roadmap):
        return False
    services.roadmap_initialize(roadmap=roadmap)
    country = roadmap.delegation.country.name
    services.item_update(
        user=None,
        item=roadmap,
        base_version=roadmap.version,
        changes={
            "context_analysis": CONTEXT.format(country=country),
            "plan_start_year": 2026,
            "plan_end_year": 2030,
            "toc_if": (
                "Si las instituciones del Estado y las organizaciones de mujeres "
                "coordinan acciones con presupuesto asignado y metas medibles,"
            ),
            "toc_then": (
                "entonces aumentará la participación de las mujeres en la "
                "prevención y resolución de conflictos y mejorará su protección,"
            ),
        },
    )
    pillars = {
        pillar.standard: pillar for pillar in Pillar.objects.filter(roadmap=roadmap)
    }
    for standard, outcome_text, outputs in RESULTS:
        outcome = _create(roadmap, Outcome, pillars[standard], statement=outcome_text)
        if standard == StandardPillar.PARTICIPATION:
            _create(
                roadmap,
                Indicator,
                outcome,
                statement=SEATS,
                reference=_sdg("5.5.1"),
                measure="percentage",
                unit="%",
                baseline_value=Decimal(
                    SEATS_BASELINE.get(roadmap.delegation.country.code, "30")
                ),
                baseline_year=2024,
                target_value=Decimal("50"),
                target_year=2030,
                means_of_verification="Registro oficial del Tribunal Electoral",
                frequency=Frequency.YEARLY,
            )
        for output_text, indicator, activities in outputs:
            output = _create(roadmap, Output, outcome, statement=output_text)
            if indicator:
                text, unit, (base, base_year), (target, target_year), source = indicator
                _create(
                    roadmap,
                    Indicator,
                    output,
                    statement=text,
                    unit=unit,
                    baseline_value=base,
                    baseline_year=base_year,
                    target_value=target,
                    target_year=target_year,
                    means_of_verification=source,
                    **{"frequency": Frequency.YEARLY, **TRACKING.get(text, {})},
                )
            for text, lead, cost, status in activities:
                _create(
                    roadmap,
                    Activity,
                    output,
                    statement=text,
                    lead_institution=lead,
                    cost=cost,
                    currency="USD",
                    funding_status=status or FundingStatus.GAP,
                    start_quarter="2026-Q1" if cost else "",
                    end_quarter="2026-Q4" if cost else "",
                )
    coordination = Coordination.objects.get(roadmap=roadmap)
    services.item_update(
        user=None,
        item=coordination,
        base_version=coordination.version,
        changes={
            "lead_institution": "Ministerio de Relaciones Exteriores",
            "coordination_body": "Mesa interinstitucional Mujeres, Paz y Seguridad",
            "members": "Cancillería\nMinisterio de Defensa\nMinisterio de Justicia",
        },
    )
    _create(
        roadmap,
        Territory,
        None,
        name="Región fronteriza norte",
        level=TerritoryLevel.PROVINCE,
        local_actors="Gobierno departamental, organizaciones de mujeres indígenas",
        local_actions="Diagnóstico participativo de riesgos para las mujeres",
    )
    # The path so far, for a plan not adopted yet: the stages the delegation's
    # registration did not set.
    if roadmap.nap_status not in {NapStatus.NONE, NapStatus.DRAFTING}:
        return True
    present = set(
        Milestone.objects.filter(roadmap=roadmap, deleted_at__isnull=True).values_list(
            "kind", flat=True
        )
    )
    for kind, planned, status, achieved in (
        (
            MilestoneKind.DRAFTING,
            datetime.date(2025, 9, 30),
            MilestoneStatus.ACHIEVED,
            datetime.date(2025, 9, 26),
        ),
        (
            MilestoneKind.CONSULTATION,
            datetime.date(2025, 12, 15),
            MilestoneStatus.IN_PROGRESS,
            None,
        ),
        (
            MilestoneKind.VALIDATION,
            datetime.date(2026, 3, 31),
            MilestoneStatus.PLANNED,
            None,
        ),
        (
            MilestoneKind.ADOPTION,
            datetime.date(2026, 6, 30),
            MilestoneStatus.PLANNED,
            None,
        ),
    ):
        if kind not in present:
            _create(
                roadmap,
                Milestone,
                None,
                kind=kind,
                planned_date=planned,
                status=status,
                achieved_date=achieved,
            )
    return True


def _sdg(code: str) -> ReferenceIndicator:
    if not ReferenceIndicator.objects.filter(framework="sdg", code=code).exists():
        shipped_load(ReferenceIndicator)  # after a flush, which empties it
    return ReferenceIndicator.objects.get(convening=None, framework="sdg", code=code)


def _create(roadmap, model, parent, **fields):
    return services.item_create(
        user=None, roadmap=roadmap, model=model, parent=parent, fields=fields
    )
