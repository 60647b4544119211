"""Who the matrix tries each URL as, the groups its routes allow, and what a
route says (tests/test_authorization_matrix.py)."""

from dataclasses import dataclass

LOGO_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<rect width="10" height="10"/></svg>'
)
ANONYMOUS, OTHER_MEMBER, MEMBER = "anonymous", "other_member", "member"
OTHER_FACILITATOR, OTHER_ORGANIZER = "other_facilitator", "other_organizer"
FACILITATOR, ORGANIZER = "facilitator", "organizer"
ROLES = (
    ANONYMOUS,
    OTHER_MEMBER,
    MEMBER,
    OTHER_FACILITATOR,
    OTHER_ORGANIZER,
    FACILITATOR,
    ORGANIZER,
)

EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {ANONYMOUS}
CONVENING_MEMBERS = frozenset({OTHER_MEMBER, MEMBER, FACILITATOR, ORGANIZER})
DELEGATION_READERS = frozenset({MEMBER, FACILITATOR, ORGANIZER})
STAFF = frozenset({FACILITATOR, ORGANIZER})
ORGANIZERS = frozenset({ORGANIZER})
ANY_ORGANIZER = frozenset({ORGANIZER, OTHER_ORGANIZER})
MEMBERS = frozenset({MEMBER})
PARTICIPANTS = frozenset({MEMBER, OTHER_MEMBER})
NOBODY = frozenset()


@dataclass(frozen=True)
class Route:
    kwargs: object  # world -> URL kwargs
    get: frozenset | None = None  # who may GET; None: the view takes no GET
    post: frozenset | None = None
    public: bool = False  # refused anonymous visitors are not sent to sign in
    data: object = None  # world -> the POST a real page would send


def convening(world):
    return {"pk": world.convening.pk}


def delegation(world):
    return {"pk": world.bolivia.pk}


def session(world):
    return {"pk": world.session.pk}


def participant(world):
    return {"pk": world.membership.pk}


def survey(world):
    return {"pk": world.survey.pk}


def roadmap(world):
    return {"pk": world.roadmap.pk}


def outcome(world):
    return {"pk": world.roadmap.pk, "kind": "outcome", "item_pk": world.outcome.pk}


def nothing(world):
    return {}
