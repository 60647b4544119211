import logging

from django.test import Client


def test_an_edit_conflict_is_not_logged_but_other_client_errors_are(
    caplog, bolivia, bolivia_member
):
    from roadmaps.services import roadmap_initialize

    roadmap = roadmap_initialize(roadmap=bolivia.roadmap)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(bolivia_member)
    url = f"/roadmaps/{roadmap.pk}/text/theory-of-change/"
    data = {"toc_if": "Mine", "toc_then": "", "toc_because": ""}
    assert client.post(url, {**data, "version": 1}).status_code == 302

    with caplog.at_level(logging.WARNING, logger="django.request"):
        stale = client.post(
            url, {**data, "toc_if": "Theirs", "version": 1}, HTTP_HX_REQUEST="true"
        )
        missing = client.get("/roadmaps/999999/")

    assert stale.status_code == 409
    assert missing.status_code == 404
    logged = [record.getMessage() for record in caplog.records]
    assert not any("Conflict" in message for message in logged)
    assert any("Not Found: /roadmaps/999999/" in message for message in logged)
