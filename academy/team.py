"""Who runs a convening: its organizers and facilitators, the delegations each
facilitator accompanies, and who may create convenings. Writes (services) and
the reads the team page needs (selectors).

Every change is recorded as a TeamChange (who made it, when). People added to a
team are told by e-mail (academy/emails.py, sent by the worker after the commit):
a new account gets a link to choose its password; an account in use is told it
was added, and keeps its own name and language.
"""

import logging

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

from academy.enums import Role, TeamAction
from academy.models import Convening, ConveningRole, Delegation, TeamChange
from academy.rules import forget_roles
from accounts.addresses import email_normalize
from accounts.models import User
from common.enums import Language

logger = logging.getLogger(__name__)


def _record(*, person, action, changed_by, convening=None, role="", delegation=None):
    TeamChange.objects.create(
        convening=convening,
        person=person,
        action=action,
        role=role,
        delegation=delegation,
        changed_by=changed_by,
    )


def _team_email_queue(*, role_id: int, base_url: str) -> None:
    from academy.tasks import team_member_email_send

    def queue():
        try:
            team_member_email_send.apply_async(
                kwargs={"role_id": role_id, "base_url": base_url}
            )
        except OperationalError:
            logger.warning("Team e-mail for role %s lost: no broker", role_id)

    transaction.on_commit(queue, robust=True)


# Services
# ------------------------------------------------------------------------------


@transaction.atomic
def team_member_add(
    *,
    convening: Convening,
    email: str,
    full_name: str,
    role: str,
    added_by: User,
    base_url: str,
    language: str = Language.SPANISH,
) -> ConveningRole:
    """Give a person a role (organizer or facilitator) in the convening.

    An address without an account gets one, with the name and language given
    and no password; an existing account keeps its own name and language.
    Raises ValidationError when the person already holds that role. Side
    effects: a TeamChange; after the commit, the e-mail that tells the person
    (with a link to choose a password when the account has never been used).
    """
    if role not in Role.values:
        raise ValidationError({"role": _("Choose organizer or facilitator.")})
    email = email_normalize(email)
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        if not full_name.strip():
            raise ValidationError({"full_name": _("Give the person's full name.")})
        user = User.objects.create_user(
            email,
            password=None,
            full_name=full_name.strip(),
            preferred_language=language,
        )
    if ConveningRole.objects.filter(convening=convening, user=user, role=role).exists():
        raise ValidationError(
            {"email": _("This person is already in the team with this role.")}
        )
    granted = ConveningRole.objects.create(convening=convening, user=user, role=role)
    forget_roles(user)
    _record(
        convening=convening,
        person=user,
        action=TeamAction.ADDED,
        role=role,
        changed_by=added_by,
    )
    _team_email_queue(role_id=granted.pk, base_url=base_url)
    return granted


@transaction.atomic
def team_member_remove(*, role: ConveningRole, removed_by: User) -> None:
    """Take a role away. A facilitator who is no longer one stops accompanying
    the convening's delegations.

    Raises ValidationError when it is the convening's last organizer. Side
    effects: TeamChanges (the removal, and each delegation unassigned).
    """
    convening = role.convening
    if (
        role.role == Role.ORGANIZER
        and ConveningRole.objects.filter(
            convening=convening, role=Role.ORGANIZER
        ).count()
        == 1
    ):
        raise ValidationError(
            _("A convening keeps at least one organizer: add another one first.")
        )
    person = role.user
    role.delete()
    forget_roles(person)
    if role.role == Role.FACILITATOR:
        for delegation in convening.delegations.filter(facilitators=person):
            delegation.facilitators.remove(person)
            _record(
                convening=convening,
                person=person,
                action=TeamAction.UNASSIGNED,
                role=Role.FACILITATOR,
                delegation=delegation,
                changed_by=removed_by,
            )
    _record(
        convening=convening,
        person=person,
        action=TeamAction.REMOVED,
        role=role.role,
        changed_by=removed_by,
    )


@transaction.atomic
def delegation_facilitators_set(
    *, delegation: Delegation, facilitators, changed_by: User
) -> None:
    """Choose the facilitators who accompany a delegation.

    Raises ValidationError for anyone who is not a facilitator of its convening.
    Side effects: a TeamChange per facilitator assigned or unassigned.
    """
    convening = delegation.convening
    wanted = {person.pk: person for person in facilitators}
    allowed = set(
        ConveningRole.objects.filter(
            convening=convening, role=Role.FACILITATOR
        ).values_list("user_id", flat=True)
    )
    if set(wanted) - allowed:
        raise ValidationError(
            {"facilitators": _("Choose facilitators of this convening.")}
        )
    current = {person.pk: person for person in delegation.facilitators.all()}
    for pk in sorted(set(wanted) - set(current)):
        delegation.facilitators.add(wanted[pk])
        _record(
            convening=convening,
            person=wanted[pk],
            action=TeamAction.ASSIGNED,
            role=Role.FACILITATOR,
            delegation=delegation,
            changed_by=changed_by,
        )
    for pk in sorted(set(current) - set(wanted)):
        delegation.facilitators.remove(current[pk])
        _record(
            convening=convening,
            person=current[pk],
            action=TeamAction.UNASSIGNED,
            role=Role.FACILITATOR,
            delegation=delegation,
            changed_by=changed_by,
        )


def _creation_permission() -> Permission:
    return Permission.objects.get(
        content_type__app_label="academy", codename="add_convening"
    )


@transaction.atomic
def convening_creator_grant(*, email: str, granted_by: User) -> User:
    """Let the account at ``email`` create convenings (it then organizes each
    one it creates). Raises ValidationError when no account uses the address
    (add the person to a team first) or it may create convenings already.
    Side effects: the account's academy.add_convening permission; a TeamChange.
    """
    user = User.objects.filter(email__iexact=email_normalize(email)).first()
    if user is None:
        raise ValidationError(
            {
                "email": _(
                    "No account uses this address: add the person to a convening's "
                    "team first."
                )
            }
        )
    if user.has_perm("academy.add_convening"):
        raise ValidationError(
            {"email": _("This person may create convenings already.")}
        )
    user.user_permissions.add(_creation_permission())
    _record(person=user, action=TeamAction.CREATOR_GRANTED, changed_by=granted_by)
    return user


@transaction.atomic
def convening_creator_revoke(*, user: User, revoked_by: User) -> None:
    """Stop an account from creating convenings (the ones it organizes stay).
    Side effects: the permission removed; a TeamChange."""
    user.user_permissions.remove(_creation_permission())
    _record(person=user, action=TeamAction.CREATOR_REVOKED, changed_by=revoked_by)


# Selectors
# ------------------------------------------------------------------------------


def team_of(*, convening: Convening) -> list[ConveningRole]:
    """The convening's roles, organizers first, each with its person and, for
    facilitators, the delegations they accompany (three queries)."""
    return list(
        ConveningRole.objects.filter(convening=convening)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "user__facilitated_delegations",
                queryset=Delegation.objects.filter(convening=convening),
                to_attr="delegations_here",
            )
        )
        .order_by("-role", "user__full_name", "user__email")
    )


def team_changes_of(*, convening: Convening, limit: int = 50) -> list[TeamChange]:
    return list(
        TeamChange.objects.filter(convening=convening).select_related(
            "person", "changed_by", "delegation"
        )[:limit]
    )


def convening_creators() -> list[User]:
    """Accounts that may create convenings: given the permission, directly or
    through a group, or superusers."""
    permission = Q(
        user_permissions__codename="add_convening",
        user_permissions__content_type__app_label="academy",
    ) | Q(
        groups__permissions__codename="add_convening",
        groups__permissions__content_type__app_label="academy",
    )
    return list(
        User.objects.filter(is_active=True)
        .filter(permission | Q(is_superuser=True))
        .distinct()
        .order_by("full_name", "email")
    )


def creator_changes(*, limit: int = 50) -> list[TeamChange]:
    return list(
        TeamChange.objects.filter(convening=None).select_related(
            "person", "changed_by"
        )[:limit]
    )
