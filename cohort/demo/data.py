"""The demo cohort as data: the two convenings, organizations, delegations and
their people, the organizer, facilitators and the Panama agenda. Every person
here is fictional."""

import datetime
import zoneinfo

from academy.enums import Module, NapStatus, Sector

DEMO_PASSWORD = "academy-demo"  # for the demo only: the README says so
PANAMA_ZONE = zoneinfo.ZoneInfo("America/Panama")

# (name in English, name in Spanish, acronym); looked up by the English name.
ORGANIZATIONS = [
    (
        "Ministry of Foreign Affairs of Panama",
        "Ministerio de Relaciones Exteriores de Panamá",
        "MIRE",
    ),
    ("Our Secure Future", "Our Secure Future", "OSF"),
    ("UN Women", "ONU Mujeres", "UN Women"),
]

# Convening fields, besides the edition and city they are looked up by.
FIRST_EDITION = {
    "name_en": "WPS NAP Academy — Port of Spain 2024",
    "name_es": "Academia de PAN sobre MPS — Puerto España 2024",
    "country": "TT",
    "city_en": "Port of Spain",
    "city_es": "Puerto España",
    "start_date": datetime.date(2024, 9, 10),
    "end_date": datetime.date(2024, 9, 12),
    "time_zone": "America/Port_of_Spain",
    "languages": ["en", "es"],
    "description_en": "First edition of the Academy.",
    "description_es": "Primera edición de la Academia.",
}
PANAMA = {
    "name_en": "WPS NAP Academy — Panama 2025",
    "name_es": "Academia de PAN sobre MPS — Panamá 2025",
    "country": "PA",
    "city_en": "Panama City",
    "city_es": "Ciudad de Panamá",
    "venue_en": "Ministry of Foreign Affairs of Panama",
    "venue_es": "Ministerio de Relaciones Exteriores de Panamá",
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
}
PANAMA_HOST = "Ministry of Foreign Affairs of Panama"
PANAMA_CO_ORGANIZERS = ["Our Secure Future", "UN Women"]

# (e-mail, full name, language)
ORGANIZER = ("organizer@example.org", "Mónica Aguilar Reyes", "es")
FACILITATORS = [
    ("facilitator@example.org", "Sofía Martínez Ortega", "es"),
    ("facilitator.two@example.org", "Laura Benítez Cruz", "en"),
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
