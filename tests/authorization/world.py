"""The cohort every case of the matrix runs against, built once per module."""

import datetime

from django.core.files.base import ContentFile
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
from tests.authorization.people import (
    FACILITATOR,
    MEMBER,
    ORGANIZER,
    OTHER_FACILITATOR,
    OTHER_MEMBER,
    OTHER_ORGANIZER,
)
from tests.factories import roadmaps as roadmap_factories

LOGO_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<rect width="10" height="10"/></svg>'
)


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
