from django import template

from participants.invitations import NOT_INVITED

register = template.Library()


@register.simple_tag
def invitation_status(states, member):
    """The member's InvitationStatus from an invitation_states_for() map."""
    return states.get(member.pk, NOT_INVITED)
