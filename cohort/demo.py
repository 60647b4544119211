"""The demo cohort: the Panama convening (second edition) and the first edition.

Every person here is fictional. Running ``demo_cohort_load`` twice changes nothing:
each row is looked up by its natural key and only created when missing.
"""

import datetime
import zoneinfo

from django.db import transaction

from academy.enums import Module, NapStatus, Role, Sector
from academy.models import Convening, Delegation, Organization, Participant, Session
from academy.services import convening_role_grant
from accounts.models import User
from cohort.services import delegation_register
from roadmaps.demo import demo_roadmap_fill

DEMO_PASSWORD = "academy-demo"  # for the demo only: the README says so
PANAMA_ZONE = zoneinfo.ZoneInfo("America/Panama")

ORGANIZATIONS = [
    ("Ministry of Foreign Affairs of Panama", "MIRE"),
    ("Our Secure Future", "OSF"),
    ("UN Women", "UN Women"),
]

G, C = Sector.GOVERNMENT, Sector.CIVIL_SOCIETY
# (iso2, NAP status, [(full name, sector, organization, position, language)])
DELEGATIONS = {
    "BO": (
        NapStatus.DRAFTING,
        [
            (
                "Valeria Quispe Mamani",
                G,
                "Ministerio de Justicia",
                "Directora de Género",
                "es",
            ),
            ("Rodrigo Choque Flores", G, "Ministerio de Defensa", "Asesor legal", "es"),
            ("Lucía Fernández Rojas", G, "Cancillería", "Primera secretaria", "es"),
            (
                "Marisol Condori Apaza",
                C,
                "Red de Mujeres Andinas por la Paz",
                "Coordinadora",
                "es",
            ),
            (
                "Andrea Villca Torrez",
                C,
                "Colectivo Warmi Yachay",
                "Investigadora",
                "es",
            ),
            (
                "Julia Mendoza Arce",
                C,
                "Fundación Tejiendo Paz",
                "Directora ejecutiva",
                "en",
            ),
        ],
    ),
    "CR": (
        NapStatus.RENEWING,
        [
            (
                "Daniela Solís Vargas",
                G,
                "Ministerio de Relaciones Exteriores",
                "Directora de Política Exterior",
                "es",
            ),
            (
                "Esteban Mora Jiménez",
                G,
                "Ministerio de Seguridad Pública",
                "Jefe de planificación",
                "es",
            ),
            (
                "Carolina Rojas Quesada",
                G,
                "Instituto Nacional de las Mujeres",
                "Especialista en presupuestos",
                "es",
            ),
            (
                "Gabriela Araya Castro",
                C,
                "Alianza Mujeres y Seguridad",
                "Presidenta",
                "es",
            ),
            ("Natalia Brenes Ulate", C, "Centro de Estudios de Paz", "Analista", "en"),
            (
                "Paula Vindas Segura",
                C,
                "Colectiva Territorios Seguros",
                "Coordinadora regional",
                "es",
            ),
        ],
    ),
    "EC": (
        NapStatus.DRAFTING,
        [
            (
                "María José Andrade León",
                G,
                "Ministerio de Relaciones Exteriores y Movilidad Humana",
                "Directora de Derechos Humanos",
                "es",
            ),
            (
                "Santiago Cevallos Pazmiño",
                G,
                "Ministerio de Defensa Nacional",
                "Asesor de género",
                "es",
            ),
            (
                "Verónica Salazar Ortiz",
                G,
                "Consejo Nacional para la Igualdad de Género",
                "Técnica de planificación",
                "es",
            ),
            (
                "Diana Guamán Chicaiza",
                C,
                "Red de Mujeres de Frontera",
                "Lideresa comunitaria",
                "es",
            ),
            (
                "Fernanda Ruiz Espinosa",
                C,
                "Observatorio Mujeres y Paz",
                "Directora",
                "en",
            ),
            (
                "Camila Yánez Herrera",
                C,
                "Fundación Caminos Seguros",
                "Oficial de programas",
                "es",
            ),
        ],
    ),
    "PA": (
        NapStatus.ADOPTED,
        [
            (
                "Ana Lucía Batista Pérez",
                G,
                "Ministerio de Relaciones Exteriores",
                "Directora de Organismos Internacionales",
                "es",
            ),
            (
                "Ricardo Herrera Domínguez",
                G,
                "Ministerio de Seguridad Pública",
                "Subdirector de planificación",
                "es",
            ),
            (
                "Itzel Castillo Montenegro",
                G,
                "Instituto Nacional de la Mujer",
                "Jefa de políticas públicas",
                "es",
            ),
            (
                "Yarisel Rodríguez Samudio",
                C,
                "Foro Mujeres del Istmo",
                "Coordinadora",
                "es",
            ),
            (
                "Katherine Pinzón Araúz",
                C,
                "Red Panameña de Paz y Seguridad",
                "Investigadora",
                "en",
            ),
            (
                "Elena Guerra Saldaña",
                C,
                "Asociación Mujeres Guna y Emberá",
                "Enlace territorial",
                "es",
            ),
        ],
    ),
}

FACILITATORS = [
    ("facilitator@example.org", "Sofía Martínez Ortega", "es"),
    ("facilitator.two@example.org", "Laura Benítez Cruz", "en"),
]

# (day 0–2, start, end, module, Spanish title, English title, room)
AGENDA = [
    (
        0,
        "09:00",
        "10:30",
        Module.ROADMAP_DESIGN,
        "Apertura: hojas de ruta orientadas a resultados",
        "Opening: results-oriented NAP roadmaps",
        "Salón Bolívar",
    ),
    (
        0,
        "11:00",
        "12:30",
        Module.THEORY_OF_CHANGE,
        "Construir una teoría del cambio",
        "Building a theory of change",
        "Salón Bolívar",
    ),
    (
        0,
        "14:00",
        "15:30",
        Module.STRATEGIC_DESIGN,
        "Diseño estratégico: pilares, resultados y productos",
        "Strategic design: pillars, outcomes and outputs",
        "Sala Darién",
    ),
    (
        0,
        "16:00",
        "17:00",
        Module.ROADMAP_DESIGN,
        "Trabajo por delegación: primer borrador de la hoja de ruta",
        "Delegation work: first draft of the roadmap",
        "Sala Darién",
    ),
    (
        1,
        "09:00",
        "10:30",
        Module.GENDER_BUDGETING,
        "Presupuestos con enfoque de género y costeo del PAN",
        "Gender budgeting and costing a NAP",
        "Salón Bolívar",
    ),
    (
        1,
        "11:00",
        "12:30",
        Module.INSTITUTIONAL_COORDINATION,
        "Coordinación interinstitucional y participación de la sociedad civil",
        "Institutional coordination and civil-society participation",
        "Salón Bolívar",
    ),
    (
        1,
        "14:00",
        "15:30",
        Module.LOCALIZATION,
        "Localización: llevar el PAN a los territorios",
        "Localization: bringing the NAP to the territories",
        "Sala Darién",
    ),
    (
        1,
        "16:00",
        "17:00",
        Module.GENDER_BUDGETING,
        "Trabajo por delegación: costeo de las actividades",
        "Delegation work: costing the activities",
        "Sala Darién",
    ),
    (
        2,
        "09:00",
        "10:30",
        Module.MONITORING_EVALUATION,
        "Monitoreo y evaluación: indicadores, líneas de base y metas",
        "Monitoring and evaluation: indicators, baselines and targets",
        "Salón Bolívar",
    ),
    (
        2,
        "11:00",
        "12:30",
        Module.MONITORING_EVALUATION,
        "Trabajo por delegación: la matriz de monitoreo y evaluación",
        "Delegation work: the M&E matrix",
        "Sala Darién",
    ),
    (
        2,
        "14:00",
        "15:30",
        Module.ROADMAP_DESIGN,
        "Presentación de las hojas de ruta: revisión entre pares",
        "Roadmaps presented: peer review",
        "Salón Bolívar",
    ),
    (
        2,
        "16:00",
        "16:45",
        Module.ROADMAP_DESIGN,
        "Clausura y próximos pasos del acompañamiento",
        "Closing and next steps of the accompaniment",
        "Salón Bolívar",
    ),
]


def _user(email, full_name, language, created):
    user, was_created = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, "preferred_language": language}
    )
    if was_created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        created.append(email)
    return user


def _email_for(full_name, iso3):
    first, last = full_name.split(" ")[0], full_name.split(" ")[-2]
    ascii_name = f"{first}.{last}".lower()
    for accented, plain in zip("áéíóúñü", "aeiounu", strict=True):
        ascii_name = ascii_name.replace(accented, plain)
    return f"{ascii_name}.{iso3.lower()}@example.org"


@transaction.atomic
def demo_cohort_load():
    """Create whatever part of the demo cohort is missing; return new accounts."""
    created = []
    organizations = {
        name: Organization.objects.get_or_create(name=name, defaults={"acronym": acr})[
            0
        ]
        for name, acr in ORGANIZATIONS
    }
    organizer = _user("organizer@example.org", "Mónica Aguilar Reyes", "es", created)
    facilitators = [_user(e, n, lang, created) for e, n, lang in FACILITATORS]

    # Looked up by edition and city: names are bilingual (academy/translation.py).
    first, _new = Convening.objects.get_or_create(
        edition=1,
        city="Port of Spain",
        defaults={
            "name_en": "WPS NAP Academy — Port of Spain 2024",
            "name_es": "Academia de PAN sobre MPS — Puerto España 2024",
            "country": "TT",
            "venue": "",
            "start_date": datetime.date(2024, 9, 10),
            "end_date": datetime.date(2024, 9, 12),
            "time_zone": "America/Port_of_Spain",
            "languages": ["en", "es"],
            "description_en": "First edition of the Academy.",
            "description_es": "Primera edición de la Academia.",
        },
    )
    panama, new_panama = Convening.objects.get_or_create(
        edition=2,
        city="Panama City",
        defaults={
            "name_en": "WPS NAP Academy — Panama 2025",
            "name_es": "Academia de PAN sobre MPS — Panamá 2025",
            "country": "PA",
            "venue": "Ministry of Foreign Affairs of Panama",
            "host": organizations["Ministry of Foreign Affairs of Panama"],
            "start_date": datetime.date(2025, 6, 24),
            "end_date": datetime.date(2025, 6, 26),
            "time_zone": "America/Panama",
            "languages": ["es", "en"],
            "description_en": (
                "Second edition: delegations of Bolivia, Costa Rica, Ecuador and "
                "Panama draft results-oriented roadmaps towards their NAPs."
            ),
            "description_es": (
                "Segunda edición: las delegaciones de Bolivia, Costa Rica, Ecuador y "
                "Panamá elaboran hojas de ruta orientadas a resultados hacia sus PAN."
            ),
        },
    )
    if new_panama:
        panama.co_organizers.set(
            [organizations["Our Secure Future"], organizations["UN Women"]]
        )
    for convening in (first, panama):
        convening_role_grant(convening=convening, user=organizer, role=Role.ORGANIZER)
        for facilitator in facilitators:
            convening_role_grant(
                convening=convening, user=facilitator, role=Role.FACILITATOR
            )

    for iso2, (nap_status, people) in DELEGATIONS.items():
        delegation = Delegation.objects.filter(convening=panama, country=iso2).first()
        if delegation is None:
            delegation = delegation_register(
                convening=panama, country=iso2, nap_status=nap_status
            )
        demo_roadmap_fill(roadmap=delegation.roadmap)  # does nothing once written
        iso3 = delegation.country.alpha3
        for index, (full_name, sector, organization, position, language) in enumerate(
            people
        ):
            email = (
                f"participant.{iso3.lower()}@example.org"
                if index == 0
                else _email_for(full_name, iso3)
            )
            user = _user(email, full_name, language, created)
            Participant.objects.get_or_create(
                user=user,
                convening=panama,
                defaults={
                    "delegation": delegation,
                    "sector": sector,
                    "organization": organization,
                    "position": position,
                },
            )

    for day, start, end, module, title_es, title_en, room in AGENDA:
        date = panama.start_date + datetime.timedelta(days=day)
        starts_at = datetime.datetime.combine(
            date, datetime.time.fromisoformat(start), PANAMA_ZONE
        )
        session, new_session = Session.objects.get_or_create(
            convening=panama,
            starts_at=starts_at,
            defaults={
                "title_es": title_es,
                "title_en": title_en,
                "module": module,
                "ends_at": datetime.datetime.combine(
                    date, datetime.time.fromisoformat(end), PANAMA_ZONE
                ),
                "room": room,
            },
        )
        if new_session:
            session.facilitators.set(facilitators[:1] if day != 1 else facilitators)
    return created
