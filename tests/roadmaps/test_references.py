"""Reference indicators: the shipped SDG set (bilingual, cited), the
convening's own entries kept by its organizers, an indicator pointing at one
(in the editor, the PDF, the exports, the comparison), and never at another
convening's."""

import io
import json

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from lxml import etree

from opendata.comparison import cohort_comparison
from opendata.iati import iati_activities
from opendata.results_data import results_data
from opendata.results_xlsx import results_xlsx
from opendata.services import sharing_save
from roadmaps import services
from roadmaps.models import Indicator, ReferenceIndicator, Roadmap
from roadmaps.reference_data import shipped_load
from roadmaps.references import reference_lines
from roadmaps.services import roadmap_initialize
from tests import factories

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def sdg(db):
    shipped_load(ReferenceIndicator)  # a flushed test database may have lost them
    return {r.code: r for r in ReferenceIndicator.objects.filter(framework="sdg")}


@pytest.fixture
def own(convening):
    return services.reference_create(
        convening=convening,
        fields={
            "code": "REG-1",
            "title": "Women in regional security councils",
            "title_en": "Women in regional security councils",
            "title_es": "Mujeres en consejos regionales de seguridad",
        },
    )


@pytest.fixture
def elsewhere():
    return services.reference_create(
        convening=factories.ConveningFactory(),
        fields={"code": "SECRET-1", "title": "Another convening's own"},
    )


def test_the_shipped_sdg_set_is_bilingual_and_cites_its_source(sdg):
    assert {"5.1.1", "5.2.1", "5.5.1", "5.5.2", "16.1.1", "16.7.1"} <= set(sdg)
    seats = sdg["5.5.1"]
    assert seats.iati_vocabulary == "9"
    assert "A/RES/71/313" in seats.source
    with translation.override("es"):
        assert str(seats).startswith("SDG 5.5.1 — Proporción de escaños")
    with translation.override("en"):
        assert seats.title.startswith("Proportion of seats held by women")
    # Loading again changes nothing: entries are found by framework and code.
    assert shipped_load(ReferenceIndicator) == len(sdg)
    assert ReferenceIndicator.objects.filter(convening=None).count() == len(sdg)


def test_the_editor_offers_the_shipped_and_this_convenings_own_only(
    member_client, roadmap, pillar, sdg, own, elsewhere
):
    outcome = factories.outcome(roadmap, pillar)
    form = member_client.get(
        f"/roadmaps/{roadmap.pk}/add/indicator/?parent=outcome-{outcome.pk}", **HTMX
    ).content.decode()
    assert "SDG 5.5.1" in form and "REG-1" in form
    assert "SECRET-1" not in form

    def add(reference):
        return member_client.post(
            f"/roadmaps/{roadmap.pk}/add/indicator/?parent=outcome-{outcome.pk}",
            {
                "statement": "Seats held by women",
                "measure": "percentage",
                "ascending": "on",
                "reference": reference.pk,
            },
            **HTMX,
        )

    refused = add(elsewhere)
    assert "Select a valid choice" in refused.content.decode()
    assert not Indicator.objects.exists()
    add(sdg["5.5.1"])
    indicator = Indicator.objects.get()
    assert indicator.reference == sdg["5.5.1"]
    page = member_client.get(f"/roadmaps/{roadmap.pk}/").content.decode()
    assert "SDG 5.5.1" in page and "Proportion of seats held by women" in page


def test_a_service_refuses_another_convenings_entry(roadmap, pillar, elsewhere):
    outcome = factories.outcome(roadmap, pillar)
    with pytest.raises(ValidationError) as refused:
        factories.indicator(roadmap, outcome, reference=elsewhere)
    assert "Choose a reference indicator of this convening." in str(refused.value)


def test_organizers_keep_their_own_entries(client, organizer, convening, own, sdg):
    client.force_login(organizer)
    url = reverse("roadmaps:reference_list", kwargs={"pk": convening.pk})
    page = client.get(url).content.decode()
    assert "Sustainable Development Goals" in page and "REG-1" in page
    assert "A/RES/71/313" in page

    duplicate = client.post(url, {"code": "REG-1", "title_en": "Again"})
    assert duplicate.status_code == 400
    assert "already has a reference indicator with this code" in (
        duplicate.content.decode()
    )
    empty = client.post(url, {"code": "REG-2"})
    assert "Give the title in at least one language." in empty.content.decode()
    client.post(url, {"code": "REG-2", "title_es": "Presupuesto sensible al género"})
    added = ReferenceIndicator.objects.get(convening=convening, code="REG-2")
    assert added.framework == "convening" and added.iati_vocabulary == "99"
    with translation.override("en"):  # the other language falls back
        assert added.title == "Presupuesto sensible al género"

    client.post(
        reverse("roadmaps:reference_edit", kwargs={"pk": own.pk}),
        {"code": "REG-1", "title_en": "Women in regional councils", "title_es": "x"},
    )
    own.refresh_from_db()
    assert own.title_en == "Women in regional councils"
    client.post(reverse("roadmaps:reference_delete", kwargs={"pk": added.pk}))
    assert not ReferenceIndicator.objects.filter(pk=added.pk).exists()
    # The shipped ones cannot be edited or removed through these pages.
    shipped = reverse("roadmaps:reference_edit", kwargs={"pk": sdg["5.5.1"].pk})
    assert client.get(shipped).status_code == 404


def test_an_entry_in_use_is_not_removed_and_the_organizer_is_told(
    client, organizer, roadmap, pillar, own
):
    factories.indicator(roadmap, factories.outcome(roadmap, pillar), reference=own)
    client.force_login(organizer)
    response = client.post(
        reverse("roadmaps:reference_delete", kwargs={"pk": own.pk}), follow=True
    )
    assert "1 indicator refers to it" in response.content.decode()
    assert ReferenceIndicator.objects.filter(pk=own.pk).exists()


def test_renaming_an_entry_redraws_the_editors_that_show_it(
    member_client, roadmap, pillar, own
):
    factories.indicator(roadmap, factories.outcome(roadmap, pillar), reference=own)
    url = f"/roadmaps/{roadmap.pk}/"
    assert (
        "Women in regional security councils" in member_client.get(url).content.decode()
    )
    services.reference_update(reference=own, fields={"title_en": "Renamed entry"})
    assert "Renamed entry" in member_client.get(url).content.decode()


def test_restoring_a_version_whose_entry_was_removed_keeps_no_reference(
    roadmap, pillar, own, bolivia_member
):
    indicator = factories.indicator(
        roadmap, factories.outcome(roadmap, pillar), reference=own
    )
    first = indicator.history.order_by("history_id").first()
    services.item_update(
        user=bolivia_member,
        item=indicator,
        base_version=1,
        changes={"reference": None},
    )
    services.reference_delete(reference=own)
    restored = services.item_restore(
        user=bolivia_member, item=Indicator.objects.get(pk=indicator.pk), record=first
    )
    assert restored.reference is None and restored.statement == indicator.statement


def test_the_exports_carry_the_reference_with_its_iati_vocabulary(demo_roadmap, sdg):
    data = results_data(
        convening=demo_roadmap.delegation.convening, roadmaps=[demo_roadmap]
    )
    indicators = [
        i
        for p in data["roadmaps"][0]["pillars"]
        for o in p["outcomes"]
        for i in o["indicators"]
    ]
    [seats] = [i for i in indicators if i["reference"]]
    assert seats["reference"]["code"] == "5.5.1"
    assert seats["reference"]["iati_vocabulary"] == "9"
    assert seats["reference"]["title"]["es"].startswith("Proporción de escaños")

    document = etree.fromstring(iati_activities(data).xml)
    [reference] = document.findall(".//indicator/reference")
    assert (reference.get("vocabulary"), reference.get("code")) == ("9", "5.5.1")
    # IATI's order: the reference follows the title and precedes the baseline.
    names = [child.tag for child in reference.getparent()]
    assert names.index("reference") == names.index("title") + 1
    assert names.index("reference") < names.index("baseline")

    book = openpyxl.load_workbook(io.BytesIO(results_xlsx(data)))
    sheet = book.worksheets[[s.title for s in book.worksheets].index("Indicators")]
    rows = list(sheet.values)
    header = rows[0]
    coded = [r for r in rows[1:] if r[header.index("reference_code")]]
    assert [r[header.index("reference_code")] for r in coded] == ["5.5.1"]
    assert coded[0][header.index("reference_iati_vocabulary")] == "9"
    json.dumps(data)  # serializable as it stands


def test_the_same_reference_lines_countries_up(
    client, organizer, demo_roadmap, ecuador, sdg
):
    from roadmaps.demo import demo_roadmap_fill

    demo_roadmap_fill(roadmap=roadmap_initialize(roadmap=ecuador.roadmap))
    for delegation in (demo_roadmap.delegation, ecuador):
        sharing_save(
            delegation=delegation,
            user=None,
            share_results=False,
            share_with_cohort=True,
        )
    comparison = cohort_comparison(convening=ecuador.convening)
    [participation] = [row for row in comparison.rows if row.key == "participation"]
    [line] = participation.lines
    assert line.reference == sdg["5.5.1"]
    assert [d.country.code for d, _ in line.values] == ["BO", "EC"]
    client.force_login(organizer)
    page = client.get(
        reverse("opendata:comparison", kwargs={"pk": ecuador.convening_id})
    ).content.decode()
    assert "Reference indicators side by side" in page
    # Bolivia's 48.2 % and Ecuador's 38.7 % under the same reference.
    assert "48.20 (2024) → 50 (2030)" in page and "38.70 (2024) → 50 (2030)" in page

    roadmaps = list(Roadmap.objects.filter(delegation__convening=ecuador.convening))
    [line] = reference_lines(roadmaps=roadmaps)
    assert len(line.values) == 2
