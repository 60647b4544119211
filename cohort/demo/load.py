"""Loading the demo cohort (cohort/demo/data.py) into the database.

Running ``demo_cohort_load`` twice changes nothing: each row is looked up by its
natural key and only created when missing.
"""

import datetime

from django.contrib.auth.models import Permission
from django.db import transaction

from academy.enums import Role
from academy.models import Convening, Delegation, Organization, Participant, Session
from academy.services import convening_logo_add, convening_role_grant
from accounts.models import User
from cohort.demo.accompaniment import demo_accompaniment_load
from cohort.demo.data import (
    AGENDA,
    DELEGATIONS,
    DEMO_PASSWORD,
    FACILITATORS,
    FIRST_EDITION,
    ORGANIZATIONS,
    ORGANIZER,
    PANAMA,
    PANAMA_CO_ORGANIZERS,
    PANAMA_HOST,
    PANAMA_ZONE,
)
from cohort.demo.evaluation import demo_evaluation_load
from cohort.demo.logos import wordmark_svg
from cohort.demo.opendata import demo_sharing_load
from cohort.services import delegation_register
from roadmaps.demo import demo_roadmap_fill


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


def _organization(name_en, name_es, acronym):
    organization, _created = Organization.objects.get_or_create(
        name_en=name_en,
        convening=None,
        defaults={"name_es": name_es, "acronym": acronym},
    )
    # A database loaded before names had two languages gets the Spanish one.
    if organization.name_es in (None, "", name_en) and name_es != name_en:
        organization.name_es = name_es
        organization.save(update_fields=["name_es"])
    return organization


@transaction.atomic
def demo_cohort_load():
    """Create whatever part of the demo cohort is missing; return new accounts."""
    created = []
    organizations = {
        name_en: _organization(name_en, name_es, acronym)
        for name_en, name_es, acronym in ORGANIZATIONS
    }
    organizer = _user(*ORGANIZER, created)
    # The demo organizer may create convenings (given in the app, on
    # /convenings/creators/, to anyone else).
    organizer.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="academy", codename="add_convening"
        )
    )
    facilitators = [_user(e, n, lang, created) for e, n, lang in FACILITATORS]

    # Looked up by edition and English city (bilingual: academy/translation.py).
    first, _new = Convening.objects.get_or_create(
        edition=1, city_en="Port of Spain", defaults=FIRST_EDITION
    )
    panama, new_panama = Convening.objects.get_or_create(
        edition=2,
        city_en="Panama City",
        defaults={**PANAMA, "host": organizations[PANAMA_HOST]},
    )
    if new_panama:
        panama.co_organizers.set([organizations[name] for name in PANAMA_CO_ORGANIZERS])
    if not panama.logos.exists():
        # The host's and co-organizers' wordmarks on the reports' covers.
        for index, english in enumerate([PANAMA_HOST, *PANAMA_CO_ORGANIZERS]):
            name_es, acronym = next(
                (es, acronym) for en, es, acronym in ORGANIZATIONS if en == english
            )
            convening_logo_add(
                convening=panama,
                user=organizer,
                content=wordmark_svg(acronym=acronym, index=index),
                name_es=name_es,
                name_en=english,
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
        # Each delegation is accompanied by one of the facilitators.
        accompanying = facilitators[list(DELEGATIONS).index(iso2) % len(facilitators)]
        delegation.facilitators.add(accompanying)
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

        demo_accompaniment_load(
            delegation=delegation,
            facilitator=accompanying,
            city=str(delegation.country.name),
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
    demo_evaluation_load(convening=panama)
    demo_sharing_load(convening=panama)
    return created
