"""Starting a new edition from an earlier one, the usual way a third Academy
begins: the agenda moved to the new dates (each session at the same local
time, the same number of days after the start), the delegations (their
countries, NAP status and accompanying facilitators, without people: a new
edition invites its own), the team, the logos, the surveys and the
certificate rule, and the convening's own reference indicators. Nothing of
the earlier edition changes."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from academy import services as academy_services
from academy.models import Convening
from cohort.services import delegation_register
from evaluation.models import CertificateRule, Survey
from evaluation.services import certificate_rule_save, survey_copy
from roadmaps.models import ReferenceIndicator
from roadmaps.selectors import roadmaps_nap_status_read
from roadmaps.services import reference_create

# The languages every translated text is kept in (settings.LANGUAGES).
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


@dataclass
class EditionCopied:
    convening: Convening
    sessions: int
    delegations: int
    team: int
    surveys: int
    rule: bool
    references: int
    logos: int


def _both(obj, name) -> dict:
    """A translated field in both languages ("" for one not given)."""
    return {
        f"{name}_{code}": getattr(obj, f"{name}_{code}") or ""
        for code in LANGUAGE_CODES
    }


def _moved(moment, zone, days: datetime.timedelta) -> datetime.datetime:
    """The same local time, ``days`` later, in ``zone``."""
    local = timezone.localtime(moment, zone)
    return datetime.datetime.combine(
        local.date() + days, local.time().replace(tzinfo=None), tzinfo=zone
    )


@transaction.atomic
def edition_copy(
    *, source: Convening, user, edition: int, start_date: datetime.date, names: dict
) -> EditionCopied:
    """A new convening ``user`` organizes, made from ``source`` (``names``:
    name_es/name_en, city_es/city_en, venue_es/venue_en). Raises
    ValidationError (nothing saved) as convening_create does."""
    days = start_date - source.start_date
    convening = academy_services.convening_create(
        user=user,
        edition=edition,
        country=source.country.code,
        start_date=start_date,
        end_date=source.end_date + days,
        time_zone=source.time_zone,
        languages=list(source.languages),
        co_organizers=list(source.co_organizers.all()),
        **_both(source, "description"),
        **names,
    )
    if source.host_id:
        convening.host_id = source.host_id
        convening.save(update_fields=["host"])
    team = 0
    for role in source.roles.select_related("user"):
        if role.user_id != user.pk:
            academy_services.convening_role_grant(
                convening=convening, user=role.user, role=role.role
            )
            team += 1

    zone = source.zone
    sessions = {}
    for session in source.sessions.prefetch_related("facilitators").order_by(
        "starts_at", "pk"
    ):
        sessions[session.pk] = academy_services.session_create(
            convening=convening,
            module=session.module,
            room=session.room,
            starts_at=_moved(session.starts_at, zone, days),
            ends_at=_moved(session.ends_at, zone, days),
            facilitators=session.facilitators.all(),
            **_both(session, "title"),
            **_both(session, "description"),
        )

    delegations = list(
        source.delegations.select_related("roadmap").prefetch_related("facilitators")
    )
    roadmaps_nap_status_read(
        roadmaps=[d.roadmap for d in delegations if hasattr(d, "roadmap")]
    )
    for delegation in delegations:
        roadmap = getattr(delegation, "roadmap", None)
        copy = delegation_register(
            convening=convening,
            country=delegation.country.code,
            **({"nap_status": roadmap.nap_status} if roadmap else {}),
        )
        copy.facilitators.set(delegation.facilitators.all())

    surveys = list(Survey.objects.filter(convening=source).order_by("opens_at", "pk"))
    for survey in surveys:
        survey_copy(
            source=survey,
            convening=convening,
            user=user,
            opens_at=survey.opens_at + days,
            closes_at=survey.closes_at + days,
            sessions=sessions,
        )
    rule = CertificateRule.objects.filter(convening=source).first()
    if rule is not None:
        certificate_rule_save(
            convening=convening,
            data={
                "min_attendance_percent": rule.min_attendance_percent,
                "require_post_assessment": rule.require_post_assessment,
                "signatory_name": rule.signatory_name,
                "signatory_title": rule.signatory_title,
            },
            required_sessions=[
                sessions[s.pk] for s in rule.required_sessions.all() if s.pk in sessions
            ],
        )
    references = list(ReferenceIndicator.objects.filter(convening=source))
    for reference in references:
        reference_create(
            convening=convening,
            fields={
                "code": reference.code,
                "title": reference.title_en or reference.title_es,
                "source": reference.source,
                **_both(reference, "title"),
            },
        )
    logos = list(source.logos.order_by("position", "pk"))
    for logo in logos:
        academy_services.convening_logo_add(
            convening=convening, user=user, content=logo.read(), **_both(logo, "name")
        )
    return EditionCopied(
        convening=convening,
        sessions=len(sessions),
        delegations=len(delegations),
        team=team,
        surveys=len(surveys),
        rule=rule is not None,
        references=len(references),
        logos=len(logos),
    )
