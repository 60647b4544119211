"""Concurrent saves of one item from the same version, in real threads on Postgres.

Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/academy_roadmaps.
"""

import re
import threading

import pytest
from django.db import connection
from django.test import Client

from roadmaps.models import Outcome, Pillar, Roadmap
from roadmaps.services import roadmap_initialize
from tests import factories as base_factories
from tests.factories import roadmaps as factories

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _race(urls_and_data, people):
    barrier = threading.Barrier(len(people))
    results = {}

    def save(index, person):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(person)
        url, data = urls_and_data[index]
        try:
            barrier.wait(timeout=10)
            response = client.post(url, data, HTTP_HX_REQUEST="true")
            # The merge view marks the words that differ: read its text whole.
            body = re.sub(r"</?mark>", "", response.content.decode())
            results[index] = (response.status_code, body)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(index, person))
        for index, person in enumerate(people)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.fixture
def team(postgres):
    delegation = base_factories.DelegationFactory(country="BO")
    people = [
        base_factories.ParticipantFactory(delegation=delegation).user for _ in range(4)
    ]
    roadmap = roadmap_initialize(roadmap=delegation.roadmap)
    return roadmap, people


def test_concurrent_item_saves_one_wins_the_others_get_409(team):
    roadmap, people = team
    pillar = Pillar.objects.filter(roadmap=roadmap).first()
    outcome = factories.outcome(roadmap, pillar, "Start")
    url = f"/roadmaps/{roadmap.pk}/outcome/{outcome.pk}/edit/"
    texts = [f"Text of person {index}" for index in range(len(people))]
    results = _race(
        [(url, {"statement": text, "version": 1}) for text in texts], people
    )

    statuses = sorted(status for status, _body in results.values())
    assert statuses == [200, 409, 409, 409]
    winner = next(i for i, (status, _b) in results.items() if status == 200)
    stored = Outcome.objects.get(pk=outcome.pk)
    assert (stored.statement, stored.version) == (texts[winner], 2)
    for index, (status, body) in results.items():
        if status == 409:
            assert texts[index] in body
            assert texts[winner] in body
    assert outcome.history.filter(version=2).count() == 1


def test_concurrent_autosaves_of_the_theory_of_change(team):
    roadmap, people = team
    url = f"/roadmaps/{roadmap.pk}/text/theory-of-change/"
    texts = [f"If person {index} writes" for index in range(2)]
    results = _race(
        [
            (url, {"toc_if": text, "toc_then": "", "toc_because": "", "version": 1})
            for text in texts
        ],
        people[:2],
    )
    assert sorted(status for status, _body in results.values()) == [200, 409]
    winner = next(i for i, (status, _b) in results.items() if status == 200)
    assert Roadmap.objects.get(pk=roadmap.pk).toc_if == texts[winner]
