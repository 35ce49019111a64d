"""The JSON API at /api/v1/: one NinjaAPI, one router per app (``<app>/api.py``).

Errors are answered in Dutch with a 4xx status, in one shape: ``{"fout": "...", "details": [...]}``.
"""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from effectiviteit.api import router as effectiviteit_router
from kennisbank.api import router as kennisbank_router
from netwerk.api import router as netwerk_router
from wegwijzer.api import router as wegwijzer_router

api = NinjaAPI(
    title="Praktijkleren portaal API",
    version="1",
    description=(
        "Kennisbank, netwerk, effectiviteitscijfers en de wegwijzer over praktijkleren in het mbo."
    ),
    urls_namespace="api",
    docs_url=None,  # the interactive docs load scripts from a CDN; the JSON description stays
)
api.add_router("", kennisbank_router)
api.add_router("", netwerk_router)
api.add_router("", effectiviteit_router)
api.add_router("", wegwijzer_router)


def _velden(error: dict) -> str:
    return ".".join(str(deel) for deel in error.get("loc", ()) if deel not in ("query", "body"))


@api.exception_handler(ValidationError)
def ongeldige_invoer(request, exc: ValidationError):
    details = [
        {"veld": _velden(e), "melding": e.get("msg", "ongeldige waarde")} for e in exc.errors
    ]
    return api.create_response(
        request, {"fout": "Ongeldige invoer in de aanvraag.", "details": details}, status=400
    )


@api.exception_handler(AuthenticationError)
def niet_ingelogd(request, exc):
    return api.create_response(
        request, {"fout": "Log in om deze gegevens te zien.", "details": []}, status=401
    )


@api.exception_handler(Http404)
def niet_gevonden(request, exc):
    return api.create_response(request, {"fout": "Niet gevonden.", "details": []}, status=404)


@api.exception_handler(HttpError)
def http_fout(request, exc: HttpError):
    return api.create_response(request, {"fout": str(exc), "details": []}, status=exc.status_code)
