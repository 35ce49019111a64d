from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kennisbank import public as kennisbank


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
