"""A convening form as an organizer fills it in (the convening views' tests)."""

FORM = {
    "name_en": "Academy Lima",
    "edition": "3",
    "city_es": "Lima",
    "country": "PE",
    "venue_es": "Centro de convenciones",
    "start_date": "2026-03-10",
    "end_date": "2026-03-12",
    "time_zone": "America/Lima",
    "languages": ["es", "en"],
    "description_en": "",
}
