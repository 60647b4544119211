import pytest

from roadmaps.services import roadmap_initialize


@pytest.fixture
def roadmap(bolivia):
    """Bolivia's roadmap with its four standard pillars and coordination."""
    return roadmap_initialize(roadmap=bolivia.roadmap)


@pytest.fixture
def member_client(client, bolivia_member):
    client.force_login(bolivia_member)
    return client


@pytest.fixture
def pillar(roadmap):
    from roadmaps.models import Pillar

    return Pillar.objects.filter(roadmap=roadmap).order_by("position").first()
