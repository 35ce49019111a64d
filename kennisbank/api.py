"""API endpoints of the kennisbank app, mounted by portal.api under /api/v1/.

The lists use the same FilterSets as the pages; anonymous callers see public items only.
"""

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import BaseModel, ConfigDict, ValidationInfo, model_validator

from kennisbank import selectors
from kennisbank.filters import (
    InstrumentFilterSet,
    MateriaalFilterSet,
    PraktijkvoorbeeldFilterSet,
    ZoekFilterSet,
)
from kennisbank.models import Instrument, Kennisitem, Materiaal, Praktijkvoorbeeld
from kennisbank.uitwisseling import item_naar_regel
from portal.lijsten import Paginering, filterparameters

router = Router(tags=["kennisbank"])


class Zoektreffer(Schema):
    type: str
    slug: str
    titel: str
    url: str
    fragment: str
    score: float


class Zoekantwoord(Schema):
    count: int
    results: list[Zoektreffer]
    suggestie: str | None
    facetten: dict[str, dict[str, int]]


def _ongeldig(meldingen: list[str]):
    raise HttpError(400, "Ongeldig filter. " + " ".join(meldingen))


class Zoekparameters(filterparameters(ZoekFilterSet), Paginering.Input):
    """The search page's filters, its page number and the query."""

    q: str = Field("", description='Zoekterm: woorden, "woordgroep", -uitsluiten, or')


@router.get("/zoeken", response=Zoekantwoord, summary="Zoeken in de kennisbank")
def zoeken(request, parameters: Query[Zoekparameters]):
    """Full-text search (Dutch stemming, accents ignored, websearch syntax) in one ranked
    list; ``fragment`` holds the matching passage with ``<mark>`` around hits."""
    resultaten = selectors.zoeken(
        gebruiker=request.user,
        zoekterm=parameters.q,
        filters=request.GET,
        pagina=parameters.page,
    )
    if resultaten.ongeldige_filters:
        _ongeldig(resultaten.ongeldige_filters)
    return {
        "count": resultaten.aantal,
        "results": [
            {
                "type": t.item.type,
                "slug": t.item.slug,
                "titel": t.item.titel,
                "url": request.build_absolute_uri(t.item.get_absolute_url()),
                "fragment": t.fragment,
                "score": t.score,
            }
            for t in resultaten.treffers
        ],
        "suggestie": resultaten.suggestie,
        "facetten": {
            facet.naam: {optie.waarde: optie.aantal for optie in facet.opties}
            for facet in resultaten.facetten
        },
    }


class Kennisitemregel(BaseModel):
    """An item in the fields of the JSON Lines exchange format, plus ``url`` (its page)."""

    model_config = ConfigDict(extra="allow")

    @model_validator(mode="before")
    @classmethod
    def _als_regel(cls, item: Kennisitem, info: ValidationInfo) -> dict:
        adres = info.context["request"].build_absolute_uri(item.get_absolute_url())
        return item_naar_regel(item) | {"url": adres}


# The lists' query parameters, as the FilterSets define them.
Instrumentfilters = filterparameters(InstrumentFilterSet)
Praktijkvoorbeeldfilters = filterparameters(PraktijkvoorbeeldFilterSet)
Materiaalfilters = filterparameters(MateriaalFilterSet)


def _lijst(request, filterset_klasse, model):
    filterset = filterset_klasse(request.GET, queryset=selectors.api_items(request.user, model))
    if filterset.foutmeldingen():
        _ongeldig(filterset.foutmeldingen())
    return filterset.qs


@router.get("/instrumenten", response=list[Kennisitemregel], summary="Instrumenten en regelingen")
@paginate(Paginering)
def instrumenten(request, filters: Query[Instrumentfilters]):
    """Items in the fields of the JSON Lines exchange format, plus ``url``."""
    return _lijst(request, InstrumentFilterSet, Instrument)


@router.get("/praktijkvoorbeelden", response=list[Kennisitemregel], summary="Praktijkvoorbeelden")
@paginate(Paginering)
def praktijkvoorbeelden(request, filters: Query[Praktijkvoorbeeldfilters]):
    return _lijst(request, PraktijkvoorbeeldFilterSet, Praktijkvoorbeeld)


@router.get("/materialen", response=list[Kennisitemregel], summary="Materialen")
@paginate(Paginering)
def materialen(request, filters: Query[Materiaalfilters]):
    return _lijst(request, MateriaalFilterSet, Materiaal)
