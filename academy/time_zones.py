"""Time zones as an organizer picks one: grouped by region, each with its
current UTC offset, and a default for the host country.

The country's zones come from the IANA database's zone.tab (the tzdata package
we already install). Where a country has several, the one of its capital wins;
zone.tab does not say which that is, so CAPITAL_ZONES names it for the countries
with more than one zone that our convenings meet in.
"""

import datetime
import functools
import importlib.resources
import zoneinfo

from django.utils.translation import gettext_lazy as _

CAPITAL_ZONES = {
    "AR": "America/Argentina/Buenos_Aires",
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "CA": "America/Toronto",
    "CD": "Africa/Kinshasa",
    "CL": "America/Santiago",
    "EC": "America/Guayaquil",
    "ES": "Europe/Madrid",
    "ID": "Asia/Jakarta",
    "KZ": "Asia/Almaty",
    "MX": "America/Mexico_City",
    "PT": "Europe/Lisbon",
    "RU": "Europe/Moscow",
    "US": "America/New_York",
}


# The IANA regions, as the optgroups of the list name them.
REGIONS = {
    "Africa": _("Africa"),
    "America": _("America"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
    "Asia": _("Asia"),
    "Atlantic": _("Atlantic"),
    "Australia": _("Australia"),
    "Europe": _("Europe"),
    "Indian": _("Indian Ocean"),
    "Pacific": _("Pacific"),
}


@functools.cache
def _country_zones() -> dict[str, list[str]]:
    zones: dict[str, list[str]] = {}
    table = importlib.resources.files("tzdata.zoneinfo") / "zone.tab"
    for line in table.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, _coordinates, zone, *_comment = line.split("\t")
        zones.setdefault(code, []).append(zone)
    return zones


def country_time_zone(country: str) -> str | None:
    """The time zone a convening in ``country`` (ISO code) most likely uses."""
    if country in CAPITAL_ZONES:
        return CAPITAL_ZONES[country]
    zones = _country_zones().get(country)
    return zones[0] if zones else None


def country_time_zones() -> dict[str, str]:
    """{country code: its default zone}, for the form's script."""
    return {code: country_time_zone(code) for code in _country_zones()}


def utc_offset(zone: str, at: datetime.datetime | None = None) -> str:
    """ "UTC−05:00": the zone's offset now (or at ``at``), with a true minus."""
    at = at or datetime.datetime.now(datetime.UTC)
    offset = at.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "\u2212"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def time_zone_choices(at: datetime.datetime | None = None) -> list:
    """Region/City zones (and UTC), grouped by region, labelled with the city
    and the current offset: [(region, [(zone, "Bogota (UTC−05:00)"), …]), …]."""
    zones = sorted(zone for zone in zoneinfo.available_timezones() if "/" in zone)
    groups: dict[str, list] = {}
    for zone in zones:
        region, _slash, place = zone.partition("/")
        if region not in REGIONS:
            continue  # Etc/…, US/… and other aliases of Region/City names
        label = f"{place.replace('_', ' ')} ({utc_offset(zone, at)})"
        groups.setdefault(region, []).append((zone, label))
    return [
        ("UTC", [("UTC", "UTC (UTC+00:00)")]),
        *((REGIONS[region], groups[region]) for region in sorted(groups)),
    ]


def all_time_zones() -> set[str]:
    return {zone for _region, zones in time_zone_choices() for zone, _label in zones}


def same_local_time(
    moment: datetime.datetime, old_zone: str, new_zone: str
) -> datetime.datetime:
    """The moment that shows in ``new_zone`` the wall-clock time ``moment`` shows
    in ``old_zone`` (09:00 in Bogotá → 09:00 in Lima)."""
    local = moment.astimezone(zoneinfo.ZoneInfo(old_zone)).replace(tzinfo=None)
    return local.replace(tzinfo=zoneinfo.ZoneInfo(new_zone))
