"""@mentions in comments: "@Ana" or "@Ana Pérez" names a delegation member or a
member of the convening's staff, who is then told by e-mail (roadmaps.notices).

A first name matches everyone who has it: two Anas both hear of it, which is
better than a mention that reaches nobody.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from academy.enums import Role
from academy.models import Participant
from accounts.models import User
from roadmaps.models import Roadmap

# What a mention looks like in a text, for showing it: @ then a name of one or
# two words (letters, accents, hyphens, apostrophes).
_SHOWN = re.compile(r"(?<![\w@])@[^\W\d_][\w'’-]*(?: [A-ZÁÉÍÓÚÑÜ][\w'’-]*)?")


def mentionable(roadmap: Roadmap) -> list[User]:
    """The people a comment on the roadmap may mention (two queries)."""
    members = User.objects.filter(
        pk__in=Participant.objects.filter(delegation=roadmap.delegation).values("user")
    )
    staff = User.objects.filter(
        roles__convening=roadmap.delegation.convening_id,
        roles__role__in=[Role.ORGANIZER, Role.FACILITATOR],
    )
    return list(
        (members | staff).filter(is_active=True).distinct().order_by("full_name")
    )


def mentioned(text: str, people: list[User]) -> list[User]:
    """Who of ``people`` the text mentions, by full name or first name."""
    found = []
    for person in people:
        names = {
            person.full_name.strip(),
            person.full_name.split()[0] if person.full_name.strip() else "",
        }
        for name in filter(None, names):
            if re.search(rf"(?<![\w@])@{re.escape(name)}(?!\w)", text, re.IGNORECASE):
                found.append(person)
                break
    return found


def mentions_marked(text: str) -> str:
    """The text, escaped, with its mentions in <strong class="mention">."""
    marked, last = [], 0
    for match in _SHOWN.finditer(text):
        marked.append(escape(text[last : match.start()]))
        marked.append(f'<strong class="mention">{escape(match.group())}</strong>')
        last = match.end()
    marked.append(escape(text[last:]))
    return mark_safe("".join(marked))  # noqa: S308 - every piece is escaped above
