"""Forms for organizers, one module per area; the names are here
(``from academy.forms import SessionForm``). They validate only."""

from academy.forms.agenda import (
    AttendanceMarkForm,
    FacilitatorField,
    SessionForm,
)
from academy.forms.convenings import (
    ConveningCreatorForm,
    ConveningForm,
    EditionCopyForm,
    SessionTimes,
)
from academy.forms.delegations import (
    DelegationCreateForm,
    DelegationForm,
    DelegationRegisterForm,
)
from academy.forms.logos import LogoForm
from academy.forms.team import (
    TeamMemberForm,
)
from academy.forms.widgets import (
    DateInput,
    TimeInput,
    local_datetime,
)

__all__ = [
    "LogoForm",
    "AttendanceMarkForm",
    "ConveningCreatorForm",
    "ConveningForm",
    "EditionCopyForm",
    "DateInput",
    "DelegationCreateForm",
    "DelegationForm",
    "DelegationRegisterForm",
    "FacilitatorField",
    "SessionForm",
    "SessionTimes",
    "TeamMemberForm",
    "TimeInput",
    "local_datetime",
]
