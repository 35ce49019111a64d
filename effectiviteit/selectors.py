"""Reads of the effectiviteit app: the protected figures (README: Privacy).

``kerncijfers`` is the one function that turns a cohort into published figures; the
dashboard, the factsheet, the CSV export and the API all show what it returns (the
dashboard's breakdowns are the same function applied to each sector and doelgroep). Counts
and record-key sums come from the summary (``Kwartaaltelling``), at most one row per
quarter; every count is published by the cell-key method (``celsleutel``), and percentages
and the median follow from the published counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import connection

from effectiviteit.celsleutel import gepubliceerd
from effectiviteit.models import (
    ALLE,
    ALLE_ID,
    TELLERS,
    Kwartaaltelling,
    Traject,
    kolomnaam,
    sleutelkolom,
)
from portal import vocabulaires
from portal.models import Regio, Sector

_TABEL = Kwartaaltelling._meta.db_table


def kwartaalbegin(d: dt.date) -> dt.date:
    return dt.date(d.year, (d.month - 1) // 3 * 3 + 1, 1)


def kwartaaleinde(d: dt.date) -> dt.date:
    begin = kwartaalbegin(d)
    volgende = dt.date(begin.year + (begin.month == 10), (begin.month + 2) % 12 + 1, 1)
    return volgende - dt.timedelta(days=1)


def kwartaalnaam(d: dt.date) -> str:
    return f"{d.year}-K{(d.month - 1) // 3 + 1}"


@dataclass(frozen=True)
class Filters:
    """A cohort: start date in [van, tot], widened to whole calendar quarters, and the
    optional other filters. Widening here means no caller can ask for anything else."""

    van: dt.date
    tot: dt.date
    regio: Regio | None = None
    sector: Sector | None = None
    doelgroep: str = ""
    aanleverende_partij: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "van", kwartaalbegin(self.van))
        object.__setattr__(self, "tot", kwartaaleinde(self.tot))

    def landelijk(self) -> Filters:
        return replace(self, regio=None)

    def als_dict(self) -> dict:
        return {
            "regio": self.regio.slug if self.regio else None,
            "van": self.van.isoformat(),
            "tot": self.tot.isoformat(),
            "sector": self.sector.slug if self.sector else None,
            "doelgroep": self.doelgroep or None,
            "aanleverende_partij": self.aanleverende_partij or None,
        }

    def kwartalen(self) -> list[dt.date]:
        result, d = [], self.van
        while d <= self.tot:
            result.append(d)
            d = kwartaaleinde(d) + dt.timedelta(days=1)
        return result


# -- reading the summary ---------------------------------------------------------------------

_KOLOMMEN = [k for t in TELLERS for k in (kolomnaam(t), sleutelkolom(t))]
# Dimension of the summary -> the filter's value, or the value that means "all".
_DIMENSIES = {
    "regio_id": lambda f: f.regio.pk if f.regio else ALLE_ID,
    "sector_id": lambda f: f.sector.pk if f.sector else ALLE_ID,
    "doelgroep": lambda f: f.doelgroep or ALLE,
    "aanleverende_partij": lambda f: f.aanleverende_partij or ALLE,
}
_GROEPEN = {"sector": "sector_id", "doelgroep": "doelgroep"}

# A cell: its true count and the sum of its records' keys.
Cel = tuple[int, int]


def _waar(f: Filters, per: str | None = None, *, cellen: bool = False) -> tuple[str, list]:
    """The summary rows of the cohort: for the whole country its national row of each
    quarter, for a region (or with ``cellen``) the cells of its region(s), every value of
    a dimension the cohort leaves open. ``per`` (a dimension the cohort leaves open)
    spreads a national cohort over that dimension's values instead of the row that holds
    all of them."""
    delen, params = ["kwartaal BETWEEN %s AND %s"], [f.van, f.tot]
    cellen = cellen or f.regio is not None
    for kolom, waarde_van in _DIMENSIES.items():
        waarde = waarde_van(f)
        open_ = waarde in (ALLE_ID, ALLE) and (kolom != "regio_id" or cellen)
        delen.append(f"{kolom} {'<>' if open_ and (cellen or kolom == per) else '='} %s")
        params.append(waarde)
    return " AND ".join(delen), params


def _cellen(rij) -> dict[str, Cel]:
    waarden = [int(w) for w in rij]
    return {t: (waarden[2 * i], waarden[2 * i + 1]) for i, t in enumerate(TELLERS)}


def _leeg() -> dict[str, Cel]:
    return dict.fromkeys(TELLERS, (0, 0))


def _optellen(a: dict[str, Cel], b: dict[str, Cel]) -> dict[str, Cel]:
    return {t: (a[t][0] + b[t][0], a[t][1] + b[t][1]) for t in TELLERS}


def _per_kwartaal(f: Filters) -> dict[dt.date, dict[str, Cel]]:
    waar, params = _waar(f)
    with connection.cursor() as cursor:
        sommen = ", ".join(f"sum({k})" for k in _KOLOMMEN)
        cursor.execute(
            f"SELECT kwartaal, {sommen} FROM {_TABEL} WHERE {waar} GROUP BY kwartaal", params
        )
        return {rij[0]: _cellen(rij[1:]) for rij in cursor.fetchall()}


def _per_groep(f: Filters, groep: str) -> dict[str, dict[str, Cel]]:
    kolom = _GROEPEN[groep]
    waar, params = _waar(f, per=kolom)
    sommen = ", ".join(f"sum({k})" for k in _KOLOMMEN)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {kolom}::text, {sommen} FROM {_TABEL} WHERE {waar} GROUP BY {kolom}", params
        )
        return {rij[0]: _cellen(rij[1:]) for rij in cursor.fetchall()}


def _duur_waar(f: Filters) -> tuple[str, list]:
    """The summary rows whose durations make up the cohort's: the national rows for the
    whole country with at most one other filter (only those carry durations), else the
    cells of every region the cohort holds."""
    onder = ("sector_id", "doelgroep", "aanleverende_partij")
    vast = [k for k in onder if _DIMENSIES[k](f) not in (ALLE_ID, ALLE)]
    return _waar(f, cellen=len(vast) > 1)


def _mediane_duur(f: Filters) -> int | None:
    """PostgreSQL's ``round(percentile_cont(0.5))`` of the ended trajectories' days,
    from the summed histograms of the summary."""
    waar, params = _duur_waar(f)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT u.duur, sum(u.aantal) FROM {_TABEL} k, "
            f"unnest(k.duren, k.duuraantallen) AS u (duur, aantal) "
            f"WHERE {waar} GROUP BY u.duur ORDER BY u.duur",
            params,
        )
        histogram = [(int(d), int(a)) for d, a in cursor.fetchall()]
    totaal = sum(a for _, a in histogram)
    if not totaal:
        return None
    laag, hoog = (totaal - 1) // 2, totaal // 2  # 0-based ranks of the middle value(s)
    waarden, tot_nu = {}, 0
    for duur, aantal in histogram:
        for rang in (laag, hoog):
            if tot_nu <= rang < tot_nu + aantal:
                waarden[rang] = duur
        tot_nu += aantal
    # Python's round() and PostgreSQL's round(float8) both round halves to even.
    return round((waarden[laag] + waarden[hoog]) / 2)


# -- publishing ------------------------------------------------------------------------------


def min_cel() -> int:
    """The smallest count shown as a number (setting EFFECTIVITEIT_MIN_CEL)."""
    return settings.EFFECTIVITEIT_MIN_CEL


def min_noemer() -> int:
    """The smallest published cohort or denominator with a breakdown, a percentage or a
    median (setting EFFECTIVITEIT_MIN_NOEMER)."""
    return settings.EFFECTIVITEIT_MIN_NOEMER


def _toon(waarde: int) -> int | str:
    return f"<{min_cel()}" if 0 < waarde < min_cel() else waarde


def _klein(waarde: int) -> bool:
    return 0 < waarde < min_cel()


def _percentage(teller: int, delen: tuple[int, int]) -> float | None:
    """One decimal, half up, of published counts; null below MIN_NOEMER or when the
    numerator or a part of the denominator is shown as "<5"."""
    noemer = sum(delen)
    if noemer < max(1, min_noemer()) or _klein(teller) or any(_klein(d) for d in delen):
        return None
    waarde = (Decimal(100 * teller) / Decimal(noemer)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return float(waarde)


def _publiceren(cellen: dict[str, Cel], mediaan: int | None = None) -> dict:
    """The figures of one cohort from its cells, under the keys the API gives them."""
    p = {t: gepubliceerd(*cellen[t]) for t in TELLERS}
    uitvoer = {"n_trajecten": _toon(p["n"])}
    leeg = dict.fromkeys(
        (
            "status",
            "behaald",
            "uitvalredenen",
            "vervolg",
            "afgerond_pct",
            "uitval_pct",
            "duurzame_baan_pct",
            "onderwijs_pct",
            "bewijsstuk_pct",
            "mediane_duur_dagen",
        )
    )
    if p["n"] < min_noemer():
        return {**uitvoer, **leeg}
    beeindigd = (p["status_afgerond"], p["status_uitgevallen"])
    mediaan_toegestaan = sum(beeindigd) >= min_noemer() and not any(map(_klein, beeindigd))
    return {
        **uitvoer,
        "status": {s: _toon(p[f"status_{s}"]) for s in vocabulaires.STATUSSEN},
        "behaald": {b: _toon(p[f"behaald_{b}"]) for b in vocabulaires.BEHAALD},
        "uitvalredenen": {u: _toon(p[f"uitval_{u}"]) for u in vocabulaires.UITVALREDENEN},
        "vervolg": {v: _toon(p[f"vervolg_{v}"]) for v in vocabulaires.VERVOLGEN},
        "afgerond_pct": _percentage(p["status_afgerond"], beeindigd),
        "uitval_pct": _percentage(p["status_uitgevallen"], beeindigd),
        "duurzame_baan_pct": _percentage(p["vervolg_duurzame-baan"], beeindigd),
        "onderwijs_pct": _percentage(p["vervolg_onderwijs"], beeindigd),
        "bewijsstuk_pct": _percentage(p["met_bewijsstuk"], beeindigd),
        "mediane_duur_dagen": mediaan if mediaan_toegestaan else None,
    }


def kerncijfers(f: Filters) -> dict:
    """The published figures of one cohort, under the keys the API gives them."""
    per_kwartaal = _per_kwartaal(f)
    totaal = _leeg()
    for cellen in per_kwartaal.values():
        totaal = _optellen(totaal, cellen)
    beeindigd = totaal["status_afgerond"][0] + totaal["status_uitgevallen"][0]
    mediaan = _mediane_duur(f) if beeindigd else None
    uitvoer = _publiceren(totaal, mediaan)
    uitvoer["instroom_per_kwartaal"] = {
        kwartaalnaam(k): _toon(gepubliceerd(*per_kwartaal.get(k, _leeg())["n"]))
        for k in f.kwartalen()
    }
    return uitvoer


# -- the dashboard: the same figures, plus the same figures per sector and doelgroep --------


@dataclass
class Groepsrij:
    code: str
    naam: str
    n: int | str
    lopend: int | str | None
    afgerond: int | str | None
    uitgevallen: int | str | None
    afgerond_pct: float | None
    uitval_pct: float | None


@dataclass
class Dashboardcijfers:
    filters: Filters
    kern: dict
    landelijk: dict
    per_sector: list[Groepsrij] = field(default_factory=list)
    per_doelgroep: list[Groepsrij] = field(default_factory=list)


def _groepsrijen(f: Filters, groep: str, namen: dict[str, tuple[str, str]]) -> list[Groepsrij]:
    """One row per value of ``groep`` (code in the summary -> (code shown, name)): the
    figures that cohort gets when asked for on its own, without its median."""
    per = _per_groep(f, groep)
    rijen = []
    for sleutel, (code, naam) in namen.items():
        cijfers = _publiceren(per.get(sleutel, _leeg()))
        status = cijfers["status"] or {}
        rijen.append(
            Groepsrij(
                code=code,
                naam=naam,
                n=cijfers["n_trajecten"],
                lopend=status.get("lopend"),
                afgerond=status.get("afgerond"),
                uitgevallen=status.get("uitgevallen"),
                afgerond_pct=cijfers["afgerond_pct"],
                uitval_pct=cijfers["uitval_pct"],
            )
        )
    return rijen


def dashboardcijfers(f: Filters) -> Dashboardcijfers:
    """Everything the dashboard, its CSV and the factsheet show for one cohort."""
    kern = kerncijfers(f)
    sectoren = [f.sector] if f.sector else Sector.objects.order_by("naam")
    doelgroepen = (
        {f.doelgroep: vocabulaires.DOELGROEPEN[f.doelgroep]}
        if f.doelgroep
        else vocabulaires.DOELGROEPEN
    )
    return Dashboardcijfers(
        filters=f,
        kern=kern,
        landelijk=kerncijfers(f.landelijk()) if f.regio else kern,
        per_sector=_groepsrijen(f, "sector", {str(s.pk): (s.slug, s.naam) for s in sectoren}),
        per_doelgroep=_groepsrijen(
            f, "doelgroep", {code: (code, naam) for code, naam in doelgroepen.items()}
        ),
    )


def bevat_synthetische_gegevens() -> bool:
    return Traject.objects.filter(synthetisch=True).exists()
