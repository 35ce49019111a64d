"""API endpoints of the netwerk app, mounted by portal.api under /api/v1/.

Organisations are public; persons only for logged-in users (401 otherwise). Both take
the filters of the network pages (the same FilterSets)."""

import datetime

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.security import django_auth

from netwerk import selectors
from netwerk.filters import ContactpersoonFilter, OrganisatieFilter
from portal.lijsten import PER_PAGINA, Paginering, filterparameters, ongeldige_invoer

router = Router(tags=["netwerk"])


class ErkenningOut(Schema):
    kwalificatie: str
    crebo: str
    niveau: int
    sector: str = Field(..., alias="sector.slug")
    bewijsstukken: list[str]


class _Netwerkitem(Schema):
    """An entry of the network: its regions as slugs, ``url`` its page."""

    @staticmethod
    def resolve_regios(obj) -> list[str]:
        return [r.slug for r in obj.regios.all()]

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class OrganisatieOut(_Netwerkitem):
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
    def resolve_erkenningen(obj):
        return list(obj.erkenningen.all())


class ContactpersoonOut(_Netwerkitem):
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


Organisatiefilters = filterparameters(OrganisatieFilter)
Contactpersoonfilters = filterparameters(ContactpersoonFilter)


def _gefilterd(filterset):
    if not filterset.is_valid():
        raise ongeldige_invoer(
            {veld: " ".join(meldingen) for veld, meldingen in filterset.errors.items()}
        )
    return filterset.qs


@router.get(
    "/organisaties",
    response=list[OrganisatieOut],
    summary="Organisaties in het netwerk",
    description=f"Openbaar. Per pagina {PER_PAGINA} organisaties, met hun erkenningen voor de "
    "derde leerweg.",
)
@paginate(Paginering)
def organisaties(request, filters: Query[Organisatiefilters]):
    return _gefilterd(OrganisatieFilter(request.GET, queryset=selectors.organisaties()))


@router.get(
    "/contactpersonen",
    response=list[ContactpersoonOut],
    auth=django_auth,
    summary="Contactpersonen in het netwerk",
    description=f"Alleen voor ingelogde gebruikers (anders 401). Alleen actieve personen, "
    f"{PER_PAGINA} per pagina.",
)
@paginate(Paginering)
def contactpersonen(request, filters: Query[Contactpersoonfilters]):
    return _gefilterd(
        ContactpersoonFilter(
            request.GET, queryset=selectors.zichtbare_contactpersonen(request.user)
        )
    )
