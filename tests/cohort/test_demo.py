from django.apps import apps
from django.core.management import call_command

from academy.models import Convening, Participant
from accounts.models import User
from tests.conftest import sign_in


def snapshot():
    """Every row of every project model, as plain values."""
    rows = {}
    for app_label in ("academy", "participants", "roadmaps"):
        for model in apps.get_app_config(app_label).get_models():
            rows[model._meta.label] = sorted(
                map(repr, model.objects.order_by("pk").values())
            )
    return rows


def test_seed_demo_running_twice_changes_nothing(db):
    call_command("seed_demo")
    first = snapshot()

    call_command("seed_demo")

    assert snapshot() == first


def test_seed_demo_creates_the_panama_cohort(db):
    call_command("seed_demo")

    panama = Convening.objects.get(edition=2)
    # Place names in both languages, for the reports (issue 16).
    assert (panama.city_en, panama.city_es) == ("Panama City", "Ciudad de Panamá")
    assert panama.venue_es == "Ministerio de Relaciones Exteriores de Panamá"
    assert str(panama.start_date) == "2025-06-24"
    assert str(panama.end_date) == "2025-06-26"
    assert panama.host.name == "Ministry of Foreign Affairs of Panama"
    assert sorted(o.name for o in panama.co_organizers.all()) == [
        "Our Secure Future",
        "UN Women",
    ]
    assert sorted(d.code for d in panama.delegations.all()) == [
        "BOL",
        "CRI",
        "ECU",
        "PAN",
    ]
    for delegation in panama.delegations.all():
        sectors = [m.sector for m in delegation.members.all()]
        assert len(sectors) == 6
        assert set(sectors) == {"government", "civil_society"}
        assert delegation.roadmap.status == "draft"
    assert sorted(set(panama.sessions.values_list("module", flat=True))) == sorted(
        [
            "roadmap_design",
            "theory_of_change",
            "gender_budgeting",
            "strategic_design",
            "institutional_coordination",
            "localization",
            "monitoring_evaluation",
        ]
    )
    days = {s.starts_at.astimezone(panama.zone).date() for s in panama.sessions.all()}
    assert len(days) == 3
    first = Convening.objects.get(edition=1)
    assert (first.city_en, first.country.code, first.start_date.year) == (
        "Port of Spain",
        "TT",
        2024,
    )


def test_seed_demo_accounts_sign_in_with_the_demo_password(client, db):
    call_command("seed_demo")
    emails = ["organizer@example.org", "facilitator@example.org"] + [
        f"participant.{code}@example.org" for code in ("bol", "cri", "ecu", "pan")
    ]

    for email in emails:
        assert sign_in(client, email, "academy-demo"), email
        client.post("/accounts/logout/")
    member = Participant.objects.get(user__email="participant.pan@example.org")
    assert member.delegation.code == "PAN"
    assert (
        User.objects.filter(email__endswith="@example.org").count()
        == User.objects.count()
    )


def test_seed_demo_organizer_sees_panama_with_four_delegations(client, db):
    call_command("seed_demo")
    sign_in(client, "organizer@example.org", "academy-demo")

    response = client.get("/")

    content = response.content.decode()
    assert "Academia de PAN sobre MPS — Panamá 2025" in content  # her language
    panama = response.context["organized"][0]
    assert [d.country.name for d in panama.delegation_rows] == [
        "Bolivia",
        "Costa Rica",
        "Ecuador",
        "Panamá",  # the demo organizer reads Spanish
    ]


def test_seed_demo_adds_six_months_of_accompaniment(db):
    from accompaniment.models import ActionItem, Engagement

    call_command("seed_demo")
    call_command("seed_demo")  # twice: nothing doubles

    panama = Convening.objects.get(edition=2)
    engagements = Engagement.objects.filter(delegation__convening=panama)
    assert engagements.count() == 5 * panama.delegations.count()
    assert engagements.filter(visibility="staff").exists()  # an internal note
    items = ActionItem.objects.filter(delegation__convening=panama)
    statuses = set(items.values_list("status", flat=True))
    assert {"done", "in_progress", "open"} <= statuses
    assert any(item.is_overdue for item in items)
