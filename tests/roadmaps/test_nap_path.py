"""The NAP status is read off the path's stages (roadmaps.nap_path), and the
roadmaps of before keep the status they had when it stopped being stored."""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from roadmaps.nap_path import nap_status_of


def stages(*pairs):
    return [SimpleNamespace(kind=kind, status=status) for kind, status in pairs]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ([], "none"),
        ([("preparation", "planned"), ("drafting", "planned")], "none"),
        ([("drafting", "not_applicable")], "none"),
        ([("preparation", "in_progress")], "drafting"),
        ([("consultation", "blocked")], "drafting"),
        ([("validation", "achieved"), ("adoption", "delayed")], "drafting"),
        ([("adoption", "achieved")], "adopted"),
        # A launch is only ever after an adoption, recorded or not.
        ([("adoption", "planned"), ("launch", "achieved")], "adopted"),
        ([("adoption", "achieved"), ("renewal", "in_progress")], "renewing"),
        ([("adoption", "achieved"), ("renewal", "at_risk")], "renewing"),
        # A renewal achieved is a new plan adopted.
        ([("adoption", "achieved"), ("renewal", "achieved")], "adopted"),
        ([("renewal", "planned"), ("implementation", "achieved")], "adopted"),
    ],
)
def test_the_status_follows_the_stages(path, status):
    assert nap_status_of(stages(*path)) == status


@pytest.mark.django_db(transaction=True)
def test_the_stored_status_becomes_milestones_when_it_stops_being_stored():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    # Every app as it is, but the roadmaps (and the files that point at them)
    # from before the status stopped being stored.
    before = [
        node for node in latest if node[0] not in {"roadmaps", "accompaniment"}
    ] + [
        ("roadmaps", "0010_export_bundle_and_reuse"),
        ("accompaniment", "0004_followup_settings"),
    ]
    after = [node for node in before if node[0] != "roadmaps"] + [
        ("roadmaps", "0011_milestones_full_nap_path")
    ]
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Convening = apps.get_model("academy", "Convening")
    Delegation = apps.get_model("academy", "Delegation")
    Roadmap = apps.get_model("roadmaps", "Roadmap")
    Milestone = apps.get_model("roadmaps", "Milestone")
    convening = Convening.objects.create(
        name="Old",
        edition=1,
        city="Panamá",
        start_date="2025-06-24",
        end_date="2025-06-26",
    )
    roadmaps = {}
    for country, status in (("BO", "renewing"), ("PA", "adopted"), ("EC", "none")):
        delegation = Delegation.objects.create(convening=convening, country=country)
        roadmaps[country] = Roadmap.objects.create(
            delegation=delegation, nap_status=status
        ).pk
    # Panama's approval was recorded under the old names: it says "adopted".
    Milestone.objects.create(
        roadmap_id=roadmaps["PA"], kind="approval", status="done", position=0
    )
    Milestone.objects.create(
        roadmap_id=roadmaps["EC"],
        kind="first_monitoring_report",
        status="planned",
        due_date="2027-01-01",
        position=0,
    )

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    apps = executor.loader.project_state(after).apps
    Milestone = apps.get_model("roadmaps", "Milestone")

    def path(country):
        return sorted(
            Milestone.objects.filter(roadmap_id=roadmaps[country]).values_list(
                "kind", "status"
            )
        )

    assert path("BO") == [("adoption", "achieved"), ("renewal", "in_progress")]
    assert path("PA") == [("adoption", "achieved")]
    assert path("EC") == [("implementation", "planned")]
    assert (
        str(Milestone.objects.get(roadmap_id=roadmaps["EC"]).planned_date)
        == "2027-01-01"
    )
    MigrationExecutor(connection).migrate(latest)
