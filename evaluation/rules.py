"""Who may do what with the surveys of a convening.

Organizers build them, read every result, export the raw answers and remind
the people who have not answered. Facilitators read the results (counts,
means, knowledge gain; never who answered what). The convening's participants
answer the open ones. Nobody else sees them.
"""

import rules

from academy.rules import is_convening_member, is_facilitator, is_organizer

rules.add_perm("evaluation.manage_surveys", is_organizer)
rules.add_perm("evaluation.view_results", is_organizer | is_facilitator)
rules.add_perm("evaluation.answer_survey", is_convening_member)

# Certificates: organizers keep the rule, issue and revoke; each holder
# downloads their own (the verification page is public, by code).
rules.add_perm("evaluation.manage_certificates", is_organizer)


@rules.predicate
def holds_certificate(user, certificate):
    return (
        certificate is not None
        and certificate.participant_id is not None
        and certificate.participant.user_id == user.pk
    )


rules.add_perm("evaluation.download_certificate", holds_certificate | is_organizer)
