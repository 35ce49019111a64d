"""The dashboard, its CSV download and the printable factsheet; all read the same figures."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from effectiviteit import csvexport, selectors, services
from effectiviteit.forms import OngeldigeFilters, filters_lezen
from effectiviteit.grafieken import dashboard_grafieken
from portal import permissions, vocabulaires
from portal.models import Regio, Sector


def _cijfers(request, bron: str, regio=None) -> selectors.Dashboardcijfers:
    filters = filters_lezen(request.GET, gebruiker=request.user, regio=regio)
    services.cijferopvraging_vastleggen(
        gebruiker=request.user, bron=bron, filters=filters.als_dict()
    )
    return selectors.dashboardcijfers(filters)


def _context(request, bron: str, regio=None) -> dict:
    dash = _cijfers(request, bron, regio)
    filters = dash.filters
    regionaam = filters.regio.naam if filters.regio else "Nederland"
    return {
        "filters": filters,
        "dash": dash,
        "kern": dash.kern,
        "regionaam": regionaam,
        "grafieken": dashboard_grafieken(dash, regionaam),
        "synthetisch": selectors.bevat_synthetische_gegevens(),
        "mag_exporteren": permissions.mag_cijfers_exporteren(request.user),
        "min_cel": selectors.min_cel(),
        "min_noemer": selectors.min_noemer(),
        "query": request.GET.urlencode(),
        "filterquery": urlencode({k: v for k, v in filters.als_dict().items() if v}),
        "doelgroep_naam": vocabulaires.DOELGROEPEN.get(filters.doelgroep, ""),
        "partij_naam": vocabulaires.PARTIJEN.get(filters.aanleverende_partij, ""),
    }


def _fout(request, exc: OngeldigeFilters):
    return render(
        request,
        "effectiviteit/ongeldige_filters.html",
        {"meldingen": exc.meldingen},
        status=400,
    )


@login_required
@require_GET
def dashboard(request):
    try:
        context = _context(request, "dashboard")
    except OngeldigeFilters as exc:
        return _fout(request, exc)
    context.update(
        regios=Regio.objects.order_by("naam"),
        sectoren=Sector.objects.order_by("naam"),
        doelgroepen=vocabulaires.DOELGROEPEN,
        partijen=vocabulaires.PARTIJEN,
    )
    return render(request, "effectiviteit/dashboard.html", context)


@login_required
@require_GET
def factsheet(request, regio_slug):
    regio = get_object_or_404(Regio, slug=regio_slug)
    try:
        context = _context(request, "factsheet", regio=regio)
    except OngeldigeFilters as exc:
        return _fout(request, exc)
    return render(request, "effectiviteit/factsheet.html", context)


@login_required
@require_GET
def cijfers_csv(request):
    if not permissions.mag_cijfers_exporteren(request.user):
        raise PermissionDenied("Alleen managers mogen de cijfers downloaden.")
    try:
        dash = _cijfers(request, "csv")
    except OngeldigeFilters as exc:
        return _fout(request, exc)
    filters = dash.filters
    naam = filters.regio.slug if filters.regio else "nederland"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="effectiviteit-{naam}-{filters.van}-{filters.tot}.csv"'
    )
    csvexport.csv_schrijven(response, dash)
    return response
