"""The open data pages: a delegation decides to share, the convening's
exports follow at once, and nobody takes another delegation's data."""

import json

from django.urls import reverse
from django.utils import translation

from opendata.models import DataSharing


def _share(client, user, delegation, value):
    client.force_login(user)
    return client.post(
        reverse("opendata:sharing_change", kwargs={"pk": delegation.pk}),
        {"share_results": "on"} if value else {},
        follow=True,
    )


def test_the_convening_exports_only_what_delegations_share(
    client, demo_roadmap, ecuador, bolivia_member, organizer
):
    bolivia = demo_roadmap.delegation
    url = reverse(
        "opendata:convening_download",
        kwargs={"pk": bolivia.convening_id, "fmt": "json"},
    )
    client.force_login(organizer)
    assert json.loads(client.get(url).content)["roadmaps"] == []

    page = _share(client, bolivia_member, bolivia, True)
    assert "Shared: the convening's exports include" in page.content.decode()
    client.force_login(organizer)
    countries = [
        r["delegation"]["iso3"] for r in json.loads(client.get(url).content)["roadmaps"]
    ]
    assert countries == ["BOL"]

    _share(client, bolivia_member, bolivia, False)  # withdrawn: gone at once
    client.force_login(organizer)
    assert json.loads(client.get(url).content)["roadmaps"] == []
    assert DataSharing.objects.get().changed_by == bolivia_member


def test_a_delegation_page_offers_its_downloads_and_says_what_iati_left_out(
    client, demo_roadmap, bolivia_member
):
    from roadmaps.models import Indicator

    Indicator.objects.filter(roadmap=demo_roadmap).update(baseline_year=None)
    client.force_login(bolivia_member)
    pk = demo_roadmap.delegation_id
    page = client.get(reverse("opendata:delegation_data", kwargs={"pk": pk}))
    html = page.content.decode()
    assert page.status_code == 200
    # The check builds the IATI file, so it loads after the page.
    check = reverse("opendata:delegation_iati_check", kwargs={"pk": pk})
    assert f'hx-get="{check}"' in html and "no baseline year" not in html
    fragment = client.get(check, headers={"HX-Request": "true"}).content.decode()
    assert "no baseline year" in fragment and "<html" not in fragment
    # Without JavaScript the link opens it as a page.
    alone = client.get(check).content.decode()
    assert "no baseline year" in alone and "<html" in alone
    for fmt, kind in (
        ("json", "application/json"),
        ("xlsx", "application/vnd.openxmlformats"),
        ("iati", "application/xml"),
    ):
        download = client.get(
            reverse(
                "opendata:delegation_download",
                kwargs={"pk": demo_roadmap.delegation_id, "fmt": fmt},
            )
        )
        assert download["Content-Type"].startswith(kind)
        assert "results-BOL" in download["Content-Disposition"]


def test_the_convening_page_checks_the_iati_file_after_it_shows(
    client, demo_roadmap, bolivia_member, organizer
):
    """The convening's page does not build the cohort's IATI file (a second
    at thirty roadmaps): its check loads after the page, and follows the
    roadmaps shared."""
    _share(client, bolivia_member, demo_roadmap.delegation, True)
    client.force_login(organizer)
    convening_pk = demo_roadmap.delegation.convening_id
    check = reverse("opendata:convening_iati_check", kwargs={"pk": convening_pk})
    page = client.get(reverse("opendata:convening_data", kwargs={"pk": convening_pk}))
    assert f'hx-get="{check}"' in page.content.decode()

    answer = client.get(check, headers={"HX-Request": "true"}).content.decode()
    assert "result 3.1: no indicator (IATI requires one)" in answer
    assert "no baseline year" not in answer

    from roadmaps.models import Indicator

    Indicator.objects.filter(roadmap=demo_roadmap).update(baseline_year=None)
    answer = client.get(check, headers={"HX-Request": "true"}).content.decode()
    assert "no baseline year" in answer


def test_the_check_says_when_the_iati_file_holds_everything():
    from django.template.loader import render_to_string

    with translation.override("en"):
        html = render_to_string("opendata/partials/iati_check.html", {"problems": []})
    assert "The IATI file holds everything in these results frameworks." in html


def test_another_delegation_gets_nothing(client, demo_roadmap, ecuador_member):
    client.force_login(ecuador_member)
    pk = demo_roadmap.delegation_id
    for url in (
        reverse("opendata:delegation_data", kwargs={"pk": pk}),
        reverse("opendata:delegation_download", kwargs={"pk": pk, "fmt": "json"}),
        reverse("opendata:delegation_download", kwargs={"pk": pk, "fmt": "iati"}),
        reverse("opendata:delegation_iati_check", kwargs={"pk": pk}),
    ):
        assert client.get(url).status_code == 404
    assert (
        client.post(
            reverse("opendata:sharing_change", kwargs={"pk": pk}),
            {"share_results": "on"},
        ).status_code
        == 404
    )
    assert not DataSharing.objects.exists()


def test_an_unknown_format_is_not_found(client, demo_roadmap, organizer):
    client.force_login(organizer)
    url = reverse(
        "opendata:delegation_download",
        kwargs={"pk": demo_roadmap.delegation_id, "fmt": "csv"},
    )
    assert client.get(url).status_code == 404
