"""Plausible synthetic trajectories for demos and benchmarks (never real people).

The shares are invented but shaped like the field reports: most trajectories come
through gemeente and UWV, zorg and techniek are the largest sectors, roughly one in
four drops out, and about half of those who finish go on to a lasting job.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from effectiviteit.inlezen import pseudoniem
from portal import vocabulaires
from portal.models import Regio, Sector

_SECTOR_GEWICHT = {
    "zorg-welzijn-en-sport": 26,
    "techniek-en-gebouwde-omgeving": 22,
    "mobiliteit-transport-logistiek-en-maritiem": 13,
    "handel": 11,
    "voedsel-groen-en-gastvrijheid": 11,
    "zakelijke-dienstverlening-en-veiligheid": 8,
    "ict-en-creatieve-industrie": 5,
    "specialistisch-vakmanschap": 4,
}
_DOELGROEP = {
    "bijstand": 34,
    "ww": 24,
    "nug": 10,
    "werkend": 12,
    "statushouder": 10,
    "wajong": 6,
    "overig": 4,
}
_PARTIJ = {
    "gemeente": 34,
    "uwv": 26,
    "werkgever": 14,
    "leerwerkloket": 10,
    "mbo-instelling": 8,
    "sw-bedrijf": 5,
    "overig": 3,
}
_BEOOGD = {"praktijkverklaring": 50, "mbo-certificaat": 30, "mbo-diploma": 20}
_DUUR = {"praktijkverklaring": (90, 300), "mbo-certificaat": (150, 400), "mbo-diploma": (300, 730)}
_UITVAL_KANS = {
    "bijstand": 0.30,
    "ww": 0.22,
    "nug": 0.25,
    "werkend": 0.12,
    "statushouder": 0.28,
    "wajong": 0.30,
    "overig": 0.25,
}
_UITVALREDEN = {
    "werk-gevonden": 24,
    "motivatie": 18,
    "gezondheid": 16,
    "persoonlijke-omstandigheden": 16,
    "werkgever-gestopt": 10,
    "niveau-te-hoog": 9,
    "overig": 7,
}
_VERVOLG_AFGEROND = {
    "duurzame-baan": 46,
    "tijdelijke-baan": 24,
    "onderwijs": 12,
    "geen-werk": 10,
    "onbekend": 8,
}
_VERVOLG_UITVAL = {
    "geen-werk": 40,
    "onbekend": 30,
    "tijdelijke-baan": 15,
    "duurzame-baan": 8,
    "onderwijs": 7,
}
_LEEFTIJDEN = [(17, 1), (20, 4), (24, 5), (30, 6), (40, 5), (50, 4), (60, 2)]


def _kiezer(rng: random.Random, gewichten: dict):
    sleutels, waarden = list(gewichten), list(gewichten.values())

    def kies(k: int = 1):
        return rng.choices(sleutels, waarden, k=k)

    return kies


def trajecten(*, aantal: int, seed: int, vandaag: dt.date | None = None) -> Iterator[tuple]:
    """Yield rows in the field order of ``services._VELDEN``; deterministic per seed.

    Reads the regions and sectors before the first row, so the rows can be streamed
    into a COPY on the same connection.
    """
    regios = list(Regio.objects.order_by("slug").values_list("id", flat=True))
    sectoren = dict(Sector.objects.values_list("slug", "id"))
    return _trajecten(aantal, seed, vandaag or dt.date.today(), regios, sectoren)


def _trajecten(aantal, seed, vandaag, regios, sectoren) -> Iterator[tuple]:
    rng = random.Random(seed)
    regio_gewicht = {r: rng.lognormvariate(0, 0.6) for r in regios}
    kies_regio = _kiezer(rng, regio_gewicht)
    kies_sector = _kiezer(rng, {sectoren[s]: g for s, g in _SECTOR_GEWICHT.items()})
    kies_doelgroep = _kiezer(rng, _DOELGROEP)
    kies_partij = _kiezer(rng, _PARTIJ)
    kies_beoogd = _kiezer(rng, _BEOOGD)
    kies_reden = _kiezer(rng, _UITVALREDEN)
    kies_vervolg_af = _kiezer(rng, _VERVOLG_AFGEROND)
    kies_vervolg_uit = _kiezer(rng, _VERVOLG_UITVAL)
    kies_leeftijd = _kiezer(rng, dict(_LEEFTIJDEN))
    eerste_dag = vandaag - dt.timedelta(days=5 * 365)
    periode = (vandaag - eerste_dag).days
    lager = {
        "mbo-diploma": "mbo-certificaat",
        "mbo-certificaat": "praktijkverklaring",
        "praktijkverklaring": "geen",
    }
    for i in range(aantal):
        # More starts in recent years: praktijkleren is growing.
        start = eerste_dag + dt.timedelta(days=int(periode * rng.random() ** 0.8))
        doelgroep = kies_doelgroep()[0]
        beoogd = kies_beoogd()[0]
        laag, hoog = _DUUR[beoogd]
        duur = rng.randint(laag, hoog)
        uitval = rng.random() < _UITVAL_KANS[doelgroep]
        if uitval:
            duur = rng.randint(10, max(11, duur * 2 // 3))
        eind = start + dt.timedelta(days=duur)
        behaald = reden = vervolg = ""
        if eind > vandaag:
            status, eind = "lopend", None
        elif uitval:
            status = "uitgevallen"
            reden = kies_reden()[0]
            vervolg = (
                rng.choice(["duurzame-baan", "tijdelijke-baan"])
                if reden == "werk-gevonden"
                else kies_vervolg_uit()[0]
            )
        else:
            status = "afgerond"
            kans = rng.random()
            behaald = beoogd if kans < 0.82 else lager[beoogd] if kans < 0.92 else "geen"
            vervolg = kies_vervolg_af()[0]
        leeftijd = kies_leeftijd()[0] + rng.randint(-2, 3)
        yield (
            kies_regio()[0],
            pseudoniem(f"synthetisch-{seed}-{i}"),
            kies_partij()[0],
            doelgroep,
            vocabulaires.leeftijdsband(min(67, max(15, leeftijd))),
            rng.random() < 0.4,
            kies_sector()[0],
            "",
            beoogd,
            start,
            eind,
            status,
            behaald,
            reden,
            vervolg,
        )
