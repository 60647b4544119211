"""The read API with tokens: scoped as the pages (another delegation's
roadmap is 404 on every endpoint), paginated, documented, and a revoked
token opens nothing from the next request on."""

import json

import jsonschema
import pytest
from django.urls import reverse

from opendata.models import ApiToken
from opendata.services import sharing_save
from opendata.tokens import api_token_create, api_token_revoke
from tests import factories
from tests.opendata.test_exports import SCHEMA


def _get(client, url, secret):
    return client.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}")


@pytest.fixture
def member_secret(bolivia_member):
    # Tokens are made on the organizers' page; a member's token (made around
    # it) must still see no more than the member does.
    return api_token_create(user=bolivia_member, name="t")[1]


def test_a_roadmap_is_read_with_a_token_and_follows_the_schema(
    client, demo_roadmap, organizer
):
    _token, secret = api_token_create(user=organizer, name="Ministry dashboard")
    page = _get(
        client,
        reverse("api:roadmap_results", kwargs={"pk": demo_roadmap.pk}),
        secret,
    )
    assert page.status_code == 200
    document = page.json()
    assert document["delegation"]["iso3"] == "BOL"
    jsonschema.validate(
        {
            "schema": "nap-academy-results/1",
            "generated": "2026-01-01T00:00:00+00:00",
            "internal_notes": False,
            "convening": {
                "id": 1,
                "name": {"es": "a", "en": "a"},
                "start_date": "2025-06-24",
                "end_date": "2025-06-26",
            },
            "roadmaps": [document],
        },
        SCHEMA,
    )
    assert ApiToken.objects.get().last_used_at is not None


def test_another_delegations_data_is_404_on_every_endpoint(
    client, demo_roadmap, ecuador, member_secret
):
    sharing_save(
        delegation=ecuador, user=None, share_results=True, share_with_cohort=True
    )
    convening = demo_roadmap.delegation.convening
    other = ecuador.roadmap
    assert (
        _get(
            client,
            reverse("api:roadmap_results", kwargs={"pk": other.pk}),
            member_secret,
        ).status_code
        == 404
    )
    assert (
        _get(
            client,
            reverse("api:convening_results", kwargs={"pk": convening.pk}),
            member_secret,
        ).status_code
        == 404
    )
    # Its own roadmap it reads.
    assert (
        _get(
            client,
            reverse("api:roadmap_results", kwargs={"pk": demo_roadmap.pk}),
            member_secret,
        ).status_code
        == 200
    )
    # Another convening's: 404 too.
    elsewhere = factories.DelegationFactory()
    assert (
        _get(
            client,
            reverse("api:delegations", kwargs={"pk": elsewhere.convening_id}),
            member_secret,
        ).status_code
        == 404
    )


def test_a_revoked_token_opens_nothing_at_once(client, demo_roadmap, organizer):
    token, secret = api_token_create(user=organizer, name="t")
    url = reverse("api:convenings")
    assert _get(client, url, secret).status_code == 200
    api_token_revoke(token=token)
    assert _get(client, url, secret).status_code == 401
    assert _get(client, url, "napa_made-up").status_code == 401


def test_lists_are_paginated_and_only_shared_roadmaps_leave(
    client, convening, organizer
):
    delegations = factories.grow_delegations(convening, 3, 1)
    for delegation in delegations[:2]:
        sharing_save(
            delegation=delegation,
            user=None,
            share_results=True,
            share_with_cohort=False,
        )
    _token, secret = api_token_create(user=organizer, name="t")
    page = _get(
        client,
        reverse("api:convening_results", kwargs={"pk": convening.pk}),
        secret,
    ).json()
    assert page["count"] == 2
    assert len(page["items"]) == 2
    listed = _get(
        client, reverse("api:delegations", kwargs={"pk": convening.pk}), secret
    ).json()
    assert listed["count"] == 3
    assert sorted(d["shares_results"] for d in listed["items"]) == [False, True, True]


def test_the_openapi_document_describes_every_endpoint(client, organizer):
    client.force_login(organizer)
    document = json.loads(client.get(reverse("api:openapi-json")).content)
    assert set(document["paths"]) == {
        "/api/v1/convenings",
        "/api/v1/convenings/{pk}/delegations",
        "/api/v1/convenings/{pk}/results",
        "/api/v1/roadmaps/{pk}",
    }
    assert client.get(reverse("api:openapi-view")).status_code == 200


def test_organizers_make_and_revoke_their_tokens_in_the_browser(
    client, organizer, bolivia_member
):
    client.force_login(organizer)
    page = client.post(reverse("opendata:api_tokens"), {"name": "Research"})
    html = page.content.decode()
    assert "copy it now" in html
    token = ApiToken.objects.get()
    assert token.prefix in html
    client.post(reverse("opendata:api_token_revoke", kwargs={"pk": token.pk}))
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.force_login(bolivia_member)  # organizes nothing
    assert client.get(reverse("opendata:api_tokens")).status_code == 404


def test_a_member_lists_only_their_own_convening(client, demo_roadmap, member_secret):
    elsewhere = factories.ConveningFactory(name="Another Academy")
    listed = _get(client, reverse("api:convenings"), member_secret).json()
    assert [c["id"] for c in listed["items"]] == [demo_roadmap.delegation.convening_id]
    assert elsewhere.pk not in [c["id"] for c in listed["items"]]
