"""The dashboard, its CSV download and the printable factsheet; all read the same figures."""

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from effectiviteit import cijfers, woorden
from effectiviteit.forms import OngeldigeFilters, filters_lezen
from effectiviteit.grafieken import dashboard_grafieken, tekst
from portal import permissions
from portal.models import Regio, Sector


def _context(request, regio=None) -> dict:
    filters = filters_lezen(request.GET, gebruiker=request.user, regio=regio)
    dash = cijfers.dashboardcijfers(filters)
    regionaam = filters.regio.naam if filters.regio else "Nederland"
    return {
        "filters": filters,
        "dash": dash,
        "kern": dash.kern,
        "regionaam": regionaam,
        "grafieken": dashboard_grafieken(dash, regionaam),
        "synthetisch": cijfers.bevat_synthetische_gegevens(),
        "mag_exporteren": permissions.mag_cijfers_exporteren(request.user),
        "min_cel": cijfers._min_cel(),
        "min_noemer": cijfers._min_noemer(),
        "query": request.GET.urlencode(),
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
        context = _context(request)
    except OngeldigeFilters as exc:
        return _fout(request, exc)
    context.update(
        regios=Regio.objects.order_by("naam"),
        sectoren=Sector.objects.order_by("naam"),
        doelgroepen=woorden.DOELGROEPEN,
        partijen=woorden.PARTIJEN,
    )
    return render(request, "effectiviteit/dashboard.html", context)


@login_required
@require_GET
def factsheet(request, regio_slug):
    regio = get_object_or_404(Regio, slug=regio_slug)
    try:
        context = _context(request, regio=regio)
    except OngeldigeFilters as exc:
        return _fout(request, exc)
    return render(request, "effectiviteit/factsheet.html", context)


@login_required
@require_GET
def cijfers_csv(request):
    if not permissions.mag_cijfers_exporteren(request.user):
        raise PermissionDenied("Alleen managers mogen de cijfers downloaden.")
    try:
        filters = filters_lezen(request.GET, gebruiker=request.user)
    except OngeldigeFilters as exc:
        return _fout(request, exc)
    dash = cijfers.dashboardcijfers(filters)
    naam = filters.regio.slug if filters.regio else "nederland"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="effectiviteit-{naam}-{filters.van}-{filters.tot}.csv"'
    )
    response.write("\ufeff")
    schrijver = csv.writer(response, delimiter=";")
    for rij in csv_rijen(dash):
        schrijver.writerow(rij)
    return response


def csv_rijen(dash) -> list[list[str]]:
    """Exactly the figures the dashboard shows, one per line: onderdeel, kenmerk, waarde."""
    rijen = [["onderdeel", "kenmerk", "waarde"]]
    for sleutel, waarde in dash.filters.als_dict().items():
        rijen.append(["filter", sleutel, waarde or ""])

    def kern(onderdeel: str, k: dict) -> None:
        rijen.append([onderdeel, "n_trajecten", tekst(k["n_trajecten"])])
        for groep in ("status", "behaald", "uitvalredenen", "vervolg", "instroom_per_kwartaal"):
            for code, waarde in k.get(groep, {}).items():
                rijen.append([onderdeel, f"{groep}:{code}", tekst(waarde)])
        for sleutel in (
            "afgerond_pct",
            "uitval_pct",
            "bewijsstuk_pct",
            "duurzame_baan_pct",
            "onderwijs_pct",
            "mediane_duur_dagen",
        ):
            rijen.append([onderdeel, sleutel, tekst(k[sleutel])])

    kern("regio" if dash.filters.regio else "nederland", dash.kern)
    for onderdeel, groep in (("sector", dash.per_sector), ("doelgroep", dash.per_doelgroep)):
        for r in groep:
            for veld in ("n", "lopend", "afgerond", "uitgevallen", "afgerond_pct", "uitval_pct"):
                rijen.append([f"{onderdeel}:{r.code}", veld, tekst(getattr(r, veld))])
    if dash.filters.regio:
        kern("nederland", dash.landelijk)
    return rijen
