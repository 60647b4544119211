"""The demo's open data choices: Panama and Costa Rica let their roadmaps be
compared and exported, Bolivia lets its framework be exported only, Ecuador
keeps both to itself (so the comparison shows it by name only)."""

from opendata.models import DataSharing

CHOICES = {
    "PA": {"share_results": True, "share_with_cohort": True},
    "CR": {"share_results": True, "share_with_cohort": True},
    "BO": {"share_results": True, "share_with_cohort": False},
}


def demo_sharing_load(*, convening) -> None:
    """Once: a choice a person changed later is kept."""
    for delegation in convening.delegations.all():
        choice = CHOICES.get(delegation.country.code)
        if choice:
            DataSharing.objects.get_or_create(delegation=delegation, defaults=choice)
