"""Pages of the kennisbank. Thin: the selectors decide what is visible and how it is found."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kennisbank import selectors
from kennisbank.bestanden import EXTENSIES
from kennisbank.filters import (
    InstrumentFilterSet,
    MateriaalFilterSet,
    PraktijkvoorbeeldFilterSet,
)
from kennisbank.models import Publicatiestatus
from netwerk import public as netwerk

LIJSTEN = {
    "instrumenten": (
        InstrumentFilterSet,
        selectors.instrumenten,
        "Instrumenten en regelingen",
        "Routes naar een bewijsstuk, financiering, begeleiding en werkgeversregelingen. "
        "Beëindigde regelingen blijven vindbaar en staan onderaan.",
    ),
    "praktijkvoorbeelden": (
        PraktijkvoorbeeldFilterSet,
        selectors.praktijkvoorbeelden,
        "Praktijkvoorbeelden",
        "Hoe praktijkleren elders werkte: per sector en regio, met het behaalde bewijsstuk "
        "en de gebruikte instrumenten.",
    ),
    "materialen": (
        MateriaalFilterSet,
        selectors.materialen,
        "Materialen",
        "Brochures, video's, presentaties, handreikingen, factsheets en formulieren voor "
        "kandidaten, werkgevers, professionals en bestuurders.",
    ),
}


@require_GET
def index(request):
    return render(request, "kennisbank/index.html", selectors.overzicht(request.user))


def _lijst(request, naam: str):
    filterset_klasse, selector, titel, intro = LIJSTEN[naam]
    filterset = filterset_klasse(request.GET, queryset=selector(request.user))
    pagina = Paginator(filterset.qs, selectors.PER_PAGINA).get_page(request.GET.get("page"))
    fouten = filterset.foutmeldingen()
    context = {
        "lijst": naam,
        "titel": titel,
        "intro": intro,
        "filterset": filterset,
        "facetten": selectors.facetten(filterset),
        "pagina": pagina,
        "paginanummers": pagina.paginator.get_elided_page_range(pagina.number),
        "fouten": fouten,
        "gefilterd": any(k != "page" and k != "sortering" for k in request.GET),
    }
    return render(request, f"kennisbank/{naam}.html", context, status=400 if fouten else 200)


@require_GET
def instrumenten(request):
    return _lijst(request, "instrumenten")


@require_GET
def praktijkvoorbeelden(request):
    return _lijst(request, "praktijkvoorbeelden")


@require_GET
def materialen(request):
    return _lijst(request, "materialen")


def _voorbeeld_gevraagd(request) -> bool:
    return request.GET.get("voorbeeld") == "1"


def _detailpagina(request, template: str, item, **extra):
    verwant = selectors.verwante_items(request.user, item)
    niet_openbaar = item.status != Publicatiestatus.GEPUBLICEERD
    context = {"item": item, "verwant": verwant, "voorbeeld": niet_openbaar, **extra}
    response = render(request, template, context)
    if niet_openbaar:
        # An editor's preview: never kept by a cache or shown by a search engine.
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def instrument(request, slug):
    item = selectors.instrument_detail(request.user, slug, voorbeeld=_voorbeeld_gevraagd(request))
    # People with expertise, from the netwerk; None for who may not see people at all.
    experts = netwerk.experts_voor_instrument(gebruiker=request.user, instrument=item)
    return _detailpagina(
        request,
        "kennisbank/instrument.html",
        item,
        experts=None if experts is None else list(experts),
    )


@require_GET
def praktijkvoorbeeld(request, slug):
    item = selectors.praktijkvoorbeeld_detail(
        request.user, slug, voorbeeld=_voorbeeld_gevraagd(request)
    )
    return _detailpagina(request, "kennisbank/praktijkvoorbeeld.html", item)


@require_GET
def materiaal(request, slug):
    item = selectors.materiaal_detail(request.user, slug, voorbeeld=_voorbeeld_gevraagd(request))
    return _detailpagina(request, "kennisbank/materiaal.html", item)


@require_GET
def materiaal_download(request, slug):
    """Serve an uploaded file only to who may see the item, always as a download with the
    type checked at upload, so a browser never renders it inline or guesses its type."""
    item = selectors.materiaal_detail(request.user, slug, voorbeeld=_voorbeeld_gevraagd(request))
    if not item.bestand or item.bestandstype not in EXTENSIES:
        raise Http404("Bij dit materiaal hoort geen bestand.")
    try:
        bestand = item.bestand.open("rb")
    except FileNotFoundError:
        raise Http404("Het bestand is niet gevonden.") from None
    response = FileResponse(
        bestand,
        as_attachment=True,
        filename=f"{item.slug}{EXTENSIES[item.bestandstype]}",
        content_type=item.bestandstype,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    openbaar = item.publiek and item.status == Publicatiestatus.GEPUBLICEERD
    response["Cache-Control"] = "public, max-age=3600" if openbaar else "private, no-store"
    return response
