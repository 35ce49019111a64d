"""API endpoints of the netwerk app, mounted by portal.api under /api/v1/.

Organisations are public; persons only for logged-in users (401 otherwise). Both take
the filters of the network pages (the same FilterSets)."""

from __future__ import annotations

import datetime

from django.core.paginator import Paginator
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError
from ninja.security import django_auth

from netwerk import selectors
from netwerk.filters import ContactpersoonFilter, OrganisatieFilter

router = Router(tags=["netwerk"])

PAGINAGROOTTE = 50


class ErkenningOut(Schema):
    kwalificatie: str
    crebo: str
    niveau: int
    sector: str = Field(..., alias="sector.slug")
    bewijsstukken: list[str]


class OrganisatieOut(Schema):
    sleutel: str
    naam: str
    soort: str
    regios: list[str]
    adres: str
    website: str
    telefoon: str
    email: str
    omschrijving: str
    gecontroleerd_op: datetime.date
    mogelijk_verouderd: bool
    url: str
    erkenningen: list[ErkenningOut]

    @staticmethod
    def resolve_regios(obj) -> list[str]:
        return [r.slug for r in obj.regios.all()]

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_erkenningen(obj):
        return list(obj.erkenningen.all())


class ContactpersoonOut(Schema):
    id: int
    naam: str
    functie: str
    organisatie: str | None
    rollen: list[str]
    sectoren: list[str]
    instrumenten: list[str]
    email: str
    telefoon: str
    regios: list[str]
    gecontroleerd_op: datetime.date
    mogelijk_verouderd: bool
    url: str

    @staticmethod
    def resolve_organisatie(obj) -> str | None:
        return obj.organisatie.sleutel if obj.organisatie else None

    @staticmethod
    def resolve_sectoren(obj) -> list[str]:
        return [s.slug for s in obj.sectoren.all()]

    @staticmethod
    def resolve_instrumenten(obj) -> list[str]:
        return [i.slug for i in obj.instrumenten.all()]

    @staticmethod
    def resolve_regios(obj) -> list[str]:
        return [r.slug for r in obj.regios.all()]

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class OrganisatiePagina(Schema):
    count: int
    page: int
    results: list[OrganisatieOut]


class ContactpersoonPagina(Schema):
    count: int
    page: int
    results: list[ContactpersoonOut]


class OrganisatieParams(Schema):
    regio: str | None = Field(None, description="Slug, officiële of andere naam van een regio")
    soort: str | None = Field(None, description="Soort organisatie, bijvoorbeeld mbo-instelling")
    sector: str | None = Field(None, description="Sectorslug: erkend in deze sector")
    q: str | None = Field(None, max_length=100, description="Deel van de naam")
    page: int = Field(1, ge=1, le=10_000)


class ContactpersoonParams(Schema):
    regio: str | None = Field(None, description="Slug, officiële of andere naam van een regio")
    soort: str | None = Field(None, description="Soort organisatie van de persoon")
    rol: str | None = Field(None, description="Rol, bijvoorbeeld ambassadeur of jobcoach")
    sector: str | None = Field(None, description="Sectorslug: kennis van deze sector")
    instrument: str | None = Field(None, description="Slug van een kennisbankinstrument")
    q: str | None = Field(None, max_length=100, description="Deel van de naam")
    page: int = Field(1, ge=1, le=10_000)


def _gefilterd(filterset, page: int):
    if not filterset.is_valid():
        raise ValidationError(
            [
                {"loc": ("query", veld), "msg": " ".join(str(m) for m in meldingen)}
                for veld, meldingen in filterset.errors.items()
            ]
        )
    pagina = Paginator(filterset.qs, PAGINAGROOTTE).get_page(page)
    return {"count": pagina.paginator.count, "page": pagina.number, "results": list(pagina)}


@router.get(
    "/organisaties",
    response=OrganisatiePagina,
    summary="Organisaties in het netwerk",
    description="Openbaar. Per pagina 50 organisaties, met hun erkenningen voor de derde leerweg.",
)
def organisaties(request, params: Query[OrganisatieParams]):
    filterset = OrganisatieFilter(request.GET, queryset=selectors.organisaties())
    return _gefilterd(filterset, params.page)


@router.get(
    "/contactpersonen",
    response=ContactpersoonPagina,
    auth=django_auth,
    summary="Contactpersonen in het netwerk",
    description="Alleen voor ingelogde gebruikers (anders 401). Alleen actieve personen.",
)
def contactpersonen(request, params: Query[ContactpersoonParams]):
    filterset = ContactpersoonFilter(
        request.GET, queryset=selectors.zichtbare_contactpersonen(request.user)
    )
    return _gefilterd(filterset, params.page)
