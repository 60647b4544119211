"""Every URL of the project, every method it takes, as every kind of person.

The routes are read from the URL configuration: a view added without an entry in
MATRIX fails ``test_matrix_covers_every_url``. The cohort is built once for the
module; each case runs in a transaction that is rolled back, so what a POST writes
is gone before the next case. The people:

- anonymous: signed-out visitor;
- other_member: participant of another delegation of the same convening;
- member: participant of the delegation the URL is about;
- other_facilitator / other_organizer: roles in another convening;
- facilitator / organizer: roles in this convening.

Allowed means the view did its work (any answer but 404, 403, 5xx or a detour to
sign-in: a form with errors is allowed). Refused means 404 for a signed-in person
(so ids cannot be probed) and the sign-in page for an anonymous one.
"""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.authorization.people import (
    ANONYMOUS,
    ORGANIZER,
    ROLES,
)
from tests.authorization.routes_cohort import COHORT_ROUTES
from tests.authorization.routes_results import RESULTS_ROUTES
from tests.authorization.routes_roadmaps import ROADMAP_ROUTES
from tests.authorization.world import World

MATRIX = {**COHORT_ROUTES, **ROADMAP_ROUTES, **RESULTS_ROUTES}


def project_routes(patterns=None, namespace=None):
    """(name, route) for every named view of ours; Django's admin is support-only."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            yield from project_routes(pattern.url_patterns, pattern.namespace)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, pattern


def test_matrix_covers_every_url():
    names = {name for name, _pattern in project_routes()}

    assert None not in names, "every URL needs a name"
    assert sorted(names - set(MATRIX)) == []
    assert sorted(set(MATRIX) - names) == []


CASES = [
    (name, method, role)
    for name, route in MATRIX.items()
    for method in ("get", "post")
    if getattr(route, method) is not None
    for role in ROLES
]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The cohort of every case, built once, inside a transaction rolled back at the
    end of the module. Each case's ``db`` transaction nests in it as a savepoint."""
    exports = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path_factory.mktemp("matrix-exports"))},
    }
    with (
        override_settings(STORAGES={**settings.STORAGES, "exports": exports}),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield World()
        transaction.set_rollback(True)


@pytest.mark.parametrize(("name", "method", "role"), CASES)
def test_who_may_use_each_url(world, client, db, name, method, role):
    route = MATRIX[name]
    if role != ANONYMOUS:
        client.force_login(world.people[role])
    url = reverse(name, kwargs=route.kwargs(world))

    data = route.data(world) if route.data and method == "post" else {}

    response = getattr(client, method)(url, data)

    status = response.status_code
    to_sign_in = status == 302 and urlsplit(response["Location"]).path == reverse(
        "login"
    )
    if role in getattr(route, method):
        assert (
            status < 500
            and status not in (403, 404)
            and not (to_sign_in and name != "logout")
        ), f"{method.upper()} {url} as {role}: {status}"
    elif role == ANONYMOUS and name.startswith("api:") and name != "api:api-root":
        # An API answers an anonymous request 401; its documentation asks
        # to sign in, as a page does.
        assert to_sign_in or status == 401, f"{method.upper()} {url}: {status}"
    elif role == ANONYMOUS and not route.public:
        assert to_sign_in, f"{method.upper()} {url} as anonymous: {status}"
    else:
        assert status == 404, f"{method.upper()} {url} as {role}: {status}"


@pytest.mark.parametrize(
    ("name", "method"),
    [
        (name, method)
        for name, route in MATRIX.items()
        for method in ("get", "post")
        if getattr(route, method) is None
    ],
)
def test_methods_a_view_does_not_take_are_refused(world, client, db, name, method):
    client.force_login(world.people[ORGANIZER])
    route = MATRIX[name]

    response = getattr(client, method)(reverse(name, kwargs=route.kwargs(world)))

    assert response.status_code in (404, 405)
