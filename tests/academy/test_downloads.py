"""Files for one person (the agenda, attendance and participant exports) are kept
by no shared cache, nor by the browser: Cache-Control: private, no-store."""

import pytest
from django.urls import reverse


def _cache_control(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


@pytest.mark.parametrize(
    "url",
    [
        lambda c: reverse("academy:agenda_ics", args=[c.pk]),
        lambda c: reverse("academy:attendance_export", args=[c.pk, "csv"]),
        lambda c: reverse("academy:attendance_export", args=[c.pk, "xlsx"]),
        lambda c: reverse("participants:participant_export", args=[c.pk, "csv"]),
        lambda c: reverse("participants:participant_export", args=[c.pk, "xlsx"]),
    ],
    ids=["ics", "attendance-csv", "attendance-xlsx", "people-csv", "people-xlsx"],
)
def test_downloads_are_private_and_not_stored(client, organizer, convening, url):
    client.force_login(organizer)

    response = client.get(url(convening))

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert {"private", "no-store"} <= _cache_control(response)
