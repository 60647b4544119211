"""Uptime monitors send HEAD: / and /healthz answer it as GET, without a
body; other methods stay refused."""

import pytest


@pytest.mark.parametrize("path", ["/", "/healthz"])
def test_head_answers_like_get_without_a_body(client, db, path):
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == got["Content-Type"]
    assert int(head["Content-Length"]) == len(got.content)


def test_head_of_the_signed_in_home_page(client, bolivia_member):
    client.force_login(bolivia_member)
    head = client.head("/")
    assert head.status_code == 200
    assert head.content == b""
    assert int(head["Content-Length"]) > 1000


@pytest.mark.parametrize("path", ["/", "/healthz"])
def test_other_methods_are_refused(client, db, path):
    assert client.put(path).status_code == 405
    assert client.delete(path).status_code == 405
