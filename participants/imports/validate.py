"""Checking the rows against the convening, in a few queries whatever their
number; nothing is written."""

from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from academy.models import Convening, Participant
from accounts.addresses import email_normalize
from common.enums import Language
from participants.imports.format import (
    COLUMN_LABELS,
    FIELDS,
    LANGUAGES,
    MAX_LENGTHS,
    SECTORS,
    word_key,
)
from participants.imports.parse import file_rows
from participants.imports.report import ImportFileError, ImportReport, ImportRow


def _delegation_lookup(convening: Convening) -> dict:
    """{key: delegation} by ISO alpha-2, alpha-3 and country name in en and es."""
    lookup = {}
    for delegation in convening.delegations.all():
        keys = {delegation.country.code, delegation.country.alpha3}
        for language in ("en", "es"):
            with translation.override(language):
                keys.add(str(countries.name(delegation.country.code)))
        for key in keys:
            lookup[word_key(key)] = delegation
    return lookup


def _all_countries() -> dict:
    """{key: country name} for every country, by code and English/Spanish name."""
    names = {}
    for language in ("en", "es"):
        with translation.override(language):
            for code, name in countries:
                names[word_key(name)] = code
    for code, _name in countries:
        names[word_key(code)] = code
        names[word_key(countries.alpha3(code))] = code
    return {key: str(countries.name(code)) for key, code in names.items()}


def _email_valid(email: str) -> bool:
    from django.core.validators import validate_email

    if len(email) > 254:
        return False
    try:
        validate_email(email)
    except Exception:
        return False
    return True


# What to do with a row whose person is already in the convening.
EXISTING = ("refuse", "skip", "update")


def _changes(row, member) -> list:
    """What updating ``member`` from ``row`` changes: [(label, before, after)]."""
    changes = []
    if row.delegation is not None and row.delegation.pk != member.delegation_id:
        changes.append(
            (
                _("Delegation"),
                member.delegation.country.name,
                row.delegation.country.name,
            )
        )
    if row.sector and row.sector != member.sector:
        changes.append(
            (_("Sector"), member.get_sector_display(), row.get_sector_display())
        )
    for name, label in (
        ("organization", _("Organization")),
        ("position", _("Position")),
    ):
        if getattr(row, name) != getattr(member, name):
            changes.append((label, getattr(member, name), getattr(row, name)))
    return changes


def rows_check(
    *, convening: Convening, raw_rows: list, existing: str = "refuse"
) -> ImportReport:
    """Check every row against the file and the database (three queries).

    A person already in the convening is an error (``existing="refuse"``), a
    row to leave out (``"skip"``), or one whose details (delegation, sector,
    organization, position) replace theirs (``"update"``); their account's name
    and language are theirs, never changed by an import."""
    if existing not in EXISTING:
        raise ValueError(existing)
    report = ImportReport(existing=existing)
    delegations = _delegation_lookup(convening)
    default_language = (convening.languages or [Language.SPANISH])[0]
    rows = []
    for raw in raw_rows:
        cells = dict(zip(FIELDS, raw[1:], strict=True))
        rows.append(ImportRow(number=raw[0], cells=cells))

    emails = set()
    all_countries = None
    for row in rows:
        cells = row.cells
        row.full_name = cells["full_name"]
        if not row.full_name:
            row.errors.append(_("The full name is missing."))
        for name in ("full_name", "organization", "position"):
            if len(cells[name]) > MAX_LENGTHS[name]:
                row.errors.append(
                    _("The %(column)s is longer than %(max)s characters.")
                    % {"column": COLUMN_LABELS[name], "max": MAX_LENGTHS[name]}
                )
        row.organization = cells["organization"]
        row.position = cells["position"]

        email = cells["email"]
        if not email:
            row.errors.append(_("The e-mail address is missing."))
        elif not _email_valid(email):
            row.errors.append(
                _("“%(value)s” is not a valid e-mail address.") % {"value": email}
            )
        else:
            row.email = email_normalize(email)
            emails.add(row.email)

        country = cells["country"]
        if not country:
            row.errors.append(_("The country or delegation code is missing."))
        else:
            row.delegation = delegations.get(word_key(country))
            if row.delegation is None:
                if all_countries is None:
                    all_countries = _all_countries()
                known = all_countries.get(word_key(country), "")
                if known:
                    row.errors.append(
                        _("%(country)s has no delegation in this convening.")
                        % {"country": known}
                    )
                else:
                    row.errors.append(
                        _("Unknown country or delegation code “%(value)s”.")
                        % {"value": country}
                    )

        sector = cells["sector"]
        if not sector:
            row.errors.append(_("The sector is missing (government or civil society)."))
        else:
            row.sector = SECTORS.get(word_key(sector), "")
            if not row.sector:
                row.errors.append(
                    _("Unknown sector “%(value)s” (government or civil society).")
                    % {"value": sector}
                )

        language = cells["language"]
        if not language:
            row.language = default_language
        else:
            row.language = LANGUAGES.get(word_key(language), "")
            if not row.language:
                row.errors.append(
                    _("Unknown language “%(value)s” (es or en).") % {"value": language}
                )

    first_row_of = {}
    for row in rows:
        if not row.email:
            continue
        if row.email in first_row_of:
            row.errors.append(
                _("The same e-mail address is already in row %(row)s.")
                % {"row": first_row_of[row.email]}
            )
        else:
            first_row_of[row.email] = row.number

    # Only what this convening already holds is said: whether an address has an
    # account elsewhere on the platform is none of its organizers' business.
    members = {
        member.email_lower: member
        for member in Participant.objects.filter(convening=convening)
        .annotate(email_lower=Lower("user__email"))
        .filter(email_lower__in=emails)
        .select_related("delegation")
    }
    for row in rows:
        member = members.get(row.email)
        if member is not None and existing != "refuse":
            row.member = member
            row.action = existing
            if existing == "update":
                row.changes = _changes(row, member)
                if not row.changes:
                    row.action = "skip"  # nothing differs: nothing to write
        elif member is not None:
            row.errors.append(
                _(
                    "%(email)s is already a participant of this convening "
                    "(delegation of %(country)s)."
                )
                % {"email": row.email, "country": member.delegation.country.name}
            )
    report.rows = rows
    return report


def import_validate(
    *, convening: Convening, upload, existing: str = "refuse"
) -> ImportReport:
    """Read an uploaded file and check every row; nothing is written."""
    ignored = []
    try:
        raw_rows = file_rows(upload=upload, ignored=ignored)
    except ImportFileError as error:
        return ImportReport(file_errors=[str(error)])
    report = rows_check(convening=convening, raw_rows=raw_rows, existing=existing)
    report.ignored_columns = ignored
    return report
