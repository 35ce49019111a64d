"""The wegwijzer's rules (README: Wegwijzer), one small function each.

Every rule reads the conditions stored on an instrument (validity, region, doelgroepen,
sectoren, criteria) and the answers about the candidate's situation; none touches the
database, so the page, the API and the admin report all weigh an instrument the same way.
A rule that excludes returns its reason in Dutch; an answer left open never excludes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from kennisbank.public import LEEFTIJD_MAX, LEEFTIJD_MIN, Instrumentsoort
from portal.vocabulaires import Bewijsstuk, Doelgroep

JA, NEE, ONBEKEND = "ja", "nee", "onbekend"

# A peildatum must lie in this range: wide enough for any scheme's history and future,
# narrow enough that a typing error (year 20266) gets a clear message.
EERSTE_PEILDATUM = datetime.date(2000, 1, 1)
LAATSTE_PEILDATUM = datetime.date(2099, 12, 31)

INSTRUMENTEN, UITGESLOTEN = "instrumenten", "uitgesloten"


@dataclass(frozen=True)
class Antwoorden:
    """The candidate's situation as the consultant describes it: never the person."""

    regio: object  # portal.Regio
    doelgroep: str
    peildatum: datetime.date
    startkwalificatie: str = ONBEKEND
    sector: object | None = None  # portal.Sector
    leeftijd: int | None = None


@dataclass(frozen=True)
class Beoordeling:
    """Where an instrument lands: ``INSTRUMENTEN`` (with ``waarom``), ``UITGESLOTEN``
    (with ``reden``) or ``None`` (in neither list)."""

    lijst: str | None
    waarom: str = ""
    reden: str = ""
    nog_na_te_gaan: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Route:
    bewijsstuk: str
    uitleg: str


def _sector_slugs(instrument) -> list[str]:
    return [s.slug for s in instrument.sectoren.all()]


def _sector_namen(instrument) -> str:
    return ", ".join(s.naam.lower() for s in instrument.sectoren.all())


# Looked up for every instrument the wegwijzer weighs: Doelgroep.values and .label build
# their lists anew on each use.
_DOELGROEP_LABELS = dict(Doelgroep.choices)


def _doelgroep_label(code: str) -> str:
    return _DOELGROEP_LABELS.get(code, code)


def _leeftijdsgrens(instrument) -> str:
    laag, hoog = instrument.leeftijd_min, instrument.leeftijd_max
    if laag is not None and hoog is not None:
        return f"van {laag} tot en met {hoog} jaar"
    if laag is not None:
        return f"vanaf {laag} jaar"
    return f"tot en met {hoog} jaar"


def geldig_op(instrument, peildatum: datetime.date) -> bool:
    """Valid on the peildatum: ``geldig_van`` empty or on/before it, and ``geldig_tot``
    empty or on/after it. An ended or future scheme is in neither list."""
    if instrument.geldig_van is not None and instrument.geldig_van > peildatum:
        return False
    return instrument.geldig_tot is None or instrument.geldig_tot >= peildatum


def in_regio(instrument, regio) -> bool:
    """National (no region) or of the candidate's own region; another region's instrument
    is in neither list."""
    return instrument.regio_id is None or instrument.regio_id == regio.pk


def doelgroep_reden(instrument, doelgroep: str) -> str | None:
    """Excludes when the instrument names doelgroepen and the candidate's is not among
    them; no doelgroepen means everyone."""
    if not instrument.doelgroepen or doelgroep in instrument.doelgroepen:
        return None
    namen = ", ".join(_doelgroep_label(c).lower() for c in instrument.doelgroepen)
    return f"Alleen voor {namen}; niet voor {_doelgroep_label(doelgroep).lower()}."


def sector_reden(instrument, sector) -> str | None:
    """Excludes when a sector is given and the instrument is limited to other sectors;
    no sectoren means every sector, and no sector given leaves it open."""
    slugs = _sector_slugs(instrument)
    if sector is None or not slugs or sector.slug in slugs:
        return None
    return f"Alleen in de sector {_sector_namen(instrument)}; niet in {sector.naam.lower()}."


def leeftijd_reden(instrument, leeftijd: int | None) -> str | None:
    """Excludes when an age is given outside the instrument's range (bounds inclusive);
    no age given leaves it open."""
    if leeftijd is None:
        return None
    if instrument.leeftijd_min is not None and leeftijd < instrument.leeftijd_min:
        return f"Alleen {_leeftijdsgrens(instrument)}; de kandidaat is {leeftijd}."
    if instrument.leeftijd_max is not None and leeftijd > instrument.leeftijd_max:
        return f"Alleen {_leeftijdsgrens(instrument)}; de kandidaat is {leeftijd}."
    return None


def startkwalificatie_reden(instrument, startkwalificatie: str) -> str | None:
    """Excludes when the instrument requires a startkwalificatie (``ja``) the candidate
    lacks, or is only for those without one (``nee``) and the candidate has one;
    ``onbekend`` leaves it open."""
    eis = instrument.startkwalificatie
    if not eis or startkwalificatie == ONBEKEND or eis == startkwalificatie:
        return None
    if eis == JA:
        return "Alleen voor wie al een startkwalificatie heeft."
    return "Alleen voor wie nog geen startkwalificatie heeft."


def open_punten(instrument, antwoorden: Antwoorden) -> list[str]:
    """What still needs checking because an answer was left open: the age when the
    instrument has an age range and no age was given, the startkwalificatie when it has
    a condition on it and the answer is ``onbekend``, the sector when it is limited to
    sectors and none was given. Open answers never exclude."""
    punten = []
    if antwoorden.leeftijd is None and (
        instrument.leeftijd_min is not None or instrument.leeftijd_max is not None
    ):
        punten.append(f"de leeftijd (alleen {_leeftijdsgrens(instrument)})")
    if antwoorden.startkwalificatie == ONBEKEND and instrument.startkwalificatie:
        if instrument.startkwalificatie == JA:
            punten.append("of de kandidaat een startkwalificatie heeft (die is vereist)")
        else:
            punten.append("of de kandidaat een startkwalificatie heeft (alleen zonder)")
    if antwoorden.sector is None and _sector_slugs(instrument):
        punten.append(f"de sector (alleen {_sector_namen(instrument)})")
    return punten


def waarom(instrument, antwoorden: Antwoorden, punten: list[str]) -> str:
    """Why an instrument fits, in one or two plain sentences, ending with what still
    needs checking and a pointer to the free-text voorwaarden when there are any."""
    waar = "landelijk" if instrument.regio_id is None else f"in {antwoorden.regio.naam}"
    voor_wie = (
        f"voor {_doelgroep_label(antwoorden.doelgroep).lower()}"
        if instrument.doelgroepen
        else "voor iedereen"
    )
    delen = [f"Geldt {waar} en {voor_wie}"]
    if antwoorden.sector is not None and _sector_slugs(instrument):
        delen.append(f"in de sector {antwoorden.sector.naam.lower()}")
    if antwoorden.leeftijd is not None and (
        instrument.leeftijd_min is not None or instrument.leeftijd_max is not None
    ):
        delen.append(f"op {antwoorden.leeftijd}-jarige leeftijd")
    zin = " ".join(delen) + "."
    if instrument.geldig_tot is not None:
        zin += f" Loopt tot en met {instrument.geldig_tot:%d-%m-%Y}."
    if punten:
        zin += " Nog na te gaan: " + "; ".join(punten) + "."
    if instrument.voorwaarden.strip():
        zin += " Lees ook de voorwaarden."
    return zin


def beoordelen(instrument, antwoorden: Antwoorden) -> Beoordeling:
    """The one-list rule: an instrument of another region or not valid on the peildatum
    is in neither list; one that a given answer rules out is in ``uitgesloten`` with every
    reason; any other is in ``instrumenten`` with why it fits and what to check."""
    if not in_regio(instrument, antwoorden.regio):
        return Beoordeling(None)
    if not geldig_op(instrument, antwoorden.peildatum):
        return Beoordeling(None)
    redenen = [
        reden
        for reden in (
            doelgroep_reden(instrument, antwoorden.doelgroep),
            sector_reden(instrument, antwoorden.sector),
            leeftijd_reden(instrument, antwoorden.leeftijd),
            startkwalificatie_reden(instrument, antwoorden.startkwalificatie),
        )
        if reden
    ]
    if redenen:
        return Beoordeling(UITGESLOTEN, reden=" ".join(redenen))
    punten = open_punten(instrument, antwoorden)
    return Beoordeling(
        INSTRUMENTEN, waarom=waarom(instrument, antwoorden, punten), nog_na_te_gaan=punten
    )


def route_kiezen(startkwalificatie: str) -> Route:
    """The bewijsstuk to aim for first: without a startkwalificatie (or when that is not
    known) the praktijkverklaring, a first step that can grow into a certificate or a
    diploma; with one, the mbo-certificaat."""
    if startkwalificatie == JA:
        return Route(
            Bewijsstuk.MBO_CERTIFICAAT,
            "De kandidaat heeft al een startkwalificatie. Een mbo-certificaat is dan een "
            "haalbare volgende stap: een erkend deel van een mbo-opleiding, gehaald in de "
            "praktijk en op te bouwen tot een volledig diploma.",
        )
    uitleg = (
        "Zonder startkwalificatie is de praktijkverklaring de beste eerste stap. De "
        "kandidaat leert op de werkvloer en de mbo-instelling legt vast wat hij of zij "
        "daar aantoonbaar kan. Dat maakt de stap klein en haalbaar, en de verklaring kan "
        "later uitgroeien tot een mbo-certificaat of een diploma."
    )
    if startkwalificatie == ONBEKEND:
        uitleg += (
            " Het is nog niet bekend of de kandidaat een startkwalificatie heeft. Blijkt "
            "dat wel zo te zijn, kijk dan ook naar een mbo-certificaat."
        )
    return Route(Bewijsstuk.PRAKTIJKVERKLARING, uitleg)


def hoort_bij_route(instrument, route: Route) -> bool:
    """A route instrument: of soort bewijsstuk-opleidingsroute and leading to the route's
    bewijsstuk (or not limited to particular bewijsstukken)."""
    return instrument.soort == Instrumentsoort.BEWIJSSTUK and (
        not instrument.bewijsstukken or route.bewijsstuk in instrument.bewijsstukken
    )


def onbereikbaar_redenen(instrument) -> list[str]:
    """Why no combination of answers and no peildatum can make the instrument fit: a
    content error for the ambassadeur. Empty when some situation reaches it."""
    redenen = []
    van, tot = instrument.geldig_van, instrument.geldig_tot
    if van and tot and tot < van:
        redenen.append("de einddatum ligt vóór de begindatum")
    if instrument.geldig_tot and instrument.geldig_tot < EERSTE_PEILDATUM:
        redenen.append(f"de regeling is al vóór {EERSTE_PEILDATUM:%Y} beëindigd")
    if instrument.geldig_van and instrument.geldig_van > LAATSTE_PEILDATUM:
        redenen.append(f"de regeling begint pas na {LAATSTE_PEILDATUM:%Y}")
    laag = max(LEEFTIJD_MIN, instrument.leeftijd_min or LEEFTIJD_MIN)
    hoog = min(
        LEEFTIJD_MAX, LEEFTIJD_MAX if instrument.leeftijd_max is None else instrument.leeftijd_max
    )
    if laag > hoog:
        redenen.append(
            f"geen leeftijd van {LEEFTIJD_MIN} tot en met {LEEFTIJD_MAX} valt binnen de grenzen"
        )
    if instrument.doelgroepen and not set(instrument.doelgroepen) & set(Doelgroep.values):
        redenen.append("geen van de doelgroepen bestaat (nog)")
    if instrument.startkwalificatie and instrument.startkwalificatie not in (JA, NEE):
        redenen.append("de voorwaarde over de startkwalificatie is onbekend")
    return redenen
