"""The wegwijzer as JSON (README: Wegwijzer), mounted by portal.api under /api/v1/.

The parameters are read by the page's own form, so both give the same Dutch message per
field; the answer comes from the same selector as the page.
"""

from __future__ import annotations

import datetime

from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from ninja import Field, Query, Router, Schema

from portal.lijsten import ongeldige_invoer
from wegwijzer import selectors
from wegwijzer.forms import WegwijzerForm

router = Router(tags=["wegwijzer"])


class Vraagparameters(Schema):
    # Plain text on purpose: the form checks every value and answers in Dutch.
    regio: str | None = Field(
        None, description="Verplicht. Slug, officiële of andere naam van een regio, of een gemeente"
    )
    doelgroep: str | None = Field(
        None, description="Verplicht. ww, bijstand, wajong, nug, werkend, statushouder of overig"
    )
    startkwalificatie: str | None = Field(None, description="ja, nee of onbekend (standaard)")
    sector: str | None = Field(None, description="Sectorslug, bijvoorbeeld handel")
    leeftijd: str | None = Field(None, description="Hele jaren, 15 tot en met 67")
    peildatum: str | None = Field(
        None, description="JJJJ-MM-DD: de dag waarop regelingen moeten gelden (standaard vandaag)"
    )


class Vraag(Schema):
    regio: str
    doelgroep: str
    startkwalificatie: str
    sector: str | None
    leeftijd: int | None
    peildatum: datetime.date


class RouteOut(Schema):
    bewijsstuk: str
    uitleg: str
    instrumenten: list[str]


class InstrumentOut(Schema):
    slug: str
    titel: str
    url: str
    soort: str
    geldig_tot: datetime.date | None
    waarom: str


class UitgeslotenOut(Schema):
    slug: str
    titel: str
    reden: str


class VoorbeeldOut(Schema):
    slug: str
    titel: str
    url: str
    regio: str | None


class MboInstellingOut(Schema):
    sleutel: str
    naam: str
    url: str
    sectoren: list[str]


class ContactpersoonOut(Schema):
    naam: str
    organisatie: str | None
    rollen: list[str]
    url: str


class CijfersOut(Schema):
    n_trajecten: int | str
    afgerond_pct: float | None
    bewijsstuk_pct: float | None
    duurzame_baan_pct: float | None
    filters: dict


class Routekaart(Schema):
    vraag: Vraag
    route: RouteOut
    instrumenten: list[InstrumentOut]
    uitgesloten: list[UitgeslotenOut]
    voorbeelden: list[VoorbeeldOut]
    mbo_instellingen: list[MboInstellingOut]
    contactpersonen: list[ContactpersoonOut]
    cijfers: CijfersOut | None


class Foutmelding(Schema):
    veld: str
    melding: str


class Fout(Schema):
    fout: str
    details: list[Foutmelding]


def _sectoren(organisatie) -> list[str]:
    sectoren = {e.sector for e in organisatie.erkenningen.all()}
    return [s.slug for s in sorted(sectoren, key=lambda s: s.naam)]


@router.get(
    "/wegwijzer",
    response={200: Routekaart, 400: Fout},
    summary="Wegwijzer: de route voor een situatie",
    description=(
        "Beschrijf de situatie van een kandidaat (nooit de persoon; er wordt niets "
        "bewaard): regio en doelgroep verplicht, startkwalificatie, sector, leeftijd en "
        "peildatum naar keuze. Het antwoord geeft het bewijsstuk om eerst op te richten, de "
        "instrumenten die op de peildatum passen (met wat nog na te gaan is), de "
        "instrumenten die een antwoord uitsluit (met de reden), praktijkvoorbeelden, de "
        "mbo-instellingen van de regio met een erkenning in de sector, en voor ingelogde "
        "gebruikers de contactpersonen en de beschermde cijfers van vergelijkbare trajecten "
        "over de laatste acht hele kwartalen (anoniem: een lege lijst en null). Ongeldige "
        "waarden: 400 met een melding per veld."
    ),
)
def wegwijzer(request, response: HttpResponse, parameters: Query[Vraagparameters]):
    # The query describes a candidate's situation: no shared cache may keep the answer.
    add_never_cache_headers(response)
    form = WegwijzerForm(request.GET)
    if not form.is_valid():
        raise ongeldige_invoer(form.foutmeldingen())
    kaart = selectors.routekaart(antwoorden=form.antwoorden(), gebruiker=request.user)
    absoluut = request.build_absolute_uri
    return {
        "vraag": form.vraag(),
        "route": {
            "bewijsstuk": kaart.route.bewijsstuk,
            "uitleg": kaart.route.uitleg,
            "instrumenten": [i.slug for i in kaart.route_instrumenten],
        },
        "instrumenten": [
            {
                "slug": p.instrument.slug,
                "titel": p.instrument.titel,
                "url": absoluut(p.instrument.get_absolute_url()),
                "soort": p.instrument.soort,
                "geldig_tot": p.instrument.geldig_tot,
                "waarom": p.waarom,
            }
            for p in kaart.instrumenten
        ],
        "uitgesloten": [
            {"slug": u.instrument.slug, "titel": u.instrument.titel, "reden": u.reden}
            for u in kaart.uitgesloten
        ],
        "voorbeelden": [
            {
                "slug": v.slug,
                "titel": v.titel,
                "url": absoluut(v.get_absolute_url()),
                "regio": v.regio.slug if v.regio_id else None,
            }
            for v in kaart.voorbeelden
        ],
        "mbo_instellingen": [
            {
                "sleutel": o.sleutel,
                "naam": o.naam,
                "url": absoluut(o.get_absolute_url()),
                "sectoren": _sectoren(o),
            }
            for o in kaart.mbo_instellingen
        ],
        "contactpersonen": [
            {
                "naam": p.naam,
                "organisatie": p.organisatie.naam if p.organisatie else None,
                "rollen": list(p.rollen),
                "url": absoluut(p.get_absolute_url()),
            }
            for p in kaart.contactpersonen
        ],
        "cijfers": kaart.cijfers,
    }
