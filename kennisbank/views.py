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
    zonder_pagina = request.GET.copy()
    zonder_pagina.pop("page", None)
    context = {
        "lijst": naam,
        "titel": titel,
        "intro": intro,
        "filterset": filterset,
        "facetten": selectors.facetten(filterset),
        "pagina": pagina,
        "fouten": fouten,
        "querystring": zonder_pagina.urlencode(),
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


@require_GET
def instrument(request, slug):
    item = selectors.instrument_detail(request.user, slug)
    verwant = selectors.verwante_items(request.user, item)
    return render(request, "kennisbank/instrument.html", {"item": item, "verwant": verwant})


@require_GET
def praktijkvoorbeeld(request, slug):
    item = selectors.praktijkvoorbeeld_detail(request.user, slug)
    verwant = selectors.verwante_items(request.user, item)
    return render(request, "kennisbank/praktijkvoorbeeld.html", {"item": item, "verwant": verwant})


@require_GET
def materiaal(request, slug):
    item = selectors.materiaal_detail(request.user, slug)
    verwant = selectors.verwante_items(request.user, item)
    return render(request, "kennisbank/materiaal.html", {"item": item, "verwant": verwant})


@require_GET
def materiaal_download(request, slug):
    """Serve an uploaded file only to who may see the item, always as a download with the
    type checked at upload, so a browser never renders it inline or guesses its type."""
    item = selectors.materiaal_detail(request.user, slug)
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
    response["Cache-Control"] = "private, no-store" if not item.publiek else "public, max-age=3600"
    return response
