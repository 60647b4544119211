"""A convening's lifecycle (issue 20, item 4): a new edition copied from an
earlier one (agenda moved to the new dates at the same local times,
delegations without people, team, surveys, certificate rule, own reference
indicators, logos), a convening deleted only while nobody takes part in it,
one archived and brought back."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from academy.models import Convening, ConveningRole, Session
from academy.services import convening_delete, convening_logo_add
from cohort.editions import edition_copy
from evaluation.enums import SurveyKind
from evaluation.models import CertificateRule, Question, Survey
from evaluation.services import certificate_rule_save
from roadmaps.models import ReferenceIndicator
from roadmaps.services import reference_create
from tests import factories
from tests.factories import session_at

LOGO_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<rect width="10" height="10"/></svg>'
)


@pytest.fixture
def creator(organizer):
    organizer.user_permissions.add(Permission.objects.get(codename="add_convening"))
    return organizer


@pytest.fixture
def earlier(convening, bolivia, ecuador, facilitator, creator, bolivia_member):
    """Academy Panama (24–26 June 2025) with two sessions, a survey about the
    first, a certificate rule requiring it, an own reference and a logo."""
    opening = session_at(convening, 24, 9, title="Opening plenary")
    opening.facilitators.set([facilitator])
    lab = session_at(convening, 25, 14, title="Budget lab")
    bolivia.facilitators.set([facilitator])
    survey = factories.surveys.survey(convening, SurveyKind.SESSION_FEEDBACK)
    factories.surveys.question(survey, text="Was the opening useful?", session=opening)
    certificate_rule_save(
        convening=convening,
        data={"min_attendance_percent": 75, "signatory_name": "Ana Directora"},
        required_sessions=[opening],
    )
    reference_create(
        convening=convening, fields={"code": "REG-1", "title": "Regional indicator"}
    )
    convening_logo_add(
        convening=convening, user=creator, content=LOGO_SVG, name_en="UN Women"
    )
    return {"opening": opening, "lab": lab, "survey": survey}


def test_a_new_edition_takes_the_earlier_ones_shape(
    convening, earlier, creator, facilitator
):
    start = convening.start_date + datetime.timedelta(days=364)
    copied = edition_copy(
        source=convening,
        user=creator,
        edition=convening.edition + 1,
        start_date=start,
        names={"name_en": "Academy Panama III", "city_en": "Panama City"},
    )
    new = copied.convening
    assert (new.start_date, new.end_date) == (
        start,
        convening.end_date + datetime.timedelta(days=364),
    )
    assert (copied.sessions, copied.delegations, copied.surveys) == (2, 2, 1)
    assert copied.rule and copied.references == 1 and copied.logos == 1
    # The agenda: the same local times, the same days after the start.
    sessions = list(new.sessions.order_by("starts_at"))
    zone = convening.zone
    for old, copy in zip([earlier["opening"], earlier["lab"]], sessions, strict=True):
        before = timezone.localtime(old.starts_at, zone)
        after = timezone.localtime(copy.starts_at, zone)
        assert after.time() == before.time()
        assert after.date() - start == before.date() - convening.start_date
        assert copy.title == old.title
    assert list(sessions[0].facilitators.all()) == [facilitator]
    # Delegations without people; the accompanying facilitator kept.
    assert sorted(d.country.code for d in new.delegations.all()) == ["BO", "EC"]
    assert not new.participants.exists()
    bolivia = new.delegations.get(country="BO")
    assert list(bolivia.facilitators.all()) == [facilitator]
    assert bolivia.roadmap.pk != convening.delegations.get(country="BO").roadmap.pk
    roles = set(ConveningRole.objects.filter(convening=new).values_list("user", "role"))
    assert roles == {(creator.pk, "organizer"), (facilitator.pk, "facilitator")}
    # The survey's question is about the new opening; the rule requires it.
    question = Question.objects.get(survey__convening=new)
    assert question.session == sessions[0]
    survey = Survey.objects.get(convening=new)
    assert survey.opens_at == earlier["survey"].opens_at + datetime.timedelta(days=364)
    rule = CertificateRule.objects.get(convening=new)
    assert (rule.min_attendance_percent, rule.signatory_name) == (75, "Ana Directora")
    assert list(rule.required_sessions.all()) == [sessions[0]]
    assert ReferenceIndicator.objects.filter(convening=new, code="REG-1").exists()
    assert new.logos.get().name == "UN Women"
    # The earlier edition is untouched.
    assert convening.sessions.count() == 2 and convening.participants.count() == 1


def test_the_copy_is_made_once_in_the_browser_form(client, convening, earlier, creator):
    client.force_login(creator)
    url = reverse("cohort:convening_copy", kwargs={"pk": convening.pk})
    form = client.get(url)
    assert form.context["form"].initial["edition"] == convening.edition + 1
    # The proposed start: the same weekday a year or more on, never in the past.
    proposed = form.context["form"].initial["start_date"]
    assert proposed > timezone.localdate(timezone=convening.zone)
    assert proposed.weekday() == convening.start_date.weekday()
    once = form.context["once"]
    data = {
        "name_en": "Academy Panama III",
        "edition": convening.edition + 1,
        "start_date": "2026-06-23",
        "city_en": "Panama City",
        "once": once,
    }
    first = client.post(url, data, follow=True)
    assert (
        f"Edition {convening.edition + 1} is ready: 2 sessions, 2 delegations"
        in first.content.decode()
    )
    # Back, then submit again: the one made is shown, no second copy.
    client.post(url, data)
    assert Convening.objects.filter(name_en="Academy Panama III").count() == 1
    refused = client.post(url, {**data, "once": "", "start_date": ""})
    assert refused.status_code == 400


def test_a_copy_is_refused_to_an_organizer_who_may_not_create_convenings(
    client, convening, organizer
):
    client.force_login(organizer)
    url = reverse("cohort:convening_copy", kwargs={"pk": convening.pk})
    assert client.get(url).status_code == 404


def test_a_convening_with_participants_is_archived_not_deleted(
    client, convening, creator, bolivia_member
):
    client.force_login(creator)
    url = reverse("cohort:convening_delete", kwargs={"pk": convening.pk})
    refused = client.post(url)
    assert refused.status_code == 409
    assert "cannot be deleted" in refused.content.decode()
    assert Convening.objects.filter(pk=convening.pk).exists()
    with pytest.raises(Exception, match="has participants"):
        convening_delete(convening=convening)

    client.post(reverse("cohort:convening_archive", kwargs={"pk": convening.pk}))
    convening.refresh_from_db()
    assert convening.archived_at is not None
    home = client.get("/")
    assert home.context["organized"].archived == [convening]
    assert "Archived (1)" in home.content.decode()
    client.post(
        reverse("cohort:convening_archive", kwargs={"pk": convening.pk}),
        {"archived": "0"},
    )
    convening.refresh_from_db()
    assert convening.archived_at is None
    assert client.get("/").context["organized"].archived == []


def test_a_convening_nobody_takes_part_in_is_deleted_after_confirmation(
    client, convening, creator, bolivia
):
    session_at(convening, 24, 9)
    client.force_login(creator)
    url = reverse("cohort:convening_delete", kwargs={"pk": convening.pk})
    page = client.get(url).content.decode()
    assert "Delete for good" in page
    response = client.post(url, follow=True)
    assert not Convening.objects.filter(pk=convening.pk).exists()
    assert not Session.objects.exists()
    assert "was deleted" in response.content.decode()
