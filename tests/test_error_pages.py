"""Error pages explain in plain words and leak nothing."""

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from config.urls import urlpatterns as app_urlpatterns


def broken(request):
    raise RuntimeError("secret internals: postgres://admin:hunter2@db")


def fine(request):
    return HttpResponse("ok")


urlpatterns = [path("broken/", broken), path("fine/", fine), *app_urlpatterns]


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__


def test_error_page_not_found_is_plain(client, db, production):
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_error_page_server_error_leaks_nothing(db, production):
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en")

    response = client.get("/broken/")

    content = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in content
    assert "hunter2" not in content and "RuntimeError" not in content


def test_error_page_csrf_failure_explains_and_changes_nothing(db, organizer):
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(organizer)

    response = client.post("/i18n/setlang/", {"language": "es"})

    assert response.status_code == 403
    assert "The form expired" in response.content.decode()
    organizer.refresh_from_db()
    assert organizer.preferred_language == "en"
