"""The open data pages: a delegation decides to share, the convening's
exports follow at once, and nobody takes another delegation's data."""

import json

from django.urls import reverse

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
    page = client.get(
        reverse("opendata:delegation_data", kwargs={"pk": demo_roadmap.delegation_id})
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "no baseline year" in html
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


def test_another_delegation_gets_nothing(client, demo_roadmap, ecuador_member):
    client.force_login(ecuador_member)
    pk = demo_roadmap.delegation_id
    for url in (
        reverse("opendata:delegation_data", kwargs={"pk": pk}),
        reverse("opendata:delegation_download", kwargs={"pk": pk, "fmt": "json"}),
        reverse("opendata:delegation_download", kwargs={"pk": pk, "fmt": "iati"}),
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
