"""The JSON Lines exchange format (README: Beheercommando's): reading one line into checked
values, and writing an item back into exactly that shape (export imports unchanged)."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from kennisbank.models import (
    Instrument,
    Instrumentsoort,
    Itemtype,
    Kennisitem,
    Materiaal,
    Materiaalsoort,
    Praktijkvoorbeeld,
    Publicatiestatus,
    Publiek,
    Startkwalificatie,
)
from kennisbank.validatie import (
    EERSTE_JAAR,
    FOUT_SLUG,
    FOUT_UTF8,
    LEEFTIJD_MAX,
    LEEFTIJD_MIN,
    geldigheid_fout,
    is_geldige_tekst,
    laatste_jaar,
    leeftijden_fout,
    slug_valideren,
    webadres_valideren,
)
from portal.selectors import OnbekendeWaarde, regio_opzoeken, sector_opzoeken
from portal.vocabulaires import Bewijsstuk, Doelgroep, code_opzoeken

ALGEMENE_VELDEN = (
    "type", "slug", "titel", "samenvatting", "inhoud", "sectoren", "doelgroepen",
    "bewijsstukken", "regio", "publiek", "status", "links",
)  # fmt: skip
VELDEN_PER_TYPE = {
    Itemtype.INSTRUMENT: (
        "soort",
        "geldig_van",
        "geldig_tot",
        "uitvoerder",
        "kosten",
        "voorwaarden",
        "criteria",
        "stappen",
    ),
    Itemtype.PRAKTIJKVOORBEELD: ("jaar", "resultaat", "instrumenten", "citaat"),
    Itemtype.MATERIAAL: ("soort", "publiek_voor", "url"),
}
# Every key of the format, whatever the type: a key of another type's set is one that
# does not apply, a key in none is unknown.
ALLE_VELDEN = frozenset(ALGEMENE_VELDEN).union(*VELDEN_PER_TYPE.values())
# How a line may give a key that does not apply to its type: such a key is ignored.
LEGE_WAARDEN = (None, "", [], {})
MODELLEN = {
    Itemtype.INSTRUMENT: Instrument,
    Itemtype.PRAKTIJKVOORBEELD: Praktijkvoorbeeld,
    Itemtype.MATERIAAL: Materiaal,
}
# Model fields that a line sets directly: all of its type's keys but these.
_SAMENGESTELD = {"criteria", "stappen", "instrumenten"}
ENKELVOUDIGE_VELDEN = {
    type_: tuple(veld for veld in velden if veld not in _SAMENGESTELD)
    for type_, velden in VELDEN_PER_TYPE.items()
}


class Regelfout(Exception):
    def __init__(self, veld: str, melding: str):
        super().__init__(f"{veld}: {melding}")
        self.veld = veld
        self.melding = melding


@dataclass
class Regel:
    """One valid line: ``canoniek`` is the line as export would write it."""

    nummer: int
    canoniek: dict
    sectoren: list = field(default_factory=list)  # Sector objects

    @property
    def type(self) -> str:
        return self.canoniek["type"]

    @property
    def slug(self) -> str:
        return self.canoniek["slug"]


def _tekst(data: dict, veld: str, *, verplicht=False, max_lengte: int | None = None) -> str:
    waarde = data.get(veld)
    if waarde is None:
        waarde = ""
    if not isinstance(waarde, str):
        raise Regelfout(veld, "moet tekst zijn")
    waarde = waarde.strip()
    if not is_geldige_tekst(waarde):
        raise Regelfout(veld, FOUT_UTF8)
    if "\x00" in waarde:
        raise Regelfout(veld, "bevat een ongeldig teken (NUL)")
    if verplicht and not waarde:
        raise Regelfout(veld, "is verplicht")
    if max_lengte and len(waarde) > max_lengte:
        raise Regelfout(veld, f"is te lang ({len(waarde)} tekens, hoogstens {max_lengte})")
    return waarde


def _lijst(data: dict, veld: str) -> list:
    waarde = data.get(veld)
    if waarde is None:
        return []
    if not isinstance(waarde, list):
        raise Regelfout(veld, "moet een lijst zijn, bijvoorbeeld []")
    return waarde


def _codes(data: dict, veld: str, keuzes) -> list[str]:
    resultaat: list[str] = []
    for waarde in _lijst(data, veld):
        code = code_opzoeken(keuzes, waarde) if isinstance(waarde, str) else None
        if code is None:
            toegestaan = ", ".join(keuzes.values)
            raise Regelfout(veld, f"onbekende waarde '{str(waarde)[:40]}'; kies uit {toegestaan}")
        if code not in resultaat:
            resultaat.append(code)
    return resultaat


def _keuze(data: dict, veld: str, keuzes, *, standaard: str | None = None) -> str:
    waarde = data.get(veld)
    if waarde is None and standaard is not None:
        return standaard
    code = code_opzoeken(keuzes, waarde) if isinstance(waarde, str) else None
    if code is None:
        if waarde is None:
            raise Regelfout(veld, "is verplicht")
        raise Regelfout(
            veld, f"onbekende waarde '{str(waarde)[:40]}'; kies uit {', '.join(keuzes.values)}"
        )
    return code


def _datum(data: dict, veld: str) -> str | None:
    waarde = data.get(veld)
    if waarde is None or waarde == "":
        return None
    try:
        return datetime.date.fromisoformat(str(waarde)).isoformat()
    except ValueError:
        raise Regelfout(veld, "moet een datum zijn als JJJJ-MM-DD, of null") from None


def _url_waarde(waarde, veld: str) -> str:
    if not isinstance(waarde, str) or len(waarde) > 500:
        raise Regelfout(veld, "moet een webadres van hoogstens 500 tekens zijn")
    if not is_geldige_tekst(waarde):
        raise Regelfout(veld, FOUT_UTF8)
    try:
        webadres_valideren(waarde.strip())
    except ValidationError:
        raise Regelfout(veld, f"ongeldig webadres '{waarde[:60]}'") from None
    return waarde.strip()


CRITERIA = ("leeftijd_min", "leeftijd_max", "startkwalificatie")


def _criteria(data: dict) -> dict:
    """The instrument's ``criteria`` object, every key present (``null``: no condition);
    absent or ``null`` as a whole means no conditions at all."""
    waarde = data.get("criteria")
    if waarde is None:
        waarde = {}
    if not isinstance(waarde, dict):
        raise Regelfout(
            "criteria",
            'moet een object zijn als {"leeftijd_min": 18, "leeftijd_max": null, '
            '"startkwalificatie": "nee"}',
        )
    onbekend = sorted(set(waarde) - set(CRITERIA))
    if onbekend:
        raise Regelfout(f"criteria.{onbekend[0]}", "onbekend criterium")
    criteria = {}
    for veld in ("leeftijd_min", "leeftijd_max"):
        leeftijd = waarde.get(veld)
        if leeftijd is not None and (
            not isinstance(leeftijd, int)
            or isinstance(leeftijd, bool)
            or not LEEFTIJD_MIN <= leeftijd <= LEEFTIJD_MAX
        ):
            raise Regelfout(
                f"criteria.{veld}",
                f"moet een leeftijd in hele jaren zijn van {LEEFTIJD_MIN} tot en met "
                f"{LEEFTIJD_MAX}, of null",
            )
        criteria[veld] = leeftijd
    fout = leeftijden_fout(criteria["leeftijd_min"], criteria["leeftijd_max"])
    if fout:
        raise Regelfout("criteria.leeftijd_max", fout)
    startkwalificatie = waarde.get("startkwalificatie")
    if startkwalificatie is not None:
        startkwalificatie = code_opzoeken(Startkwalificatie, startkwalificatie)
        if startkwalificatie is None:
            raise Regelfout("criteria.startkwalificatie", "moet ja, nee of null zijn")
    criteria["startkwalificatie"] = startkwalificatie
    return criteria


def criteria_als_velden(criteria: dict) -> dict:
    """The model's columns for a ``criteria`` object (no condition: an empty choice)."""
    return {
        "leeftijd_min": criteria["leeftijd_min"],
        "leeftijd_max": criteria["leeftijd_max"],
        "startkwalificatie": criteria["startkwalificatie"] or "",
    }


def regel_lezen(tekst: str, nummer: int, *, regio_index: dict, sector_index: dict) -> Regel:
    """Check one line; raises Regelfout with the first problem found."""
    try:
        data = json.loads(tekst)
    except json.JSONDecodeError as fout:
        raise Regelfout("json", f"geen geldige JSON ({fout.msg}, teken {fout.pos + 1})") from None
    if not isinstance(data, dict):
        raise Regelfout("json", "elke regel moet één JSON-object zijn")

    type_ = _keuze(data, "type", Itemtype)
    geldig = {*ALGEMENE_VELDEN, *VELDEN_PER_TYPE[type_]}
    for sleutel in sorted(set(data) - geldig):
        if sleutel not in ALLE_VELDEN:
            raise Regelfout(sleutel, f"onbekend veld voor een {type_}")
        if data[sleutel] not in LEGE_WAARDEN:
            raise Regelfout(sleutel, f"geldt niet voor een {type_}; laat het weg of leeg")
    data = {sleutel: waarde for sleutel, waarde in data.items() if sleutel in geldig}

    titel = _tekst(data, "titel", verplicht=True, max_lengte=200)
    slug = _tekst(data, "slug", max_lengte=200) or slugify(titel)[:200].strip("-")
    try:
        slug_valideren(slug)
    except ValidationError:
        raise Regelfout("slug", FOUT_SLUG) from None

    sectoren = []
    for waarde in _lijst(data, "sectoren"):
        try:
            sector = sector_opzoeken(str(waarde), index=sector_index)
        except OnbekendeWaarde as fout:
            raise Regelfout("sectoren", str(fout)) from None
        if sector not in sectoren:
            sectoren.append(sector)
    sectoren.sort(key=lambda s: s.naam)

    regio = data.get("regio")
    if regio is not None:
        try:
            regio = regio_opzoeken(str(regio), index=regio_index).slug
        except OnbekendeWaarde as fout:
            raise Regelfout("regio", str(fout)) from None

    publiek = data.get("publiek", True)
    if not isinstance(publiek, bool):
        raise Regelfout("publiek", "moet true of false zijn")

    canoniek = {
        "type": type_,
        "slug": slug,
        "titel": titel,
        "samenvatting": _tekst(data, "samenvatting", verplicht=True, max_lengte=400),
        "inhoud": _tekst(data, "inhoud"),
        "sectoren": [s.slug for s in sectoren],
        "doelgroepen": _codes(data, "doelgroepen", Doelgroep),
        "bewijsstukken": _codes(data, "bewijsstukken", Bewijsstuk),
        "regio": regio,
        "publiek": publiek,
        "status": _keuze(data, "status", Publicatiestatus, standaard=Publicatiestatus.CONCEPT),
        "links": [_url_waarde(w, "links") for w in _lijst(data, "links")],
    }

    if type_ == Itemtype.INSTRUMENT:
        geldig_van, geldig_tot = _datum(data, "geldig_van"), _datum(data, "geldig_tot")
        fout = geldigheid_fout(geldig_van, geldig_tot)
        if fout:
            raise Regelfout("geldig_tot", fout)
        stappen = []
        for stap in _lijst(data, "stappen"):
            if not isinstance(stap, dict) or set(stap) - {"titel", "toelichting"}:
                raise Regelfout("stappen", 'elke stap is {"titel": ..., "toelichting": ...}')
            stappen.append(
                {
                    "titel": _tekst(stap, "titel", verplicht=True, max_lengte=200),
                    "toelichting": _tekst(stap, "toelichting"),
                }
            )
        canoniek |= {
            "soort": _keuze(data, "soort", Instrumentsoort, standaard=Instrumentsoort.OVERIG),
            "geldig_van": geldig_van,
            "geldig_tot": geldig_tot,
            "uitvoerder": _tekst(data, "uitvoerder", max_lengte=300),
            "kosten": _tekst(data, "kosten"),
            "voorwaarden": _tekst(data, "voorwaarden"),
            "criteria": _criteria(data),
            "stappen": stappen,
        }
    elif type_ == Itemtype.PRAKTIJKVOORBEELD:
        jaar = data.get("jaar")
        laatste = laatste_jaar()
        if (
            not isinstance(jaar, int)
            or isinstance(jaar, bool)
            or not EERSTE_JAAR <= jaar <= laatste
        ):
            raise Regelfout("jaar", f"moet een jaartal zijn van {EERSTE_JAAR} tot en met {laatste}")
        instrumenten = []
        for waarde in _lijst(data, "instrumenten"):
            if not isinstance(waarde, str) or waarde.strip() != slugify(waarde.strip()):
                raise Regelfout("instrumenten", f"ongeldige slug '{str(waarde)[:40]}'")
            if waarde.strip() not in instrumenten:
                instrumenten.append(waarde.strip())
        canoniek |= {
            "jaar": jaar,
            "resultaat": _tekst(data, "resultaat"),
            "instrumenten": sorted(instrumenten),
            "citaat": _tekst(data, "citaat"),
        }
    else:
        url = data.get("url") or ""
        canoniek |= {
            "soort": _keuze(data, "soort", Materiaalsoort),
            "publiek_voor": _codes(data, "publiek_voor", Publiek),
            "url": _url_waarde(url, "url") if url else "",
        }
    return Regel(nummer=nummer, canoniek=canoniek, sectoren=sectoren)


def item_naar_regel(item: Kennisitem) -> dict:
    """An item in the exchange format. Expects sectoren, regio and (per type) stappen
    and instrumenten to be prefetched (see ``selectors.export_items``)."""
    regel = {
        "type": item.type,
        "slug": item.slug,
        "titel": item.titel,
        "samenvatting": item.samenvatting,
        "inhoud": item.inhoud,
        "sectoren": [s.slug for s in sorted(item.sectoren.all(), key=lambda s: s.naam)],
        "doelgroepen": list(item.doelgroepen),
        "bewijsstukken": list(item.bewijsstukken),
        "regio": item.regio.slug if item.regio_id else None,
        "publiek": item.publiek,
        "status": item.status,
        "links": list(item.links),
    }
    if isinstance(item, Instrument):
        regel |= {
            "soort": item.soort,
            "geldig_van": item.geldig_van.isoformat() if item.geldig_van else None,
            "geldig_tot": item.geldig_tot.isoformat() if item.geldig_tot else None,
            "uitvoerder": item.uitvoerder,
            "kosten": item.kosten,
            "voorwaarden": item.voorwaarden,
            "criteria": item.criteria,
            "stappen": [
                {"titel": s.titel, "toelichting": s.toelichting} for s in item.stappen.all()
            ],
        }
    elif isinstance(item, Praktijkvoorbeeld):
        regel |= {
            "jaar": item.jaar,
            "resultaat": item.resultaat,
            "instrumenten": sorted(i.slug for i in item.instrumenten.all()),
            "citaat": item.citaat,
        }
    elif isinstance(item, Materiaal):
        regel |= {"soort": item.soort, "publiek_voor": list(item.publiek_voor), "url": item.url}
    return regel
