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

import datetime
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from academy.enums import Role
from academy.services import convening_logo_add
from accompaniment.models import ReportingPeriod
from accompaniment.services import (
    MILESTONE_TRACKED_FIELDS,
    action_item_save,
    attachment_add,
    engagement_save,
    indicator_update_save,
    milestone_track,
)
from evaluation.enums import SurveyKind
from evaluation.models import Certificate, CertificateBatch
from opendata.models import ExchangeRate
from opendata.tokens import api_token_create
from participants.invitations import invitation_send
from participants.tokens import token_make
from roadmaps.models import Comment, Export, Pillar, exports_storage
from roadmaps.services import (
    item_delete,
    item_move,
    reference_create,
    roadmap_initialize,
)
from tests import factories
from tests.factories import roadmaps as roadmap_factories

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


MATRIX = {
    # Django's own account pages: open to all.
    "cohort:home": Route(nothing, get=EVERYONE, public=True),
    "healthz": Route(nothing, get=EVERYONE, public=True),
    "login": Route(nothing, get=EVERYONE, post=EVERYONE, public=True),
    "logout": Route(nothing, post=EVERYONE, public=True),
    "password_reset": Route(nothing, get=EVERYONE, post=EVERYONE, public=True),
    "password_reset_done": Route(nothing, get=EVERYONE, public=True),
    "password_reset_confirm": Route(
        lambda w: {"uidb64": "MQ", "token": "set-password"},
        get=EVERYONE,
        post=EVERYONE,
        public=True,
    ),
    "password_reset_complete": Route(nothing, get=EVERYONE, public=True),
    "password_change": Route(nothing, get=SIGNED_IN, post=SIGNED_IN),
    "password_change_done": Route(nothing, get=SIGNED_IN),
    "set_language": Route(nothing, post=EVERYONE, public=True),
    # Convenings, delegations and the dashboard.
    "cohort:convening_detail": Route(convening, get=CONVENING_MEMBERS),
    "cohort:delegation_detail": Route(delegation, get=DELEGATION_READERS),
    "cohort:cohort_dashboard": Route(convening, get=STAFF),
    # Only staff users with the "add convening" permission: nobody here.
    "cohort:convening_create": Route(nothing, get=NOBODY, post=NOBODY),
    # Organizers of any convening let others create convenings.
    "cohort:convening_creators": Route(nothing, get=ANY_ORGANIZER, post=ANY_ORGANIZER),
    "cohort:convening_creator_revoke": Route(
        lambda w: {"user_pk": w.people[MEMBER].pk}, post=ANY_ORGANIZER
    ),
    "cohort:convening_team": Route(convening, get=ORGANIZERS, post=ORGANIZERS),
    "cohort:convening_team_remove": Route(
        lambda w: {"pk": w.convening.pk, "role_pk": w.facilitator_role.pk},
        post=ORGANIZERS,
    ),
    "cohort:convening_update": Route(convening, get=ORGANIZERS, post=ORGANIZERS),
    "cohort:convening_close": Route(convening, get=ORGANIZERS, post=ORGANIZERS),
    # A new edition: organizers who may also create convenings (nobody here;
    # tests/cohort/test_editions.py has one). Deleting one with participants
    # is refused with a page that offers to archive it.
    "cohort:convening_copy": Route(convening, get=NOBODY, post=NOBODY),
    # The agenda and badges to print: the convening's staff.
    "cohort:printables": Route(convening, get=STAFF),
    "cohort:agenda_export_request": Route(
        convening, post=STAFF, data=lambda w: {"language": "es"}
    ),
    "cohort:badges_export_request": Route(
        convening, post=STAFF, data=lambda w: {"language": "en"}
    ),
    "cohort:convening_delete": Route(convening, get=ORGANIZERS, post=ORGANIZERS),
    "cohort:convening_archive": Route(convening, post=ORGANIZERS),
    "cohort:delegation_create": Route(convening, get=ORGANIZERS, post=ORGANIZERS),
    "cohort:delegation_update": Route(delegation, get=ORGANIZERS, post=ORGANIZERS),
    "cohort:delegation_delete": Route(delegation, get=ORGANIZERS, post=ORGANIZERS),
    # Agenda and attendance.
    "academy:agenda": Route(convening, get=CONVENING_MEMBERS),
    # The logos on the reports' covers: the convening's organizers only.
    "academy:convening_logos": Route(convening, get=ORGANIZERS, post=ORGANIZERS),
    "academy:convening_logo": Route(lambda w: {"pk": w.logo.pk}, get=ORGANIZERS),
    "academy:convening_logo_move": Route(
        lambda w: {"pk": w.logo.pk}, post=ORGANIZERS, data=lambda w: {"to": "later"}
    ),
    "academy:convening_logo_remove": Route(
        lambda w: {"pk": w.logo.pk}, post=ORGANIZERS
    ),
    "academy:agenda_ics": Route(convening, get=CONVENING_MEMBERS),
    "academy:session_create": Route(convening, get=ORGANIZERS, post=ORGANIZERS),
    "academy:session_update": Route(session, get=ORGANIZERS, post=ORGANIZERS),
    "academy:session_delete": Route(session, get=ORGANIZERS, post=ORGANIZERS),
    "academy:roll_call": Route(session, get=STAFF),
    "academy:attendance_mark_everyone": Route(session, post=STAFF),
    "academy:attendance_mark": Route(
        lambda w: {"pk": w.session.pk, "participant_pk": w.membership.pk},
        post=STAFF,
    ),
    "academy:attendance_summary": Route(convening, get=STAFF),
    "academy:attendance_export": Route(
        lambda w: {"pk": w.convening.pk, "kind": "csv"}, get=STAFF
    ),
    # Participants and invitations.
    "participants:participant_create": Route(
        convening, get=ORGANIZERS, post=ORGANIZERS
    ),
    "participants:participant_import_template": Route(
        lambda w: {"pk": w.convening.pk, "kind": "xlsx"}, get=ORGANIZERS
    ),
    "participants:participant_import": Route(
        convening, get=ORGANIZERS, post=ORGANIZERS
    ),
    "participants:participant_import_confirm": Route(convening, post=ORGANIZERS),
    "participants:participant_export": Route(
        lambda w: {"pk": w.convening.pk, "kind": "xlsx"}, get=ORGANIZERS
    ),
    "participants:participant_update": Route(
        participant, get=ORGANIZERS, post=ORGANIZERS
    ),
    "participants:participant_remove": Route(
        participant, get=ORGANIZERS, post=ORGANIZERS
    ),
    "participants:invitation_list": Route(convening, get=ORGANIZERS),
    "participants:invitation_send_all": Route(convening, post=ORGANIZERS),
    "participants:invitation_resend_undelivered": Route(convening, post=ORGANIZERS),
    "participants:invitation_send": Route(participant, post=ORGANIZERS),
    "participants:invitation_accept": Route(
        lambda w: {"token": w.invitation_token},
        get=EVERYONE,
        post=EVERYONE,
        public=True,
    ),
    "participants:invitation_request_new": Route(
        nothing, get=EVERYONE, post=EVERYONE, public=True
    ),
    "participants:invitation_request_done": Route(nothing, get=EVERYONE, public=True),
    # The roadmap: members write; the convening's staff read and comment.
    "roadmaps:roadmap_editor": Route(roadmap, get=DELEGATION_READERS),
    "roadmaps:roadmap_structure": Route(roadmap, get=DELEGATION_READERS),
    "roadmaps:roadmap_text_save": Route(
        lambda w: {"pk": w.roadmap.pk, "group": "theory-of-change"}, post=MEMBERS
    ),
    "roadmaps:roadmap_item_add": Route(
        lambda w: {"pk": w.roadmap.pk, "kind": "milestone"}, get=MEMBERS, post=MEMBERS
    ),
    "roadmaps:roadmap_item_edit": Route(outcome, get=MEMBERS, post=MEMBERS),
    "roadmaps:roadmap_item_move": Route(
        outcome, post=MEMBERS, data=lambda w: {"direction": "down"}
    ),
    "roadmaps:roadmap_item_reparent": Route(
        outcome,
        get=MEMBERS,
        post=MEMBERS,
        data=lambda w: {"parent": f"pillar-{w.other_pillar.pk}"},
    ),
    "roadmaps:roadmap_item_delete": Route(outcome, get=MEMBERS, post=MEMBERS),
    "roadmaps:roadmap_item_undelete": Route(
        lambda w: {"pk": w.roadmap.pk, "kind": "outcome", "item_pk": w.deleted.pk},
        post=MEMBERS,
    ),
    "roadmaps:roadmap_item_move_undo": Route(
        lambda w: {"pk": w.roadmap.pk, "kind": "outcome", "item_pk": w.moved.pk},
        post=MEMBERS,
        data=lambda w: {"record": w.move.history_id},
    ),
    "roadmaps:roadmap_comment_add": Route(
        roadmap,
        post=DELEGATION_READERS,
        data=lambda w: {"section": "context", "body": "Which year is the baseline?"},
    ),
    "roadmaps:roadmap_comment_resolve": Route(
        lambda w: {"pk": w.roadmap.pk, "comment_pk": w.comment.pk},
        post=DELEGATION_READERS,
    ),
    # A draft: only its members may submit it for review.
    "roadmaps:roadmap_status_change": Route(
        roadmap, post=MEMBERS, data=lambda w: {"transition": "submit"}
    ),
    "roadmaps:roadmap_history": Route(roadmap, get=DELEGATION_READERS),
    "roadmaps:roadmap_presence": Route(
        roadmap,
        post=DELEGATION_READERS,
        data=lambda w: {"section": "indicators", "editing": ""},
    ),
    "roadmaps:roadmap_item_history": Route(outcome, get=DELEGATION_READERS),
    # The follow-up after the convening: its readers see it, the staff who
    # accompany the delegation record it (here the facilitator is assigned),
    # members move their delegation's own action items along.
    "accompaniment:cohort_board": Route(convening, get=STAFF),
    "accompaniment:followup_settings": Route(
        convening,
        post=ORGANIZERS,
        data=lambda w: {"quiet_days": 30, "due_soon_days": 5},
    ),
    "accompaniment:followup": Route(delegation, get=DELEGATION_READERS),
    "accompaniment:engagement_create": Route(delegation, get=STAFF, post=STAFF),
    "accompaniment:engagement_update": Route(
        lambda w: {"pk": w.engagement.pk}, get=STAFF, post=STAFF
    ),
    "accompaniment:action_item_create": Route(delegation, get=STAFF, post=STAFF),
    "accompaniment:action_item_update": Route(
        lambda w: {"pk": w.action_item.pk}, get=STAFF, post=STAFF
    ),
    "accompaniment:attachment_add": Route(
        lambda w: {"pk": w.engagement.pk}, post=STAFF
    ),
    "accompaniment:attachment_download": Route(
        lambda w: {"pk": w.attachment.pk}, get=DELEGATION_READERS
    ),
    "accompaniment:attachment_remove": Route(
        lambda w: {"pk": w.attachment.pk}, post=STAFF
    ),
    "accompaniment:action_item_status": Route(
        lambda w: {"pk": w.action_item.pk},
        post=DELEGATION_READERS,
        data=lambda w: {"status": "done", "version": w.action_item.version},
    ),
    # The NAP path: its readers see it; the delegation, the staff who accompany
    # it and the organizers keep its stages up to date.
    "accompaniment:nap_path": Route(delegation, get=DELEGATION_READERS),
    "accompaniment:milestone_track": Route(
        lambda w: {"pk": w.bolivia.pk, "kind": "adoption"},
        get=DELEGATION_READERS,
        post=DELEGATION_READERS,
        data=lambda w: {
            "status": "in_progress",
            "planned_date": "2027-03-01",
            "version": w.milestone.version,
        },
    ),
    "accompaniment:milestone_evidence_add": Route(
        lambda w: {"pk": w.bolivia.pk, "kind": "adoption"}, post=DELEGATION_READERS
    ),
    # Indicator tracking: its readers see the table and the updates; members
    # report; the staff who accompany the delegation review and set targets;
    # organizers lock periods.
    "accompaniment:indicator_table": Route(delegation, get=DELEGATION_READERS),
    "accompaniment:update_create": Route(
        lambda w: {"pk": w.period.pk},
        get=MEMBERS,
        post=MEMBERS,
        data=lambda w: {"value": "3", "as_of": "2025-06-01", "draft": "1"},
    ),
    "accompaniment:update_detail": Route(
        lambda w: {"pk": w.update.pk}, get=DELEGATION_READERS
    ),
    "accompaniment:update_edit": Route(
        lambda w: {"pk": w.update.pk}, get=MEMBERS, post=MEMBERS
    ),
    "accompaniment:update_review": Route(
        lambda w: {"pk": w.update.pk},
        post=STAFF,
        data=lambda w: {"decision": "approve", "version": w.update.version},
    ),
    "accompaniment:update_evidence_add": Route(
        lambda w: {"pk": w.update.pk}, post=MEMBERS
    ),
    "accompaniment:period_detail": Route(
        lambda w: {"pk": w.period.pk}, get=DELEGATION_READERS
    ),
    "accompaniment:period_target": Route(
        lambda w: {"pk": w.period.pk},
        post=STAFF,
        data=lambda w: {"target_value": "12", "version": w.period.version},
    ),
    "accompaniment:period_lock": Route(
        lambda w: {"pk": w.period.pk}, post=ORGANIZERS, data=lambda w: {"locked": "1"}
    ),
    "accompaniment:tracking_download": Route(
        lambda w: {"pk": w.bolivia.pk, "fmt": "json"}, get=DELEGATION_READERS
    ),
    # The progress reports: a delegation's for its readers, the cohort's for
    # the staff (then the roadmaps' export pages: progress, download).
    "accompaniment:progress_export_request": Route(
        delegation, post=DELEGATION_READERS, data=lambda w: {"language": "es"}
    ),
    "accompaniment:cohort_progress_export_request": Route(
        convening, post=STAFF, data=lambda w: {"language": "en"}
    ),
    # Only once the roadmap is final (this one is not: nobody, not even its
    # organizers; tests/accompaniment/test_tracking.py covers the final one).
    "accompaniment:indicator_baseline": Route(
        lambda w: {"pk": w.indicator.pk}, get=NOBODY, post=NOBODY
    ),
    # PDF exports: a roadmap's for its readers, the cohort report for staff.
    "roadmaps:roadmap_exports": Route(roadmap, get=DELEGATION_READERS),
    "roadmaps:roadmap_export_request": Route(
        roadmap, post=DELEGATION_READERS, data=lambda w: {"language": "es"}
    ),
    "roadmaps:cohort_reports": Route(convening, get=STAFF),
    "roadmaps:cohort_export_request": Route(
        convening, post=STAFF, data=lambda w: {"language": "en"}
    ),
    "roadmaps:export_detail": Route(
        lambda w: {"pk": w.export.pk}, get=DELEGATION_READERS
    ),
    "roadmaps:export_status": Route(
        lambda w: {"pk": w.export.pk}, get=DELEGATION_READERS
    ),
    "roadmaps:export_download": Route(
        lambda w: {"pk": w.export.pk}, get=DELEGATION_READERS
    ),
    "roadmaps:export_retry": Route(
        lambda w: {"pk": w.export.pk}, post=DELEGATION_READERS
    ),
    "roadmaps:roadmap_item_restore": Route(
        outcome,
        post=MEMBERS,
        data=lambda w: {"record": w.outcome.history.earliest().history_id},
    ),
    # Surveys: organizers build them and read everything, facilitators read the
    # results, the convening's participants answer (any delegation).
    "evaluation:survey_list": Route(convening, get=STAFF),
    "evaluation:survey_create": Route(convening, get=ORGANIZERS, post=ORGANIZERS),
    "evaluation:survey_copy": Route(convening, get=ORGANIZERS, post=ORGANIZERS),
    "evaluation:convening_evaluation": Route(convening, get=STAFF),
    "evaluation:evaluation_export_request": Route(
        convening, post=STAFF, data=lambda w: {"language": "en"}
    ),
    "evaluation:survey_detail": Route(survey, get=ORGANIZERS),
    "evaluation:survey_edit": Route(survey, get=ORGANIZERS, post=ORGANIZERS),
    "evaluation:survey_delete": Route(survey, post=ORGANIZERS),
    "evaluation:survey_preview": Route(survey, get=ORGANIZERS),
    "evaluation:question_create": Route(survey, get=ORGANIZERS, post=ORGANIZERS),
    "evaluation:question_edit": Route(
        lambda w: {"pk": w.question.pk}, get=ORGANIZERS, post=ORGANIZERS
    ),
    "evaluation:question_delete": Route(
        lambda w: {"pk": w.question.pk}, post=ORGANIZERS
    ),
    "evaluation:question_move": Route(
        lambda w: {"pk": w.question.pk, "direction": "up"}, post=ORGANIZERS
    ),
    "evaluation:survey_answer": Route(
        survey,
        get=PARTICIPANTS,
        post=PARTICIPANTS,
        data=lambda w: {f"q{w.question.pk}": "4", "submit": "1"},
    ),
    "evaluation:answer_save": Route(
        lambda w: {"pk": w.survey.pk, "question_pk": w.question.pk},
        post=PARTICIPANTS,
        data=lambda w: {f"q{w.question.pk}": "4"},
    ),
    "evaluation:survey_results": Route(survey, get=STAFF),
    "evaluation:survey_remind": Route(survey, post=ORGANIZERS),
    "evaluation:survey_answers_download": Route(survey, get=ORGANIZERS),
    # Certificates: organizers run them; a holder downloads their own; the
    # verification page is public.
    "evaluation:certificates_page": Route(convening, get=ORGANIZERS),
    "evaluation:certificate_rule": Route(
        convening, post=ORGANIZERS, data=lambda w: {"min_attendance_percent": 80}
    ),
    "evaluation:certificates_issue": Route(convening, post=ORGANIZERS),
    "evaluation:certificate_batch_status": Route(
        lambda w: {"pk": w.batch.pk}, get=ORGANIZERS
    ),
    "evaluation:certificate_batch_zip": Route(
        lambda w: {"pk": w.batch.pk}, get=ORGANIZERS
    ),
    "evaluation:certificate_download": Route(
        lambda w: {"pk": w.certificate.pk}, get=frozenset({MEMBER, ORGANIZER})
    ),
    "evaluation:certificate_revoke": Route(
        lambda w: {"pk": w.certificate.pk},
        post=ORGANIZERS,
        data=lambda w: {"reason": "Issued by mistake"},
    ),
    "evaluation:certificate_verify": Route(
        lambda w: {"code": w.certificate.code}, get=EVERYONE
    ),
    # Reference indicators: read by the convening's people (they choose them
    # in the editor), the convening's own entries kept by its organizers.
    "roadmaps:reference_list": Route(
        convening,
        get=CONVENING_MEMBERS,
        post=ORGANIZERS,
        data=lambda w: {"code": "MATRIX-2", "title_en": "Matrix reference"},
    ),
    "roadmaps:reference_edit": Route(
        lambda w: {"pk": w.reference.pk},
        get=ORGANIZERS,
        post=ORGANIZERS,
        data=lambda w: {"code": "MATRIX-1", "title_en": "Renamed"},
    ),
    "roadmaps:reference_delete": Route(
        lambda w: {"pk": w.reference.pk}, post=ORGANIZERS
    ),
    # Open data: a roadmap's data for its readers; the convening's (shared
    # roadmaps only) for its staff; sharing is the delegation's choice.
    "opendata:delegation_data": Route(delegation, get=DELEGATION_READERS),
    "opendata:delegation_iati_check": Route(delegation, get=DELEGATION_READERS),
    "opendata:sharing_change": Route(
        delegation,
        post=frozenset({MEMBER, ORGANIZER}),
        data=lambda w: {"share_results": "on"},
    ),
    "opendata:delegation_download": Route(
        lambda w: {"pk": w.bolivia.pk, "fmt": "json"}, get=DELEGATION_READERS
    ),
    "opendata:convening_data": Route(convening, get=STAFF),
    "opendata:convening_iati_check": Route(convening, get=STAFF),
    "opendata:export_settings_change": Route(convening, post=ORGANIZERS),
    "opendata:convening_download": Route(
        lambda w: {"pk": w.convening.pk, "fmt": "iati"}, get=STAFF
    ),
    # The comparison: the staff, and members of delegations that share with
    # the cohort (none in this world: members are refused); rates: organizers.
    "opendata:comparison": Route(convening, get=STAFF),
    "opendata:common_currency_change": Route(
        convening, post=ORGANIZERS, data=lambda w: {"common_currency": "USD"}
    ),
    "opendata:exchange_rate_save": Route(
        convening,
        post=ORGANIZERS,
        data=lambda w: {"currency": "EUR", "rate": "1.1", "as_of": "2025-06-01"},
    ),
    "opendata:exchange_rate_delete": Route(
        lambda w: {"pk": w.rate.pk}, post=ORGANIZERS
    ),
    # API tokens: whoever organizes a convening; each revokes their own.
    "opendata:api_tokens": Route(
        lambda w: {},
        get=ANY_ORGANIZER,
        post=ANY_ORGANIZER,
        data=lambda w: {"name": "Matrix"},
    ),
    "opendata:api_token_revoke": Route(
        lambda w: {"pk": w.token.pk}, post=frozenset({ORGANIZER})
    ),
    # The read API (session here; tokens in tests/opendata/test_api.py): as the
    # pages. Anonymous requests answer 401, the documentation asks to sign in.
    "api:openapi-json": Route(lambda w: {}, get=SIGNED_IN),
    "api:openapi-view": Route(lambda w: {}, get=SIGNED_IN),
    "api:api-root": Route(lambda w: {}, get=NOBODY, public=True),
    "api:convenings": Route(lambda w: {}, get=SIGNED_IN),
    "api:delegations": Route(convening, get=CONVENING_MEMBERS),
    "api:convening_results": Route(convening, get=STAFF),
    "api:roadmap_results": Route(roadmap, get=DELEGATION_READERS),
}


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


class World:
    """A convening with two delegations, a session, a roadmap item, a comment."""

    def __init__(self):
        self.convening = factories.ConveningFactory(name="Matrix convening")
        self.bolivia = factories.DelegationFactory(
            convening=self.convening, country="BO"
        )
        ecuador = factories.DelegationFactory(convening=self.convening, country="EC")
        self.membership = factories.ParticipantFactory(delegation=self.bolivia)
        self.people = {
            MEMBER: self.membership.user,
            OTHER_MEMBER: factories.ParticipantFactory(delegation=ecuador).user,
        }
        for role, name, convening in (
            (Role.FACILITATOR, FACILITATOR, self.convening),
            (Role.ORGANIZER, ORGANIZER, self.convening),
            (Role.FACILITATOR, OTHER_FACILITATOR, factories.ConveningFactory()),
            (Role.ORGANIZER, OTHER_ORGANIZER, factories.ConveningFactory()),
        ):
            granted = factories.RoleFactory(convening=convening, role=role)
            self.people[name] = granted.user
            if name == FACILITATOR:
                self.facilitator_role = granted
        self.session = factories.SessionFactory(convening=self.convening)
        self.roadmap = self.bolivia.roadmap
        roadmap_initialize(roadmap=self.roadmap)
        pillar = Pillar.objects.filter(roadmap=self.roadmap).first()
        self.outcome = roadmap_factories.outcome(self.roadmap, pillar)
        self.other_pillar = Pillar.objects.filter(roadmap=self.roadmap).last()
        self.deleted = roadmap_factories.outcome(self.roadmap, pillar)
        item_delete(user=self.membership.user, item=self.deleted)
        self.moved = roadmap_factories.outcome(self.roadmap, pillar)
        item_move(user=self.membership.user, item=self.moved, direction="up")
        self.move = self.moved.history.order_by("-history_id").first()
        self.comment = Comment.objects.create(
            roadmap=self.roadmap,
            author=self.membership.user,
            section="context",
            body="Please add the baseline.",
        )
        newcomer = factories.ParticipantFactory(delegation=self.bolivia)
        invitation = invitation_send(
            participant=newcomer, sent_by=None, base_url="http://testserver"
        )
        self.invitation_token = token_make(key=invitation.key)
        self.export = Export.objects.create(
            kind="roadmap",
            convening=self.convening,
            roadmap=self.roadmap,
            language="en",
            status="ready",
            requested_by=self.membership.user,
            filename="roadmap-BOL-en-2025-06-26.pdf",
        )
        self.export.file.name = exports_storage().save(
            f"matrix-{self.export.pk}.pdf", ContentFile(b"%PDF-1.7 matrix")
        )
        self.export.save()
        self.bolivia.facilitators.add(self.people[FACILITATOR])
        self.engagement = engagement_save(
            delegation=self.bolivia,
            user=self.people[FACILITATOR],
            kind="call",
            starts_on=datetime.date(2025, 8, 1),
            summary="First follow-up call.",
        )
        self.attachment = attachment_add(
            engagement=self.engagement,
            user=self.people[FACILITATOR],
            content=b"%PDF-1.7 minutes",
            filename="minutes.pdf",
        )
        self.milestone = milestone_track(
            user=self.people[FACILITATOR],
            roadmap=self.roadmap,
            kind="adoption",
            fields={
                **dict.fromkeys(MILESTONE_TRACKED_FIELDS),
                "status": "planned",
                "legal_instrument": "",
                "evidence_url": "",
                "notes": "",
            },
            base_version=None,
        )
        self.indicator = roadmap_factories.indicator(
            self.roadmap, self.outcome, frequency="yearly"
        )
        self.period = ReportingPeriod.objects.create(
            indicator=self.indicator,
            starts_on=datetime.date(2025, 1, 1),
            ends_on=datetime.date(2025, 12, 31),
            target_value=10,
        )
        self.update = indicator_update_save(
            period=self.period,
            user=self.membership.user,
            fields={"value": 4, "as_of": datetime.date(2025, 6, 30)},
            submit=True,
        )
        self.action_item = action_item_save(
            delegation=self.bolivia,
            user=self.people[FACILITATOR],
            engagement=self.engagement,
            title="Send the costed plan",
            owner_side="delegation",
        )
        self.survey = factories.surveys.survey(
            self.convening, SurveyKind.SESSION_FEEDBACK
        )
        self.question = factories.surveys.question(self.survey, session=self.session)
        self.certificate = Certificate.objects.create(
            convening=self.convening,
            participant=self.membership,
            holder_name="Matrix Holder",
            code="MATR-IXCE-RTIF-ICAT",
            language="en",
            issued_at=timezone.now(),
        )
        self.certificate.file.save("matrix.pdf", ContentFile(b"%PDF-1.7 matrix"))
        self.rate = ExchangeRate.objects.create(
            convening=self.convening,
            currency="BOB",
            rate="0.1449",
            as_of=datetime.date(2025, 6, 1),
        )
        self.reference = reference_create(
            convening=self.convening,
            fields={"code": "MATRIX-1", "title": "Matrix", "title_en": "Matrix"},
        )
        self.token, _secret = api_token_create(
            user=self.people[ORGANIZER], name="Matrix token"
        )
        self.batch = CertificateBatch.objects.create(
            convening=self.convening, status="done", total=1, done=1
        )
        self.batch.zip_file.save("matrix.zip", ContentFile(b"PK\x05\x06" + bytes(18)))
        self.logo = convening_logo_add(
            convening=self.convening,
            user=self.people[ORGANIZER],
            content=LOGO_SVG,
            name_en="UN Women",
        )


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
