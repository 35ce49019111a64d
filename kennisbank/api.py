"""API endpoints of the kennisbank app, mounted by portal.api under /api/v1/.

The lists use the same FilterSets as the pages; anonymous callers see public items only.
"""

from django.core.paginator import EmptyPage, Paginator
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from kennisbank import selectors
from kennisbank.filters import (
    InstrumentFilterSet,
    MateriaalFilterSet,
    PraktijkvoorbeeldFilterSet,
)
from kennisbank.models import Instrument, Materiaal, Praktijkvoorbeeld
from kennisbank.uitwisseling import item_naar_regel

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


class Lijstantwoord(Schema):
    count: int
    page: int
    pages: int
    results: list[dict]


def _filters(request):
    filters = request.GET.copy()
    for sleutel in ("q", "page"):
        filters.pop(sleutel, None)
    return filters


def _ongeldig(meldingen: list[str]):
    raise HttpError(400, "Ongeldig filter. " + " ".join(meldingen))


class Zoekparameters(Schema):
    q: str = ""
    type: list[str] | None = Field(None, description="instrument, praktijkvoorbeeld of materiaal")
    regio: list[str] | None = Field(None, description="slug of naam van een regio, of 'landelijk'")
    sector: list[str] | None = None
    doelgroep: list[str] | None = None
    bewijsstuk: list[str] | None = None
    page: int = Field(1, ge=1, le=10_000)


@router.get("/zoeken", response=Zoekantwoord, summary="Zoeken in de kennisbank")
def zoeken(request, parameters: Query[Zoekparameters]):
    """Full-text search (Dutch stemming, accents ignored, websearch syntax) in one ranked
    list; ``fragment`` holds the matching passage with ``<mark>`` around hits."""
    resultaten = selectors.zoeken(
        gebruiker=request.user,
        zoekterm=parameters.q,
        filters=_filters(request),
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


def _lijst(request, filterset_klasse, model, page: int):
    filterset = filterset_klasse(
        _filters(request), queryset=selectors.api_items(request.user, model)
    )
    if filterset.foutmeldingen():
        _ongeldig(filterset.foutmeldingen())
    paginator = Paginator(filterset.qs, selectors.PER_PAGINA)
    try:
        pagina = paginator.page(page)
    except EmptyPage:
        raise HttpError(
            404, f"Pagina {page} bestaat niet; er zijn {paginator.num_pages} pagina's."
        ) from None
    return {
        "count": paginator.count,
        "page": pagina.number,
        "pages": paginator.num_pages,
        "results": [
            item_naar_regel(item) | {"url": request.build_absolute_uri(item.get_absolute_url())}
            for item in pagina.object_list
        ],
    }


class Lijstfilters(Schema):
    regio: list[str] | None = Field(None, description="slug of naam van een regio, of 'landelijk'")
    sector: list[str] | None = None
    doelgroep: list[str] | None = None
    bewijsstuk: list[str] | None = None
    sortering: str | None = None
    page: int = Field(1, ge=1, le=10_000)


class Instrumentfilters(Lijstfilters):
    soort: list[str] | None = None
    geldigheid: str | None = Field(None, description="actueel of beeindigd")


class Praktijkvoorbeeldfilters(Lijstfilters):
    instrument: str | None = Field(None, description="slug van een gebruikt instrument")


class Materiaalfilters(Lijstfilters):
    soort: list[str] | None = None
    publiek_voor: list[str] | None = None


@router.get("/instrumenten", response=Lijstantwoord, summary="Instrumenten en regelingen")
def instrumenten(request, filters: Query[Instrumentfilters]):
    """Items in the fields of the JSON Lines exchange format, plus ``url``."""
    return _lijst(request, InstrumentFilterSet, Instrument, filters.page)


@router.get("/praktijkvoorbeelden", response=Lijstantwoord, summary="Praktijkvoorbeelden")
def praktijkvoorbeelden(request, filters: Query[Praktijkvoorbeeldfilters]):
    return _lijst(request, PraktijkvoorbeeldFilterSet, Praktijkvoorbeeld, filters.page)


@router.get("/materialen", response=Lijstantwoord, summary="Materialen")
def materialen(request, filters: Query[Materiaalfilters]):
    return _lijst(request, MateriaalFilterSet, Materiaal, filters.page)
