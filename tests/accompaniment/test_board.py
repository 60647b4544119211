"""The follow-up board: every delegation's NAP path, last contact and what is
still to do, at a constant number of queries as the cohort grows."""

import datetime

from django.utils import timezone

from accompaniment.services import action_item_save, engagement_save
from roadmaps.enums import MilestoneKind
from roadmaps.models import Milestone
from tests import factories

TODAY = timezone.localdate()


def test_the_board_flags_quiet_delegations_and_overdue_actions(
    client, convening, bolivia, ecuador, facilitator, settings
):
    settings.FOLLOWUP_QUIET_DAYS = 60
    convening.start_date = TODAY - datetime.timedelta(days=200)
    convening.end_date = TODAY - datetime.timedelta(days=198)
    convening.save()
    engagement_save(
        delegation=bolivia,
        user=facilitator,
        kind="call",
        starts_on=TODAY - datetime.timedelta(days=5),
    )
    action_item_save(
        delegation=bolivia,
        user=facilitator,
        title="late",
        owner_side="delegation",
        due_on=TODAY - datetime.timedelta(days=1),
    )
    Milestone.objects.create(
        roadmap=bolivia.roadmap,
        kind=MilestoneKind.DRAFTING,
        status="achieved",
        planned_date=datetime.date(2025, 9, 30),
        position=1,
    )
    client.force_login(facilitator)

    page = client.get(f"/convenings/{convening.pk}/follow-up/").content.decode()

    bolivia_row = page[page.index("Bolivia") : page.index("Ecuador")]
    ecuador_row = page[page.index("Ecuador") :]
    assert "1 open action" in bolivia_row and "1 overdue" in bolivia_row
    assert "No contact for" not in bolivia_row
    assert "Achieved" in bolivia_row  # the drafting stage
    assert "Drafting" in bolivia_row  # the NAP status read off it
    assert "No contact for 198 days" in ecuador_row
    assert "No contact yet" in ecuador_row


def test_the_board_costs_the_same_queries_whatever_the_cohort(
    client, convening, facilitator, django_assert_max_num_queries
):
    def add(countries):
        for country in countries:
            delegation = factories.DelegationFactory(
                convening=convening, country=country
            )
            engagement_save(
                delegation=delegation, user=facilitator, kind="call", starts_on=TODAY
            )
            action_item_save(
                delegation=delegation,
                user=facilitator,
                title="x",
                owner_side="delegation",
            )

    client.force_login(facilitator)
    add(["BO", "EC"])
    with django_assert_max_num_queries(20) as few:
        client.get(f"/convenings/{convening.pk}/follow-up/")
    add(["CR", "PA", "CO", "GT", "HN", "MX"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(f"/convenings/{convening.pk}/follow-up/")
    assert page.content.decode().count('<th scope="row">') == 8


def test_the_board_lines_follow_each_change_of_what_they_show(
    client, convening, bolivia, facilitator, settings
):
    """Lines are cached under every value they show (BoardLine.shown): the next
    visit after a change shows it, in the reader's language."""
    settings.FOLLOWUP_QUIET_DAYS = 60
    convening.start_date = TODAY - datetime.timedelta(days=100)
    convening.end_date = TODAY - datetime.timedelta(days=98)
    convening.save()
    milestone = Milestone.objects.create(
        roadmap=bolivia.roadmap,
        kind=MilestoneKind.DRAFTING,
        status="in_progress",
        planned_date=datetime.date(2025, 9, 30),
        position=1,
    )
    client.force_login(facilitator)
    url = f"/convenings/{convening.pk}/follow-up/"
    page = client.get(url).content.decode()
    assert "No contact for 98 days" in page and "0 open actions" in page
    assert "In progress" in page and "9/30/2025" in page

    engagement_save(delegation=bolivia, user=facilitator, kind="call", starts_on=TODAY)
    action_item_save(
        delegation=bolivia, user=facilitator, title="x", owner_side="delegation"
    )
    milestone.status = "achieved"
    milestone.achieved_date = datetime.date(2025, 11, 2)
    milestone.save()
    page = client.get(url).content.decode()
    assert "No contact for" not in page and "1 open action" in page
    assert "Achieved" in page and "11/02/2025" in page

    facilitator.preferred_language = "es"
    facilitator.save()
    page = client.get(url).content.decode()
    assert "1 acción abierta" in page and "Logrado" in page
