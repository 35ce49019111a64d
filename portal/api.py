"""The JSON API at /api/v1/: one NinjaAPI, one router per app (``<app>/api.py``).

Errors are answered in Dutch with a 4xx status, in one shape: ``{"fout": "...", "details": [...]}``.
"""

from django.http import Http404
from django_ratelimit.exceptions import Ratelimited
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from effectiviteit.api import router as effectiviteit_router
from kennisbank.api import router as kennisbank_router
from netwerk.api import router as netwerk_router
from portal.ratelimits import api_te_veel
from wegwijzer.api import router as wegwijzer_router

# The shape of every error answer, documented for each operation that can give it.
FOUT_SCHEMA = {
    "title": "Fout",
    "type": "object",
    "description": "Een foutmelding in het Nederlands.",
    "properties": {
        "fout": {"type": "string", "description": "Wat er mis is, in een zin."},
        "details": {
            "type": "array",
            "description": "Per veld wat er mis is (bij ongeldige invoer).",
            "items": {
                "type": "object",
                "properties": {"veld": {"type": "string"}, "melding": {"type": "string"}},
                "required": ["veld", "melding"],
            },
        },
        "detail": {"type": "string", "description": "Dezelfde melding (bij 413 en 429)."},
    },
    "required": ["fout", "details"],
}


def _foutantwoord(beschrijving: str) -> dict:
    return {
        "description": beschrijving,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Fout"}}},
    }


class PortaalAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """The description with the error answers each operation can give: 400 for a
        bad query string (every operation reads one, some without declaring it), 401
        where it needs a login, 404 for a page past the last, 429 at the rate limit."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Fout"] = FOUT_SCHEMA
        for operaties in schema["paths"].values():
            for operatie in operaties.values():
                antwoorden = operatie.setdefault("responses", {})
                antwoorden.setdefault(400, _foutantwoord("Ongeldige invoer"))
                if operatie.get("security"):
                    antwoorden.setdefault(401, _foutantwoord("Niet ingelogd"))
                if any(p.get("name") == "page" for p in operatie.get("parameters", [])):
                    antwoorden.setdefault(404, _foutantwoord("Deze pagina bestaat niet"))
                antwoorden.setdefault(429, _foutantwoord("Te veel verzoeken in korte tijd"))
        return schema


api = PortaalAPI(
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


# The validation errors the API's parameters can give, in Dutch (pydantic writes English).
_MELDINGEN = {
    "greater_than_equal": "moet minstens {ge} zijn",
    "greater_than": "moet groter zijn dan {gt}",
    "less_than_equal": "mag hoogstens {le} zijn",
    "less_than": "moet kleiner zijn dan {lt}",
    "int_parsing": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "bool_parsing": "moet ja of nee zijn (true of false)",
    "missing": "ontbreekt",
    "string_too_long": "is langer dan {max_length} tekens",
    "date_from_datetime_parsing": "moet een datum zijn (JJJJ-MM-DD)",
    "date_parsing": "moet een datum zijn (JJJJ-MM-DD)",
}


def _melding(error: dict) -> str:
    """pydantic's kinds of error in Dutch; a message of our own (a form's) as it is."""
    sjabloon = _MELDINGEN.get(error.get("type", ""))
    if sjabloon is None:
        return error.get("msg") or "ongeldige waarde"
    try:
        return sjabloon.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError):
        return "ongeldige waarde"


@api.exception_handler(ValidationError)
def ongeldige_invoer(request, exc: ValidationError):
    details = [{"veld": _velden(e), "melding": _melding(e)} for e in exc.errors]
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


@api.exception_handler(Ratelimited)
def te_veel_verzoeken(request, exc):
    return api_te_veel()
