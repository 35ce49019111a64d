from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kennisbank import public as kennisbank
from portal import achtergrondtaken, permissions, selectors
from portal.models import Achtergrondtaak


@require_GET
def home(request):
    return render(request, "portal/home.html")


@require_GET
def toegankelijkheid(request):
    return render(request, "portal/toegankelijkheid.html")


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 otherwise; for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "fout", "database": "onbereikbaar"}, status=503)
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request):
    """200 when the database answers and a worker of the job queue gave a heartbeat
    within WERKER_MAX_STILTE_SECONDEN, 503 otherwise: imports and e-mails wait in the
    queue while no worker runs, though every page still works."""
    try:
        werker = selectors.werker_recent_gezien(
            max_stilte_seconden=settings.WERKER_MAX_STILTE_SECONDEN
        )
    except DatabaseError:
        return JsonResponse({"status": "fout", "database": "onbereikbaar"}, status=503)
    if not werker:
        return JsonResponse(
            {
                "status": "fout",
                "database": "ok",
                "werker": f"geen werker gezien in de laatste "
                f"{settings.WERKER_MAX_STILTE_SECONDEN} seconden",
            },
            status=503,
        )
    return JsonResponse({"status": "ok", "database": "ok", "werker": "ok"})


@require_GET
def zoeken(request):
    """Site-wide search page; the kennisbank supplies the results."""
    filters = request.GET.copy()
    for sleutel in ("q", "page"):
        filters.pop(sleutel, None)
    resultaten = kennisbank.zoeken(
        gebruiker=request.user,
        zoekterm=request.GET.get("q", ""),
        filters=filters,
        pagina=request.GET.get("page"),
    )
    pagina = resultaten.pagina  # None without a query
    context = {
        "zoekterm": resultaten.zoekterm,
        "resultaten": resultaten,
        "pagina": pagina,
        "paginanummers": pagina and pagina.paginator.get_elided_page_range(pagina.number),
        "gefilterd": bool(filters),
    }
    status = 400 if resultaten.ongeldige_filters else 200
    return render(request, "portal/zoeken.html", context, status=status)


def _achtergrondtaak(request, pk: int) -> Achtergrondtaak:
    taak = get_object_or_404(Achtergrondtaak, pk=pk)
    if not permissions.mag_achtergrondtaak_zien(request.user, taak):
        raise PermissionDenied("Dit is de taak van iemand anders.")
    return taak


@require_GET
def achtergrondtaak(request, pk: int):
    """A background job's status page (inside the admin): progress while it runs, then
    its result. It reloads itself without JavaScript, and with it polls
    :func:`achtergrondtaak_stand` instead."""
    taak = _achtergrondtaak(request, pk)
    context = {
        **admin.site.each_context(request),
        "title": taak.get_soort_display().capitalize(),
        "taak": taak,
        "stand": achtergrondtaken.stand(taak),
        "werker_gezien": taak.is_klaar
        or selectors.werker_recent_gezien(max_stilte_seconden=settings.WERKER_MAX_STILTE_SECONDEN),
    }
    return render(request, "admin/achtergrondtaak.html", context)


@require_GET
def achtergrondtaak_stand(request, pk: int):
    """The state of a background job as JSON, for the status page's script."""
    return JsonResponse(achtergrondtaken.stand(_achtergrondtaak(request, pk)))
