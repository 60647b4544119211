"""Sign-in throttling counts per address as sign-in matches it (any letter case)
and per client behind the configured number of proxies; password reset e-mails
are limited per address and per client (accounts/throttling.py,
common/client_ip.py, common/ratelimit.py)."""

import pytest
from django.core import mail
from django.test import RequestFactory

from common.client_ip import client_ip
from tests.conftest import sign_in

RIGHT = "secret-pass-123"


def _login(client, email, password, **meta):
    return client.post(
        "/accounts/login/", {"username": email, "password": password}, **meta
    )


def test_letter_case_does_not_buy_more_tries(client, organizer):
    address = organizer.email  # organizer@test.org
    for spelling in (
        address.upper(),
        address.title(),
        " " + address,
        address.capitalize(),
        address.swapcase(),
    ):
        assert not sign_in(client, spelling, "wrong-password")

    locked = _login(client, address, RIGHT)

    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()


def test_behind_one_trusted_proxy_each_client_is_counted_apart(
    client, organizer, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for _attempt in range(5):
        _login(
            client,
            organizer.email,
            "wrong-password",
            HTTP_X_FORWARDED_FOR="198.51.100.1",
            **proxy,
        )

    guesser = _login(
        client, organizer.email, RIGHT, HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy
    )
    person = _login(
        client, organizer.email, RIGHT, HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy
    )

    assert guesser.status_code == 429
    assert person.status_code == 302


def test_without_trusted_proxies_the_forwarded_header_is_ignored(client, organizer):
    for number in range(5):
        _login(
            client,
            organizer.email,
            "wrong-password",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{number}",
        )

    response = _login(client, organizer.email, RIGHT, HTTP_X_FORWARDED_FOR="192.0.2.9")

    assert response.status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "10.0.0.1"),
        (1, "203.0.113.5", "203.0.113.5"),
        # What the client writes itself stays on the left: never trusted.
        (1, "1.2.3.4, 203.0.113.5", "203.0.113.5"),
        (2, "1.2.3.4, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        # Fewer hops than proxies: the request did not come through them all.
        (2, "203.0.113.5", "10.0.0.1"),
    ],
)
def test_client_ip_counts_proxies_from_the_right(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded
    )

    assert client_ip(request) == expected


def test_password_reset_sends_at_most_three_links_an_hour_to_one_address(
    client, organizer, in_process_tasks, django_capture_on_commit_callbacks
):
    pages = []
    for spelling in (organizer.email, organizer.email.upper(), organizer.email) * 2:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/accounts/password_reset/", {"email": spelling}, follow=True
            )
        pages.append((response.status_code, response.redirect_chain))

    assert len(mail.outbox) == 3
    # Limited or not, the page says the same: no one learns what is known.
    assert len(set(map(str, pages))) == 1


def test_password_reset_refuses_a_client_asking_too_often_with_a_clear_message(
    client, db, settings
):
    settings.PASSWORD_RESET_LIMIT_PER_CLIENT = 3
    for number in range(3):
        client.post("/accounts/password_reset/", {"email": f"p{number}@example.org"})

    response = client.post("/accounts/password_reset/", {"email": "p9@example.org"})

    assert response.status_code == 429
    assert "Too many requests from your connection in the last hour." in (
        response.content.decode()
    )
