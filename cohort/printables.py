"""What organizers print for the event, rendered by the worker through the
roadmaps' export pipeline (same progress page, storage and
permission-checked download): the agenda, day by day, in the language(s)
asked for; and name badges, eight to an A4 sheet with cutting lines, each in
its holder's own language. Registered as kinds of export in
CohortConfig.ready."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from academy.enums import Role, Sector
from academy.models import Convening, ConveningRole, Participant
from academy.selectors.agenda import agenda_days
from roadmaps.enums import ExportKind
from roadmaps.reports import (
    Report,
    ReportPart,
    convening_logos,
    report_document,
    report_filename,
)
from roadmaps.reports.render import report_languages


def agenda_report(*, convening_id: int, language: str, roadmap_id=None) -> Report:
    convening = Convening.objects.select_related("host").get(pk=convening_id)
    logos, resources = convening_logos(convening)
    days = agenda_days(convening=convening)
    parts = []
    for code in report_languages(language):
        with translation.override(code), timezone.override(convening.zone):
            title = _("Agenda — %(name)s") % {"name": convening.name}
            body = render_to_string(
                "cohort/reports/agenda.html",
                {
                    "convening": convening,
                    "days": days,
                    "logos": logos,
                    "title": title,
                    "language": code,
                    "generated_at": timezone.now(),
                },
            )
        parts.append(ReportPart(language=code, title=title, body=body))
    return Report(
        html=report_document(parts, resources),
        filename=report_filename(
            kind=ExportKind.AGENDA, language=language, convening=convening
        ),
        resources=resources,
    )


@dataclass
class Badge:
    name: str
    language: str
    role: str  # "participant", "facilitator", "organizer"
    organization: str = ""
    position: str = ""
    country: object = None
    sector: str = ""


ROLE_LABELS = {
    "participant": gettext_lazy("Participant"),
    Role.FACILITATOR: gettext_lazy("Facilitator"),
    Role.ORGANIZER: gettext_lazy("Organizer"),
}


def convening_badges(*, convening: Convening) -> list[Badge]:
    """A badge for each participant (by delegation, then name) and each person
    of the team (two queries)."""
    badges = [
        Badge(
            name=p.user.full_name,
            language=p.user.preferred_language or "es",
            role="participant",
            organization=p.organization,
            position=p.position,
            country=p.delegation.country,
            sector=p.sector,
        )
        for p in Participant.objects.filter(convening=convening)
        .select_related("user", "delegation")
        .order_by("delegation__country", "user__full_name", "pk")
    ]
    team = ConveningRole.objects.filter(convening=convening).select_related("user")
    for role in team.order_by("role", "user__full_name"):
        badges.append(
            Badge(
                name=role.user.full_name,
                language=role.user.preferred_language or "es",
                role=role.role,
            )
        )
    return badges


def _badge_texts(badge: Badge, convening: Convening) -> dict:
    """The badge's words in its holder's language."""
    with translation.override(badge.language):
        return {
            "badge": badge,
            "convening": str(convening.name),
            "role": str(ROLE_LABELS[badge.role]),
            "country": str(badge.country.name) if badge.country else "",
            "sector": str(Sector(badge.sector).label) if badge.sector else "",
        }


def badges_report(*, convening_id: int, language: str, roadmap_id=None) -> Report:
    convening = Convening.objects.get(pk=convening_id)
    logos, resources = convening_logos(convening)
    code = report_languages(language)[0]
    badges = [_badge_texts(b, convening) for b in convening_badges(convening=convening)]
    with translation.override(code):
        title = _("Name badges — %(name)s") % {"name": convening.name}
        body = render_to_string(
            "cohort/reports/badges.html",
            {"badges": badges, "logo": logos[0] if logos else None, "title": title},
        )
    return Report(
        html=report_document(
            [ReportPart(language=code, title=title, body=body)], resources
        ),
        filename=report_filename(
            kind=ExportKind.BADGES, language=code, convening=convening
        ),
        resources=resources,
    )
