"""The 'who connects to whom' picture of a region, laid out on the server as SVG data.

Four columns: the partners of the region (grouped by soort), the hub (the leerwerkloket,
where the region's ambassadeur works), the mbo-instellingen, and the sectors they are
recognised in. Lines run partner → hub → school → sector. Only organisations appear, so
the picture is the same for every visitor.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netwerk.models import SOORT_VOLGORDE, Organisatie, Organisatiesoort

RIJ = 26
KOP = 40
BREEDTE = 1000
KOLOMMEN = {"partner": (10, 270), "hub": (360, 200), "mbo": (600, 200), "sector": (850, 145)}
MAX_TEKENS = {"partner": 38, "hub": 28, "mbo": 28, "sector": 19}

# Distinguishable colours with at least 3:1 contrast against white (WCAG 1.4.11).
KLEUREN = {
    Organisatiesoort.LEERWERKLOKET: "#154273",
    Organisatiesoort.UWV: "#1f5fa8",
    Organisatiesoort.GEMEENTE: "#8a3a00",
    Organisatiesoort.WERKGEVERSSERVICEPUNT: "#6b2c91",
    Organisatiesoort.MBO_INSTELLING: "#0b6e4f",
    Organisatiesoort.SW_BEDRIJF: "#7a5c00",
    Organisatiesoort.OPLEIDER: "#5e5e5e",
    Organisatiesoort.WERKGEVER: "#a4123f",
    Organisatiesoort.WERKGEVERSORGANISATIE: "#8b3a62",
    Organisatiesoort.VAKBOND: "#3d5a00",
    Organisatiesoort.OVERIG: "#444444",
}


@dataclass
class Knoop:
    x: int
    y: int
    breedte: int
    label: str
    titel: str
    kleur: str
    url: str = ""
    kop: bool = False

    @property
    def tekst_x(self) -> int:
        return self.x + 8

    @property
    def tekst_y(self) -> int:
        return self.y + 15

    @property
    def rechts(self) -> int:
        return self.x + self.breedte

    @property
    def midden_y(self) -> int:
        return self.y + 10


@dataclass
class Lijn:
    x1: int
    y1: int
    x2: int
    y2: int
    kleur: str = "#6c757d"


@dataclass
class Diagram:
    breedte: int
    hoogte: int
    knopen: list[Knoop] = field(default_factory=list)
    lijnen: list[Lijn] = field(default_factory=list)
    hub_naam: str = ""
    partners: list[tuple[str, list[str]]] = field(default_factory=list)
    scholen: list[tuple[str, list[str]]] = field(default_factory=list)


def _kort(tekst: str, kolom: str) -> str:
    grens = MAX_TEKENS[kolom]
    return tekst if len(tekst) <= grens else tekst[: grens - 1].rstrip() + "…"


def diagram_maken(*, regio, organisaties: list[Organisatie]) -> Diagram | None:
    """Lay out the picture for these organisations (erkenningen prefetched)."""
    if not organisaties:
        return None
    loketten = [o for o in organisaties if o.soort == Organisatiesoort.LEERWERKLOKET]
    hub = loketten[0] if loketten else None
    hub_naam = hub.naam if hub else f"Regio {regio.naam}"
    scholen = [o for o in organisaties if o.soort == Organisatiesoort.MBO_INSTELLING]
    partners = [o for o in organisaties if o is not hub and o not in scholen]

    groepen: list[tuple[str, list[Organisatie]]] = []
    for soort in SOORT_VOLGORDE:
        leden = [o for o in partners if o.soort == soort]
        if leden:
            groepen.append((soort, leden))
    sectoren = sorted(
        {e.sector for s in scholen for e in s.erkenningen.all()}, key=lambda s: s.naam
    )

    rijen_links = sum(len(leden) + 1 for _, leden in groepen)
    rijen = max(rijen_links, len(scholen), len(sectoren), 1)
    diagram = Diagram(breedte=BREEDTE, hoogte=KOP + rijen * RIJ + 10, hub_naam=hub_naam)

    x, breedte = KOLOMMEN["hub"]
    hub_y = KOP + (rijen * RIJ) // 2 - 10
    hub_knoop = Knoop(
        x,
        hub_y,
        breedte,
        _kort(hub_naam, "hub"),
        hub_naam,
        KLEUREN[Organisatiesoort.LEERWERKLOKET],
        hub.get_absolute_url() if hub else "",
    )
    diagram.knopen.append(hub_knoop)

    x, breedte = KOLOMMEN["partner"]
    y = KOP
    for soort, leden in groepen:
        label = Organisatiesoort(soort).label
        diagram.knopen.append(Knoop(x, y, breedte, _kort(label, "partner"), label, "", kop=True))
        y += RIJ
        for organisatie in leden:
            kleur = KLEUREN[soort]
            diagram.knopen.append(
                Knoop(
                    x,
                    y,
                    breedte,
                    _kort(organisatie.naam, "partner"),
                    organisatie.naam,
                    kleur,
                    organisatie.get_absolute_url(),
                )
            )
            diagram.lijnen.append(Lijn(x + breedte, y + 10, hub_knoop.x, hub_knoop.midden_y))
            y += RIJ
        diagram.partners.append((label, [o.naam for o in leden]))

    sector_y: dict[int, int] = {}
    x, breedte = KOLOMMEN["sector"]
    for index, sector in enumerate(sectoren):
        y = KOP + index * RIJ
        sector_y[sector.pk] = y + 10
        diagram.knopen.append(
            Knoop(x, y, breedte, _kort(sector.naam, "sector"), sector.naam, "#333333")
        )

    x, breedte = KOLOMMEN["mbo"]
    kleur = KLEUREN[Organisatiesoort.MBO_INSTELLING]
    for index, school in enumerate(scholen):
        y = KOP + index * RIJ
        diagram.knopen.append(
            Knoop(
                x,
                y,
                breedte,
                _kort(school.naam, "mbo"),
                school.naam,
                kleur,
                school.get_absolute_url(),
            )
        )
        diagram.lijnen.append(Lijn(hub_knoop.rechts, hub_knoop.midden_y, x, y + 10))
        eigen = sorted({e.sector for e in school.erkenningen.all()}, key=lambda s: s.naam)
        for sector in eigen:
            diagram.lijnen.append(
                Lijn(x + breedte, y + 10, KOLOMMEN["sector"][0], sector_y[sector.pk], kleur)
            )
        diagram.scholen.append((school.naam, [s.naam for s in eigen]))
    return diagram
