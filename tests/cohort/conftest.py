"""Fixtures of the cohort pages' tests."""

import pytest
from django.contrib.auth.models import Permission

from tests import factories


@pytest.fixture
def creator(db):
    """Staff allowed to create convenings (the one permission it takes)."""
    user = factories.UserFactory(
        email="creator@test.org", full_name="Carla Creator", is_staff=True
    )
    user.user_permissions.add(Permission.objects.get(codename="add_convening"))
    return user
