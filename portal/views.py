from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


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
    zoekterm = request.GET.get("q", "")[:200].strip()
    return render(request, "portal/zoeken.html", {"zoekterm": zoekterm})
