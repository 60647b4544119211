"""Who may do what, as django-rules predicates (see the table in DESIGN.md).

Roles belong to one convening. A predicate finds the convening (or delegation) an
object belongs to and looks the user's roles up in a map built once per user
object, so checking many objects on one page costs one query.
"""

import rules

from academy.enums import Role


def _roles_map(user):
    """{convening_id: {roles}} and {convening_id: delegation_id} for this user."""
    cached = getattr(user, "_academy_roles", None)
    if cached is None:
        from academy.models import ConveningRole, Participant

        roles = {}
        for convening_id, role in ConveningRole.objects.filter(user=user).values_list(
            "convening_id", "role"
        ):
            roles.setdefault(convening_id, set()).add(role)
        delegations = dict(
            Participant.objects.filter(user=user).values_list(
                "convening_id", "delegation_id"
            )
        )
        cached = user._academy_roles = (roles, delegations)
    return cached


def forget_roles(user):
    """Drop the cached map after a service changes this user's roles."""
    user.__dict__.pop("_academy_roles", None)


def convening_id_of(obj):
    if obj is None:
        return None
    if obj._meta.model_name == "convening":
        return obj.pk
    if getattr(obj, "convening_id", None):
        return obj.convening_id
    return delegation_of(obj).convening_id


def delegation_of(obj):
    if obj._meta.model_name == "delegation":
        return obj
    return obj.delegation


def _has_role(user, obj, role):
    if not user.is_authenticated or obj is None:
        return False
    return role in _roles_map(user)[0].get(convening_id_of(obj), ())


@rules.predicate
def is_organizer(user, obj):
    return _has_role(user, obj, Role.ORGANIZER)


@rules.predicate
def is_facilitator(user, obj):
    return _has_role(user, obj, Role.FACILITATOR)


@rules.predicate
def is_convening_member(user, obj):
    """A participant of any delegation of the object's convening."""
    if not user.is_authenticated or obj is None:
        return False
    return convening_id_of(obj) in _roles_map(user)[1]


@rules.predicate
def is_delegation_member(user, obj):
    if not user.is_authenticated or obj is None:
        return False
    delegation = delegation_of(obj)
    return _roles_map(user)[1].get(delegation.convening_id) == delegation.pk


@rules.predicate
def organizes_a_convening(user):
    """Organizer of any convening: may let others create convenings too."""
    if not user.is_authenticated:
        return False
    return any(Role.ORGANIZER in roles for roles in _roles_map(user)[0].values())


is_convening_staff = is_organizer | is_facilitator

rules.add_perm("academy.view_convening", is_convening_staff | is_convening_member)
rules.add_perm("academy.change_convening", is_organizer)
rules.add_perm("academy.manage_team", is_organizer)
# Creating convenings is Django's model permission academy.add_convening, which
# organizers (or support staff) give in the browser (cohort/views/team.py).
rules.add_perm(
    "academy.grant_convening_creation",
    organizes_a_convening | rules.is_superuser,
)
rules.add_perm("academy.view_delegation", is_convening_staff | is_delegation_member)
rules.add_perm("academy.change_delegation", is_organizer)
rules.add_perm("academy.view_delegation_contacts", is_convening_staff)
# Drafting together: a delegation's members may write to one another.
rules.add_perm(
    "academy.view_delegation_emails", is_convening_staff | is_delegation_member
)
rules.add_perm("academy.change_session", is_organizer)
rules.add_perm("academy.mark_attendance", is_convening_staff)
rules.add_perm("academy.view_cohort_dashboard", is_convening_staff)
