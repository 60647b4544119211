"""Password reset: the link reaches the person by e-mail, sent by the worker after
the request commits, in the person's language; the page never tells whether an
address is known."""

import re

import pytest
from django.core import mail

from accounts.tasks import password_reset_email_send

RESET_URL = "/accounts/password_reset/"


@pytest.fixture(autouse=True)
def _emails_in_process(in_process_tasks):
    """E-mails are sent in this process, whatever CELERY_BROKER_URL says."""


def text_of(response):
    """The words of the page (each answer carries its own CSRF token)."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def ask(client, email, capture):
    with capture(execute=True) as callbacks:
        response = client.post(RESET_URL, {"email": email}, follow=True)
    return response, callbacks


def test_password_reset_sends_a_link(
    client, organizer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(RESET_URL, {"email": organizer.email})

    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["organizer@test.org"]
    assert "/accounts/reset/" in mailoutbox[0].body


def test_password_reset_mail_is_in_the_recipients_language(
    client, organizer, mailoutbox, django_capture_on_commit_callbacks
):
    organizer.preferred_language = "es"
    organizer.save()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(RESET_URL, {"email": organizer.email})

    assert mailoutbox[0].subject == "NAP Academy: elija una nueva contraseña"
    assert "Hola Olga Organizer" in mailoutbox[0].body


def test_the_page_says_the_same_for_an_unknown_address(
    client, organizer, django_capture_on_commit_callbacks
):
    known, known_callbacks = ask(
        client, organizer.email, django_capture_on_commit_callbacks
    )
    unknown, unknown_callbacks = ask(
        client, "nobody@test.org", django_capture_on_commit_callbacks
    )

    assert known.redirect_chain == unknown.redirect_chain
    assert text_of(known) == text_of(unknown)
    assert "If an account exists for that address, we have sent a link" in text_of(
        known
    )
    assert (len(known_callbacks), len(unknown_callbacks)) == (1, 0)
    assert [m.to for m in mail.outbox] == [["organizer@test.org"]]


def test_the_link_made_by_the_task_lets_the_person_choose_a_password(
    client, organizer, django_capture_on_commit_callbacks
):
    ask(client, organizer.email, django_capture_on_commit_callbacks)
    link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body)

    form = client.get(link.group(1), follow=True)
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Fresh-pass-7315", "new_password2": "Fresh-pass-7315"},
        follow=True,
    )

    assert done.redirect_chain[-1][0] == "/accounts/reset/done/"
    organizer.refresh_from_db()
    assert organizer.check_password("Fresh-pass-7315")


def test_a_task_for_a_deactivated_account_sends_nothing(organizer):
    organizer.is_active = False
    organizer.save()

    sent = password_reset_email_send.delay(
        user_id=organizer.pk,
        domain="testserver",
        site_name="testserver",
        protocol="https",
    )

    assert sent.get() is False
    assert mail.outbox == []
