"""The matrix's routes of surveys and certificates, reference indicators,
open data and the read API."""

from tests.authorization.people import (
    ANY_ORGANIZER,
    CONVENING_MEMBERS,
    DELEGATION_READERS,
    EVERYONE,
    MEMBER,
    NOBODY,
    ORGANIZER,
    ORGANIZERS,
    PARTICIPANTS,
    SIGNED_IN,
    STAFF,
    Route,
    convening,
    delegation,
    roadmap,
    survey,
)

RESULTS_ROUTES = {
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
