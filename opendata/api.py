"""The read API (django-ninja): the same data as the pages and the exports,
as JSON, for the same people. Chosen over Django REST framework because it is
read-only and small here: typed schemas give the OpenAPI document for free,
and its documentation page ships its own assets (no CDN, as our CSP wants).

Authenticated by an API token (``Authorization: Bearer napa_…``, made on the
organizer's API tokens page) or by the signed-in session; each endpoint checks
the same permission as the page it mirrors and answers 404 for what the
person may not see. Lists are paginated (``?page=``, 20 a page)."""

from collections.abc import Sequence
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.views.decorators.http import require_GET
from ninja import NinjaAPI, Schema
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import HttpBearer, django_auth

from academy.models import Convening, Delegation
from opendata.results_data import roadmap_data
from opendata.selectors import export_settings_of, shared_roadmaps
from opendata.tokens import api_token_user
from roadmaps.models import Roadmap


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = api_token_user(secret=token)
        if user is not None:
            request.user = user
        return user


def _docs_decorator(view):
    """The documentation and the OpenAPI document: signed-in people, GET."""
    return login_required(require_GET(view))


api = NinjaAPI(
    title="NAP Academy API",
    version="1",
    description=(
        "Read-only: convenings, delegations and the results frameworks "
        "(docs/results-data.md describes a roadmap's document)."
    ),
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
    docs_decorator=_docs_decorator,
)


class Names(Schema):
    es: str
    en: str


class ConveningOut(Schema):
    id: int
    name: Names
    city: str
    start_date: date
    end_date: date


class DelegationOut(Schema):
    id: int
    country: str
    iso3: str
    name: Names
    shares_results: bool


class Built(Sequence):
    """Items built only for the page asked (a roadmap's document costs a
    dozen queries: the pagination slices first)."""

    def __init__(self, items, build):
        self.items, self.build = items, build

    def __len__(self):
        return len(self.items)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.build(item) for item in self.items[index]]
        return self.build(self.items[index])


def _names(getter) -> dict:
    names = {}
    for code in ("es", "en"):
        with translation.override(code):
            names[code] = str(getter())
    return names


def _permitted(request, queryset, perm, **lookup):
    obj = get_object_or_404(queryset, **lookup)
    if not request.user.has_perm(perm, obj):
        raise Http404
    return obj


@api.get(
    "/convenings",
    response=list[ConveningOut],
    url_name="convenings",
    summary="The convenings you take part in",
)
@paginate(PageNumberPagination, page_size=20)
def convenings(request):
    return [
        {
            "id": c.pk,
            "name": _names(lambda c=c: c.name),
            "city": c.city,
            "start_date": c.start_date,
            "end_date": c.end_date,
        }
        for c in Convening.objects.for_user(request.user).order_by("-start_date")
    ]


@api.get(
    "/convenings/{pk}/delegations",
    response=list[DelegationOut],
    url_name="delegations",
    summary="A convening's delegations and whether each shares its results",
)
@paginate(PageNumberPagination, page_size=20)
def delegations(request, pk: int):
    convening = _permitted(
        request, Convening.objects.all(), "academy.view_convening", pk=pk
    )
    return [
        {
            "id": d.pk,
            "country": d.country.code,
            "iso3": d.country.alpha3,
            "name": _names(lambda d=d: d.country.name),
            "shares_results": bool(
                getattr(d, "data_sharing", None) and d.data_sharing.share_results
            ),
        }
        for d in Delegation.objects.filter(convening=convening).select_related(
            "data_sharing"
        )
    ]


@api.get(
    "/convenings/{pk}/results",
    response=list[dict],
    url_name="convening_results",
    summary="The results frameworks its delegations shared (staff)",
)
@paginate(PageNumberPagination, page_size=20)
def convening_results(request, pk: int):
    convening = _permitted(
        request, Convening.objects.all(), "opendata.export_convening", pk=pk
    )
    notes = export_settings_of(convening=convening).include_internal_notes
    return Built(
        shared_roadmaps(convening=convening),
        lambda roadmap: roadmap_data(roadmap=roadmap, internal_notes=notes),
    )


@api.get(
    "/roadmaps/{pk}",
    response=dict,
    url_name="roadmap_results",
    summary="One roadmap's results framework (its delegation and the staff)",
)
def roadmap_results(request, pk: int):
    roadmap = get_object_or_404(
        Roadmap.objects.select_related("delegation__convening"), pk=pk
    )
    if not request.user.has_perm("opendata.export_roadmap", roadmap.delegation):
        raise Http404
    notes = export_settings_of(
        convening=roadmap.delegation.convening
    ).include_internal_notes
    return roadmap_data(roadmap=roadmap, internal_notes=notes)
