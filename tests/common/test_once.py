"""Forms that create carry a one-time token: sent again (back, then submit;
a double click), they show what the first sending created instead of making
a copy; sent with errors, the corrected form still creates."""

import re

from django.urls import reverse

from academy.models import Convening, Session
from tests.academy.test_session_views import _form as session_form
from tests.cohort.conftest import creator  # noqa: F401  (fixture)
from tests.cohort.convening_form import FORM as CONVENING_FORM


def _token(page) -> str:
    return re.search(r'name="once" value="([^"]+)"', page.content.decode()).group(1)


def test_a_convening_sent_twice_is_created_once(
    client,
    creator,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    client.force_login(creator)
    url = reverse("cohort:convening_create")
    token = _token(client.get(url))

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, {**CONVENING_FORM, "once": token})
    again = client.post(url, {**CONVENING_FORM, "once": token}, follow=True)

    convening = Convening.objects.get()
    assert first["Location"] == convening.get_absolute_url()
    assert again.redirect_chain[-1][0] == convening.get_absolute_url()
    assert "This form was sent already: here is what it created." in (
        again.content.decode()
    )


def test_a_form_with_errors_releases_its_token(client, creator):  # noqa: F811
    client.force_login(creator)
    url = reverse("cohort:convening_create")
    token = _token(client.get(url))
    wrong = client.post(url, {**CONVENING_FORM, "start_date": "", "once": token})
    assert wrong.status_code == 200
    assert _token(wrong) == token  # the page keeps its token

    client.post(url, {**CONVENING_FORM, "once": token})

    assert Convening.objects.count() == 1


def test_a_session_sent_twice_is_added_once(
    client, organizer, convening, django_capture_on_commit_callbacks
):
    client.force_login(organizer)
    url = reverse("academy:session_create", args=[convening.pk])
    token = _token(client.get(url))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**session_form(), "once": token})
    again = client.post(url, {**session_form(), "once": token})

    session = Session.objects.get()
    assert again["Location"].endswith(f"#session-{session.pk}")


def test_two_pages_opened_apart_make_two_things(client, organizer, convening):
    client.force_login(organizer)
    url = reverse("academy:session_create", args=[convening.pk])
    for _ in range(2):
        client.post(url, {**session_form(), "once": _token(client.get(url))})
    assert Session.objects.count() == 2


def test_a_second_sending_while_the_first_runs_is_told_to_wait(
    client, organizer, convening
):
    from django.core.cache import cache

    client.force_login(organizer)
    url = reverse("academy:session_create", args=[convening.pk])
    cache.add(f"once:{organizer.pk}:the-token", "pending", 60)  # the first, running
    page = client.post(url, {**session_form(), "once": "the-token"}, follow=True)
    assert "still being saved" in page.content.decode()
    assert Session.objects.count() == 0
