"""The matrix's routes of accounts, convenings, the agenda and attendance,
logos, participants and invitations."""

from tests.authorization.people import (
    ANY_ORGANIZER,
    CONVENING_MEMBERS,
    DELEGATION_READERS,
    EVERYONE,
    MEMBER,
    NOBODY,
    ORGANIZERS,
    SIGNED_IN,
    STAFF,
    Route,
    convening,
    delegation,
    nothing,
    participant,
    session,
)

COHORT_ROUTES = {
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
}
