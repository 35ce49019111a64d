"""The effectiviteit figures of CONTRACT section 6: the one place they are computed.

Counts come from SQL: from the monthly summary tables of ``kubus`` (every
combination of filters has its own rows there) plus the rows of the partial months
at the edges of the period, so any van/tot is exact. Python only adds the
percentages and applies the suppression.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import connection

from effectiviteit import woorden
from effectiviteit.kubus import KOLOMMEN_SQL, TELLER_SQL
from effectiviteit.models import ALLE, ALLE_REGIO, TELLERS, VAK_DAGEN, Traject, kolomnaam
from effectiviteit.onderdrukking import Relatie, is_verborgen, onderdrukken
from portal.models import Regio, Sector

BEEINDIGD = ("afgerond", "uitgevallen")


@dataclass(frozen=True)
class Filters:
    """A cohort: start date in [van, tot] and the optional other filters."""

    van: dt.date
    tot: dt.date
    regio: Regio | None = None
    sector: Sector | None = None
    doelgroep: str = ""
    aanleverende_partij: str = ""

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


# -- SQL ------------------------------------------------------------------------------------

_RUWE_GROEP = {
    None: "''",
    "kwartaal": "to_char(t.startdatum, 'YYYY-\"K\"Q')",
    "sector": "t.sector_id::text",
    "doelgroep": "t.doelgroep",
    "aanleverende_partij": "t.aanleverende_partij",
}
_KUBUS_GROEP = {
    None: "''",
    "kwartaal": "to_char(c.maand, 'YYYY-\"K\"Q')",
    "sector": "c.sector_id::text",
    "doelgroep": "c.doelgroep",
    "aanleverende_partij": "c.aanleverende_partij",
}
# Dimension of the summary -> (column, the value that means "all", the filter's value).
_DIMENSIES = {
    "regio": ("regio_id", ALLE_REGIO, lambda f: f.regio.pk if f.regio else None),
    "sector": ("sector_id", ALLE_REGIO, lambda f: f.sector.pk if f.sector else None),
    "doelgroep": ("doelgroep", ALLE, lambda f: f.doelgroep or None),
    "aanleverende_partij": (
        "aanleverende_partij",
        ALLE,
        lambda f: f.aanleverende_partij or None,
    ),
}


def _subfilters(f: Filters) -> dict[str, str]:
    result = {}
    if f.sector:
        result["sector"] = str(f.sector.pk)
    if f.doelgroep:
        result["doelgroep"] = f.doelgroep
    if f.aanleverende_partij:
        result["aanleverende_partij"] = f.aanleverende_partij
    return result


def _ruw_waar(f: Filters) -> tuple[str, list]:
    delen, params = [], []
    if f.regio:
        delen.append("t.regio_id = %s")
        params.append(f.regio.pk)
    for naam, waarde in _subfilters(f).items():
        kolom = "t.sector_id" if naam == "sector" else f"t.{naam}"
        delen.append(f"{kolom} = %s")
        params.append(int(waarde) if naam == "sector" else waarde)
    return " AND ".join(delen) or "TRUE", params


def _volgende_maand(d: dt.date) -> dt.date:
    return (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


@dataclass(frozen=True)
class _Plan:
    """Which months of the period come from the summary and which days from rows."""

    kubus_van: dt.date | None = None  # None: no summary, rows only
    kubus_tot: dt.date | None = None  # exclusive


def _plan(f: Filters) -> _Plan:
    """Whole months come from the summary; so does a partial month at either edge when
    no trajectory at all starts in the part of it outside the period (the usual case of
    a period that ends today). Only the rest is counted from rows."""
    eerste_maand = f.van.replace(day=1)
    na_tot = f.tot + dt.timedelta(days=1)
    laatste_maand = _volgende_maand(f.tot)
    if f.van > f.tot:
        return _Plan()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM effectiviteit_traject "
            "WHERE startdatum >= %s AND startdatum < %s), "
            "EXISTS (SELECT 1 FROM effectiviteit_traject "
            "WHERE startdatum >= %s AND startdatum < %s)",
            [eerste_maand, f.van, na_tot, laatste_maand],
        )
        ervoor, erna = cursor.fetchone()
    eerste = _volgende_maand(f.van) if ervoor else eerste_maand
    laatste = f.tot.replace(day=1) if erna else laatste_maand
    if eerste >= laatste:
        return _Plan()
    return _Plan(kubus_van=eerste, kubus_tot=laatste)


def _ruwe_periode(f: Filters, plan: _Plan) -> tuple[str, list]:
    if plan.kubus_van is None:
        return "t.startdatum BETWEEN %s AND %s", [f.van, f.tot]
    return (
        "((t.startdatum >= %s AND t.startdatum < %s) "
        "OR (t.startdatum >= %s AND t.startdatum <= %s))",
        [f.van, plan.kubus_van, plan.kubus_tot, f.tot],
    )


def _kubus_waar(f: Filters, plan: _Plan, groep: str | None) -> tuple[str, list]:
    delen = ["c.maand >= %s", "c.maand < %s"]
    params: list = [plan.kubus_van, plan.kubus_tot]
    for naam, (kolom, alle, waarde_van) in _DIMENSIES.items():
        waarde = waarde_van(f)
        if waarde is not None:
            delen.append(f"c.{kolom} = %s")
            params.append(waarde)
        else:
            delen.append(f"c.{kolom} {'<>' if naam == groep else '='} %s")
            params.append(alle)
    return " AND ".join(delen), params


def tellingen(
    f: Filters, groep: str | None = None, *, plan: _Plan | None = None
) -> dict[str, dict[str, int]]:
    """True (unsuppressed) counters of the cohort, per value of ``groep`` ('' when none)."""
    plan = plan or _plan(f)
    waar, params = _ruw_waar(f)
    periode, periode_params = _ruwe_periode(f, plan)
    ruw = (
        f"SELECT {_RUWE_GROEP[groep]} AS g, {TELLER_SQL} FROM effectiviteit_traject t "
        f"WHERE {waar} AND {periode} GROUP BY 1"
    )
    params = [*params, *periode_params]
    if plan.kubus_van is not None:
        kubus_waar, kubus_params = _kubus_waar(f, plan, groep)
        bron = (
            f"SELECT {_KUBUS_GROEP[groep]} AS g, {KOLOMMEN_SQL} FROM effectiviteit_kubuscel c "
            f"WHERE {kubus_waar} UNION ALL {ruw}"
        )
        params = [*kubus_params, *params]
    else:
        bron = ruw
    sommen = ", ".join(f"sum({kolomnaam(t)})::bigint" for t in TELLERS)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT g, {sommen} FROM ({bron}) u GROUP BY g", params)
        return {
            rij[0]: dict(zip(TELLERS, (int(v) for v in rij[1:]), strict=True))
            for rij in cursor.fetchall()
        }


def mediane_duur(f: Filters, *, plan: _Plan | None = None) -> int | None:
    """Median days from start to end of the ended trajectories: PostgreSQL's
    ``round(percentile_cont(0.5))``, computed from a histogram of durations.

    The summary holds histograms for at most one of sector, doelgroep and partij;
    a cohort with more of them is small and counted from its rows.
    """
    plan = plan or _plan(f)
    if len(_subfilters(f)) > 1:
        plan = _Plan()
    waar, params = _ruw_waar(f)
    periode, periode_params = _ruwe_periode(f, plan)
    rand = (
        "SELECT t.einddatum - t.startdatum AS duur "
        f"FROM effectiviteit_traject t WHERE {waar} AND {periode} "
        "AND t.status IN ('afgerond', 'uitgevallen') AND t.einddatum IS NOT NULL"
    )
    params = [*params, *periode_params]
    kubus_vak = kubus_fijn = ""
    if plan.kubus_van is not None:
        kubus_waar, kubus_params = _kubus_waar(f, plan, None)
        kubus_vak = (
            f"SELECT c.vak, c.aantal FROM effectiviteit_kubusvak c WHERE {kubus_waar} UNION ALL"
        )
        kubus_fijn = (
            "SELECT c.duur, c.aantal FROM effectiviteit_kubusduur c "
            f"WHERE {kubus_waar} AND c.duur BETWEEN (SELECT min(vak) FROM gekozen) * {VAK_DAGEN} "
            f"AND (SELECT max(vak) FROM gekozen) * {VAK_DAGEN} + {VAK_DAGEN - 1} UNION ALL"
        )
        params = [*params, *kubus_params, *kubus_params]
    # Two steps: the classes of VAK_DAGEN days locate the one or two classes holding the
    # middle ranks; only their days are read. ``voor``: how many durations lie below a class.
    sql = f"""
        WITH rand AS MATERIALIZED ({rand}),
        vakken AS (
            SELECT vak, sum(aantal) AS aantal FROM (
                {kubus_vak}
                SELECT duur / {VAK_DAGEN}, count(*) FROM rand GROUP BY 1
            ) u (vak, aantal) GROUP BY vak
        ),
        cum AS (
            SELECT vak, sum(aantal) OVER (ORDER BY vak) - aantal AS voor,
                   sum(aantal) OVER (ORDER BY vak) AS tm, sum(aantal) OVER () AS totaal
            FROM vakken
        ),
        rangen AS (
            SELECT floor((max(totaal) - 1) / 2.0) AS laag, ceil((max(totaal) - 1) / 2.0) AS hoog
            FROM cum
        ),
        gekozen AS (
            SELECT cum.vak, cum.voor FROM cum, rangen
            WHERE (rangen.laag >= cum.voor AND rangen.laag < cum.tm)
               OR (rangen.hoog >= cum.voor AND rangen.hoog < cum.tm)
        ),
        fijn AS (
            SELECT duur, sum(aantal) AS aantal FROM (
                {kubus_fijn}
                SELECT r.duur, count(*) FROM rand r JOIN gekozen g ON r.duur / {VAK_DAGEN} = g.vak
                GROUP BY 1
            ) u (duur, aantal) GROUP BY duur
        ),
        c AS (
            SELECT fijn.duur,
                   g.voor + sum(fijn.aantal) OVER (PARTITION BY g.vak ORDER BY fijn.duur) AS cum
            FROM fijn JOIN gekozen g ON fijn.duur / {VAK_DAGEN} = g.vak
        )
        SELECT round(((min(duur) FILTER (WHERE cum > laag))
                      + (min(duur) FILTER (WHERE cum > hoog)))::float8 / 2)
        FROM c, rangen
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        waarde = cursor.fetchone()[0]
    return None if waarde is None else int(waarde)


def kwartalen(van: dt.date, tot: dt.date) -> list[str]:
    result = []
    jaar, kwartaal = van.year, (van.month - 1) // 3 + 1
    while (jaar, kwartaal) <= (tot.year, (tot.month - 1) // 3 + 1):
        result.append(f"{jaar}-K{kwartaal}")
        jaar, kwartaal = (jaar + 1, 1) if kwartaal == 4 else (jaar, kwartaal + 1)
    return result


# -- figures with suppression ---------------------------------------------------------------


def _min_cel() -> int:
    return settings.EFFECTIVITEIT_MIN_CEL


def _min_noemer() -> int:
    return settings.EFFECTIVITEIT_MIN_NOEMER


def percentage(teller, waar_teller: int, noemer: int, getoonde_noemer=None) -> float | None:
    """One decimal, half up; null below MIN_NOEMER or when the numerator (or the
    denominator's own cell, when it has one) is suppressed."""
    if (
        noemer < _min_noemer()
        or is_verborgen(teller)
        or is_verborgen(getoonde_noemer)
        or 0 < waar_teller < _min_cel()
    ):
        return None
    waarde = (Decimal(100 * waar_teller) / Decimal(noemer)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return float(waarde)


def _kerncellen(t: dict[str, int], kw: dict[str, int], prefix: tuple = ()) -> tuple[dict, list]:
    def k(*deel):
        return (*prefix, *deel)

    cellen = {k("n"): t["n"]}
    cellen.update({k("status", s): t[f"status_{s}"] for s in woorden.STATUSSEN})
    cellen.update({k("behaald", b): t[f"behaald_{b}"] for b in woorden.BEHAALD})
    cellen.update({k("uitval", u): t[f"uitval_{u}"] for u in woorden.UITVALREDENEN})
    cellen.update({k("vervolg", v): t[f"vervolg_{v}"] for v in woorden.VERVOLGEN})
    cellen.update({k("kwartaal", q): n for q, n in kw.items()})
    # Percentages over ended trajectories give their denominator away, so "ended" counts
    # as a shown total: hiding afgerond then hides uitgevallen too (and the other way).
    cellen[k("beeindigd")] = t["status_afgerond"] + t["status_uitgevallen"]
    status = tuple(k("status", s) for s in woorden.STATUSSEN)
    vervolg = tuple(k("vervolg", v) for v in woorden.VERVOLGEN)
    relaties = [
        # First, so a hidden afgerond takes uitgevallen along rather than lopend.
        Relatie((k("beeindigd"),), (k("status", "afgerond"), k("status", "uitgevallen"))),
        Relatie((k("n"),), status),
        Relatie((k("status", "afgerond"),), tuple(k("behaald", b) for b in woorden.BEHAALD)),
        Relatie(
            (k("status", "uitgevallen"),), tuple(k("uitval", u) for u in woorden.UITVALREDENEN)
        ),
        Relatie((k("status", "afgerond"), k("status", "uitgevallen")), vervolg),
        Relatie((k("n"),), (k("status", "lopend"), *vervolg)),
    ]
    if kw:
        relaties.append(Relatie((k("n"),), tuple(k("kwartaal", q) for q in kw)))
    return cellen, relaties


def _kern_uitvoer(t: dict[str, int], getoond: dict, mediaan: int | None, prefix=()) -> dict:
    def g(*deel):
        return getoond[(*prefix, *deel)]

    beeindigd = t["status_afgerond"] + t["status_uitgevallen"]
    met_bewijs = sum(t[f"behaald_{b}"] for b in woorden.BEWIJSSTUKKEN)
    # The numerator is the shown afgerond minus "geen": with any behaald cell hidden, a
    # shown percentage would give that hidden count back, so the numerator counts as hidden.
    behaald_verborgen = any(is_verborgen(g("behaald", b)) for b in woorden.BEHAALD)
    bewijs_teller = "x" if behaald_verborgen else met_bewijs
    noemer = (beeindigd, g("beeindigd"))
    return {
        "n_trajecten": g("n"),
        "status": {s: g("status", s) for s in woorden.STATUSSEN},
        "behaald": {b: g("behaald", b) for b in woorden.BEHAALD},
        "uitvalredenen": {u: g("uitval", u) for u in woorden.UITVALREDENEN},
        "vervolg": {v: g("vervolg", v) for v in woorden.VERVOLGEN},
        "afgerond_pct": percentage(g("status", "afgerond"), t["status_afgerond"], *noemer),
        "uitval_pct": percentage(g("status", "uitgevallen"), t["status_uitgevallen"], *noemer),
        "duurzame_baan_pct": percentage(
            g("vervolg", "duurzame-baan"), t["vervolg_duurzame-baan"], *noemer
        ),
        "onderwijs_pct": percentage(g("vervolg", "onderwijs"), t["vervolg_onderwijs"], *noemer),
        "bewijsstuk_pct": percentage(bewijs_teller, met_bewijs, *noemer),
        "mediane_duur_dagen": mediaan if beeindigd >= _min_noemer() else None,
    }


def _leeg() -> dict[str, int]:
    return dict.fromkeys(TELLERS, 0)


def _totaal_en_kwartalen(f: Filters, plan: _Plan) -> tuple[dict[str, int], dict[str, int]]:
    """The cohort's counters and its instroom per quarter, from one query: every
    trajectory of the cohort starts in exactly one quarter, so the totals are the sums."""
    per = tellingen(f, "kwartaal", plan=plan)
    totaal = _leeg()
    for rij in per.values():
        for teller, waarde in rij.items():
            totaal[teller] += waarde
    return totaal, {q: per.get(q, {}).get("n", 0) for q in kwartalen(f.van, f.tot)}


def kerncijfers(f: Filters) -> dict:
    """The figures of CONTRACT section 6 for one cohort, suppressed, keys as named there."""
    plan = _plan(f)
    t, kw = _totaal_en_kwartalen(f, plan)
    cellen, relaties = _kerncellen(t, kw)
    getoond = onderdrukken(cellen, relaties, min_cel=_min_cel())
    uitvoer = _kern_uitvoer(t, getoond, mediane_duur(f, plan=plan))
    uitvoer["instroom_per_kwartaal"] = {q: getoond[("kwartaal", q)] for q in kw}
    return uitvoer


# -- the dashboard: the same figures, plus breakdowns suppressed together with them ---------

UITSPLITSING_TELLERS = ("n", "status_lopend", "status_afgerond", "status_uitgevallen")


@dataclass
class Groepsrij:
    code: str
    naam: str
    n: int | str
    lopend: int | str
    afgerond: int | str
    uitgevallen: int | str
    afgerond_pct: float | None
    uitval_pct: float | None


@dataclass
class Dashboardcijfers:
    filters: Filters
    kern: dict
    landelijk: dict
    per_sector: list[Groepsrij] = field(default_factory=list)
    per_doelgroep: list[Groepsrij] = field(default_factory=list)


def _groepen(
    f: Filters, groep: str, namen: dict[str, str], plan: _Plan
) -> dict[str, dict[str, int]]:
    per = tellingen(f, groep, plan=plan)
    return {code: per.get(code, _leeg()) for code in namen}


def dashboardcijfers(f: Filters) -> Dashboardcijfers:
    """Everything the dashboard, its CSV and the factsheet show for one cohort."""
    plan = _plan(f)
    t, kw = _totaal_en_kwartalen(f, plan)
    cellen, relaties = _kerncellen(t, kw)
    sectoren = {str(s.pk): s for s in Sector.objects.order_by("naam")}
    indelingen = {
        "sector": {code: s.naam for code, s in sectoren.items()},
        "doelgroep": dict(woorden.DOELGROEPEN),
    }
    if f.sector:
        indelingen["sector"] = {str(f.sector.pk): f.sector.naam}
    if f.doelgroep:
        indelingen["doelgroep"] = {f.doelgroep: woorden.DOELGROEPEN[f.doelgroep]}
    groepstellingen = {naam: _groepen(f, naam, codes, plan) for naam, codes in indelingen.items()}
    for naam, per in groepstellingen.items():
        for code, gt in per.items():
            for teller in UITSPLITSING_TELLERS:
                cellen[(naam, code, teller)] = gt[teller]
            cellen[(naam, code, "beeindigd")] = gt["status_afgerond"] + gt["status_uitgevallen"]
            relaties.append(
                Relatie(
                    ((naam, code, "n"),),
                    tuple((naam, code, s) for s in UITSPLITSING_TELLERS[1:]),
                )
            )
            relaties.append(
                Relatie(
                    ((naam, code, "beeindigd"),),
                    ((naam, code, "status_afgerond"), (naam, code, "status_uitgevallen")),
                )
            )
        for teller in UITSPLITSING_TELLERS:
            totaal = ("n",) if teller == "n" else ("status", teller.removeprefix("status_"))
            relaties.append(Relatie((totaal,), tuple((naam, code, teller) for code in per)))
    getoond = onderdrukken(cellen, relaties, min_cel=_min_cel())
    kern = _kern_uitvoer(t, getoond, mediane_duur(f, plan=plan))
    kern["instroom_per_kwartaal"] = {q: getoond[("kwartaal", q)] for q in kw}

    def rijen(naam: str) -> list[Groepsrij]:
        result = []
        for code, label in indelingen[naam].items():
            gt = groepstellingen[naam][code]
            beeindigd = gt["status_afgerond"] + gt["status_uitgevallen"]
            zien = {teller: getoond[(naam, code, teller)] for teller in UITSPLITSING_TELLERS}
            noemer_zien = getoond[(naam, code, "beeindigd")]
            result.append(
                Groepsrij(
                    code=sectoren[code].slug if naam == "sector" else code,
                    naam=label,
                    n=zien["n"],
                    lopend=zien["status_lopend"],
                    afgerond=zien["status_afgerond"],
                    uitgevallen=zien["status_uitgevallen"],
                    afgerond_pct=percentage(
                        zien["status_afgerond"], gt["status_afgerond"], beeindigd, noemer_zien
                    ),
                    uitval_pct=percentage(
                        zien["status_uitgevallen"], gt["status_uitgevallen"], beeindigd, noemer_zien
                    ),
                )
            )
        return result

    return Dashboardcijfers(
        filters=f,
        kern=kern,
        landelijk=kerncijfers(f.landelijk()) if f.regio else kern,
        per_sector=rijen("sector"),
        per_doelgroep=rijen("doelgroep"),
    )


def bevat_synthetische_gegevens() -> bool:
    return Traject.objects.filter(synthetisch=True).exists()
