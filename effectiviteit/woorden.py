"""The vocabularies of CONTRACT section 2 as the trajectory code uses them (code -> label);
the one source is ``portal.vocabulaires``."""

from portal.vocabulaires import (
    AanleverendePartij,
    BehaaldBewijsstuk,
    Bewijsstuk,
    Doelgroep,
    Trajectstatus,
    Uitvalreden,
    Vervolg,
)

DOELGROEPEN = dict(Doelgroep.choices)
BEWIJSSTUKKEN = dict(Bewijsstuk.choices)
BEHAALD = dict(BehaaldBewijsstuk.choices)
PARTIJEN = dict(AanleverendePartij.choices)
STATUSSEN = dict(Trajectstatus.choices)
UITVALREDENEN = dict(Uitvalreden.choices)
VERVOLGEN = dict(Vervolg.choices)

# Age is never stored, only the band it falls in (lower bound, upper bound inclusive).
LEEFTIJDSBANDEN = [(15, 17), (18, 22), (23, 26), (27, 34), (35, 44), (45, 54), (55, 67)]


def leeftijdsband(leeftijd: int) -> str:
    for laag, hoog in LEEFTIJDSBANDEN:
        if laag <= leeftijd <= hoog:
            return f"{laag}-{hoog}"
    raise ValueError(leeftijd)


def keuzes(woorden: dict[str, str]) -> list[tuple[str, str]]:
    return list(woorden.items())
