"""Only members edit; staff of the convening read and comment; everyone else 404.

Every URL of the editor is tried by every kind of person, with and without htmx.
"""

import pytest

from roadmaps import services
from roadmaps.enums import Section
from roadmaps.models import Comment, Outcome, Output
from tests.factories import roadmaps as factories


@pytest.fixture
def parts(roadmap, pillar, bolivia_member):
    outcome = factories.outcome(roadmap, pillar, "Outcome text")
    gone = factories.output(roadmap, outcome, "Deleted output")
    services.item_delete(user=bolivia_member, item=gone)
    comment = services.comment_create(
        user=bolivia_member, roadmap=roadmap, section=Section.CONTEXT, body="Hello"
    )
    record = Outcome.history.filter(id=outcome.pk).first()
    return {
        "roadmap": roadmap,
        "outcome": outcome,
        "gone": gone,
        "comment": comment,
        "record": record,
    }


def endpoints(p):
    r = p["roadmap"].pk
    o = p["outcome"]
    base = f"/roadmaps/{r}"
    return {
        "read": [
            ("get", f"{base}/", {}),
            ("get", f"{base}/structure/", {}),
            ("get", f"{base}/history/", {}),
            ("get", f"{base}/history/outcome/{o.pk}/", {}),
            ("get", f"{base}/history/roadmap/{r}/", {}),
        ],
        "edit": [
            (
                "post",
                f"{base}/text/context/",
                {"context_analysis": "x", "nap_status": "none", "version": 1},
            ),
            ("post", f"{base}/text/theory-of-change/", {"toc_if": "x", "version": 1}),
            ("get", f"{base}/add/outcome/?parent=pillar-{o.pillar_id}", {}),
            (
                "post",
                f"{base}/add/outcome/?parent=pillar-{o.pillar_id}",
                {"statement": "New"},
            ),
            ("get", f"{base}/outcome/{o.pk}/edit/", {}),
            (
                "post",
                f"{base}/outcome/{o.pk}/edit/",
                {"statement": "Changed", "version": o.version},
            ),
            ("post", f"{base}/outcome/{o.pk}/move/", {"direction": "down"}),
            ("get", f"{base}/outcome/{o.pk}/delete/", {}),
            ("post", f"{base}/outcome/{o.pk}/delete/", {}),
        ],
        "restore": [
            ("post", f"{base}/output/{p['gone'].pk}/undelete/", {}),
            (
                "post",
                f"{base}/history/outcome/{o.pk}/restore/",
                {"record": p["record"].history_id},
            ),
        ],
        "comment": [
            ("post", f"{base}/comments/", {"section": "context", "body": "A remark"}),
            ("post", f"{base}/comments/{p['comment'].pk}/resolve/", {"resolved": "1"}),
        ],
    }


def _all(p):
    return [
        (group, method, url, data)
        for group, calls in endpoints(p).items()
        for method, url, data in calls
    ]


def _call(client, method, url, data, htmx):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return getattr(client, method)(url, data, **headers)


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize(
    "stranger", ["ecuador_member", "other_organizer", "other_facilitator"]
)
def test_every_endpoint_is_404_for_strangers(client, parts, stranger, htmx, request):
    client.force_login(request.getfixturevalue(stranger))
    for _group, method, url, data in _all(parts):
        response = _call(client, method, url, data, htmx)
        assert (url, response.status_code) == (url, 404)
    assert Outcome.objects.get(pk=parts["outcome"].pk).statement == "Outcome text"


@pytest.mark.parametrize("htmx", [False, True])
def test_every_endpoint_sends_anonymous_to_login(client, parts, htmx):
    for _group, method, url, data in _all(parts):
        response = _call(client, method, url, data, htmx)
        assert (url, response.status_code) == (url, 302)
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize("staff", ["facilitator", "organizer"])
def test_staff_read_and_comment_but_never_edit(client, parts, staff, htmx, request):
    client.force_login(request.getfixturevalue(staff))
    calls = endpoints(parts)
    for method, url, data in calls["read"]:
        assert (url, _call(client, method, url, data, htmx).status_code) == (url, 200)
    for method, url, data in calls["edit"] + calls["restore"]:
        assert (url, _call(client, method, url, data, htmx).status_code) == (url, 404)
    for method, url, data in calls["comment"]:
        status = _call(client, method, url, data, htmx).status_code
        assert (url, status) == (url, 200 if htmx else 302)
    outcome = Outcome.objects.get(pk=parts["outcome"].pk)
    assert (outcome.statement, outcome.deleted_at) == ("Outcome text", None)
    assert Output.objects.get(pk=parts["gone"].pk).deleted_at is not None
    assert Comment.objects.filter(body="A remark").count() == 1


@pytest.mark.parametrize("htmx", [False, True])
def test_member_may_use_every_endpoint(client, parts, bolivia_member, htmx):
    client.force_login(bolivia_member)
    for _group, method, url, data in _all(parts):
        response = _call(client, method, url, data, htmx)
        assert (url, response.status_code) in {(url, 200), (url, 302)}


def test_member_of_a_final_roadmap_reads_but_cannot_edit(client, parts, bolivia_member):
    roadmap = parts["roadmap"]
    roadmap.status = "final"
    roadmap.save()
    client.force_login(bolivia_member)
    calls = endpoints(parts)
    for method, url, data in calls["read"]:
        assert (url, _call(client, method, url, data, False).status_code) == (url, 200)
    for method, url, data in calls["edit"] + calls["restore"]:
        response = _call(client, method, url, data, True)
        # A save sent from a page opened before says why it cannot land (and
        # keeps the text, to copy); any other change is simply not there.
        if response.status_code == 409:
            assert "marked final while you were editing" in response.content.decode()
        else:
            assert (url, response.status_code) == (url, 404)
    outcome = Outcome.objects.get(pk=parts["outcome"].pk)
    assert (outcome.statement, outcome.deleted_at) == ("Outcome text", None)
    page = client.get(f"/roadmaps/{roadmap.pk}/").content.decode()
    assert (
        "This roadmap is final. It is read-only until a facilitator reopens it." in page
    )
    assert "/edit/" not in page


def test_status_change_is_404_for_strangers_and_members_cannot_review(
    client, parts, bolivia_member, ecuador_member, other_facilitator
):
    roadmap = parts["roadmap"]
    url = f"/roadmaps/{roadmap.pk}/status/"
    for person in (ecuador_member, other_facilitator):
        client.force_login(person)
        assert client.post(url, {"transition": "submit"}).status_code == 404
    client.force_login(bolivia_member)
    assert client.post(url, {"transition": "finalize"}).status_code == 404
    roadmap.refresh_from_db()
    assert roadmap.status == "draft"
