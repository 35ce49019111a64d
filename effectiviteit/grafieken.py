"""Geometry of the dashboard's charts, drawn as inline SVG by the templates.

A value shown as "<5" or a null percentage gets no bar, only its label,
so a chart never shows more than its table does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from portal import vocabulaires

BREEDTE = 640
LABEL = 210
RIJ = 28
# No value (a null percentage or median). Pages add a spoken text to it; see templatetags.
GEEN = "–"


@dataclass
class Staaf:
    label: str
    tekst: str
    x: float = 0
    y: float = 0
    breedte: float = 0
    hoogte: float = 0
    tekst_x: float = 0
    tekst_y: float = 0
    reeks: int = 0


@dataclass
class Grafiek:
    sleutel: str
    titel: str
    samenvatting: str
    kolommen: list[str]
    rijen: list[list]
    staven: list[Staaf] = field(default_factory=list)
    breedte: int = BREEDTE
    hoogte: int = 0
    soort: str = "liggend"
    reeksen: list[str] = field(default_factory=list)


def _getal(waarde) -> float | None:
    return None if waarde is None or isinstance(waarde, str) else float(waarde)


def tekst(waarde, eenheid: str = "") -> str:
    """A figure as plain text: the count, "<5", a Dutch decimal, or GEEN for no value."""
    if waarde is None or waarde == "":  # "": a part of a breakdown that is not given
        return GEEN
    if isinstance(waarde, str):
        return waarde
    if isinstance(waarde, float):
        return f"{waarde:.1f}".replace(".", ",") + eenheid
    return f"{waarde}{eenheid}"


def liggend(
    sleutel: str,
    titel: str,
    samenvatting: str,
    rijen: list[tuple[str, list]],
    reeksen: list[str],
    eenheid: str = "",
    maximum: float | None = None,
) -> Grafiek:
    """Horizontal bars: one group per row, one bar per series."""
    getallen = [_getal(w) for _, ws in rijen for w in ws]
    top = maximum or max([g for g in getallen if g is not None] or [1]) or 1
    grafiek = Grafiek(
        sleutel=sleutel,
        titel=titel,
        samenvatting=samenvatting,
        kolommen=["", *reeksen],
        rijen=[[label, *(tekst(w, eenheid) for w in ws)] for label, ws in rijen],
        reeksen=reeksen,
    )
    ruimte = BREEDTE - LABEL - 70
    y = 4
    for label, waarden in rijen:
        for i, waarde in enumerate(waarden):
            getal = _getal(waarde)
            breedte = 0 if getal is None else max(1.0, ruimte * getal / top) if getal else 0
            grafiek.staven.append(
                Staaf(
                    label=label if i == 0 else "",
                    tekst=tekst(waarde, eenheid),
                    x=LABEL,
                    y=y,
                    breedte=round(breedte, 1),
                    hoogte=RIJ - 8,
                    tekst_x=LABEL + breedte + 6,
                    tekst_y=y + RIJ / 2,
                    reeks=i,
                )
            )
            y += RIJ - 4
        y += 8
    grafiek.hoogte = int(y + 4)
    return grafiek


def staand(sleutel: str, titel: str, samenvatting: str, waarden: dict[str, object]) -> Grafiek:
    """Vertical bars, for counts over time."""
    getallen = [_getal(w) for w in waarden.values()]
    top = max([g for g in getallen if g is not None] or [1]) or 1
    hoogte = 220
    n = max(1, len(waarden))
    stap = (BREEDTE - 20) / n
    grafiek = Grafiek(
        sleutel=sleutel,
        titel=titel,
        samenvatting=samenvatting,
        kolommen=["Kwartaal", "Instroom"],
        rijen=[[k, tekst(w)] for k, w in waarden.items()],
        soort="staand",
        hoogte=hoogte + 40,
    )
    for i, (label, waarde) in enumerate(waarden.items()):
        getal = _getal(waarde) or 0
        h = (hoogte - 30) * getal / top
        x = 10 + i * stap
        grafiek.staven.append(
            Staaf(
                label=label,
                tekst=tekst(waarde),
                x=round(x + stap * 0.15, 1),
                y=round(hoogte - h, 1),
                breedte=round(stap * 0.7, 1),
                hoogte=round(h, 1),
                tekst_x=round(x + stap / 2, 1),
                tekst_y=round(hoogte - h - 6, 1),
            )
        )
    return grafiek


def stroom(kern: dict) -> Grafiek:
    """Instroom, then how trajectories stand, then what ended ones went on to."""
    status = kern["status"] or {}
    vervolg = kern["vervolg"] or {}
    rijen = [("Instroom", [kern["n_trajecten"]])]
    rijen += [(f"→ {vocabulaires.STATUSSEN[s].lower()}", [w]) for s, w in status.items()]
    rijen += [(f"→→ vervolg: {vocabulaires.VERVOLGEN[v].lower()}", [w]) for v, w in vervolg.items()]
    return liggend(
        "stroom",
        "Van instroom naar afronding en vervolg",
        _stroomzin(kern),
        rijen,
        ["Aantal"],
    )


def _stroomzin(kern: dict) -> str:
    n = kern["n_trajecten"]
    if not n:
        return "In deze periode zijn geen trajecten gestart."
    delen = [f"Van de {tekst(n)} gestarte trajecten"]
    if kern["afgerond_pct"] is not None:
        delen.append(
            f"is van de beëindigde {tekst(kern['afgerond_pct'], '%')} afgerond en "
            f"{tekst(kern['uitval_pct'], '%')} uitgevallen"
        )
    else:
        delen.append("zijn te weinig trajecten beëindigd voor een betrouwbaar percentage")
    zin = " ".join(delen)
    if kern["duurzame_baan_pct"] is not None:
        zin += f"; {tekst(kern['duurzame_baan_pct'], '%')} ging door naar een duurzame baan"
    return zin + "."


def _maximum_zin(rijen: list[tuple[str, list]], wat: str, eenheid: str = "") -> str:
    getoond = [(label, ws[0]) for label, ws in rijen if _getal(ws[0]) is not None]
    if not getoond:
        return f"Er zijn te weinig trajecten om {wat} te tonen."
    label, waarde = max(getoond, key=lambda lw: lw[1])
    return f"Het hoogst is {label.lower()} met {tekst(waarde, eenheid)} ({wat})."


def dashboard_grafieken(dash, regionaam: str) -> list[Grafiek]:
    """Every chart of the dashboard, in page order, from the suppressed figures."""
    kern, land = dash.kern, dash.landelijk
    kw = kern["instroom_per_kwartaal"]
    getoond = [w for w in kw.values() if isinstance(w, int)]
    instroom = staand(
        "instroom",
        "Instroom per kwartaal",
        f"Per kwartaal startten tussen de {min(getoond) if getoond else 0} en "
        f"{max(getoond) if getoond else 0} trajecten (kleine aantallen afgeschermd).",
        kw,
    )
    sector_rijen = [(r.naam, [r.afgerond_pct]) for r in dash.per_sector]
    doelgroep_rijen = [(r.naam, [r.afgerond_pct]) for r in dash.per_doelgroep]
    vergelijking = [
        ("Afgerond", [kern["afgerond_pct"], land["afgerond_pct"]]),
        ("Uitgevallen", [kern["uitval_pct"], land["uitval_pct"]]),
        ("Met bewijsstuk", [kern["bewijsstuk_pct"], land["bewijsstuk_pct"]]),
        ("Duurzame baan", [kern["duurzame_baan_pct"], land["duurzame_baan_pct"]]),
        ("Onderwijs", [kern["onderwijs_pct"], land["onderwijs_pct"]]),
    ]
    redenen = [
        (vocabulaires.UITVALREDENEN[c], [w]) for c, w in (kern["uitvalredenen"] or {}).items()
    ]
    return [
        instroom,
        stroom(kern),
        liggend(
            "sector",
            "Afgerond per sector",
            _maximum_zin(sector_rijen, "percentage afgerond van de beëindigde trajecten", "%"),
            sector_rijen,
            ["% afgerond"],
            "%",
            100,
        ),
        liggend(
            "doelgroep",
            "Afgerond per doelgroep",
            _maximum_zin(doelgroep_rijen, "percentage afgerond van de beëindigde trajecten", "%"),
            doelgroep_rijen,
            ["% afgerond"],
            "%",
            100,
        ),
        liggend(
            "vergelijking",
            f"{regionaam} naast heel Nederland",
            "Percentages van de beëindigde trajecten in de gekozen regio en in het hele land, "
            "met dezelfde filters.",
            vergelijking,
            [regionaam, "Nederland"],
            "%",
            100,
        ),
        liggend(
            "uitval",
            "Redenen van uitval",
            _maximum_zin(redenen, "aantal uitgevallen trajecten"),
            redenen,
            ["Aantal"],
        ),
    ]
