"""The effectiviteit figures of CONTRACT section 6: the one place they are computed.

Counts and the median come from SQL: from the monthly summary tables of ``kubus``
(nearly every combination of filters has its own rows there) plus the partial months at
the edges of the period, from rows or, for the whole country, from the day tables, so
any van/tot is exact. A cohort's figures are one prepared statement. Python only adds
the percentages and applies the suppression.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import re
import weakref
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import DatabaseError, connection, transaction

from effectiviteit import kubus, woorden
from effectiviteit.kubus import KOLOMMEN_SQL, TELLER_SQL
from effectiviteit.models import (
    ALLE,
    ALLE_REGIO,
    TELLERS,
    VAK_DAGEN,
    VAKKEN,
    Traject,
    kolomnaam,
)
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
# The columns of a trajectory the figures read, for the rows counted directly.
_RIJKOLOMMEN = (
    "t.startdatum, t.einddatum, t.status, t.behaald_bewijsstuk, t.uitvalreden, t.vervolg, "
    "t.sector_id, t.doelgroep, t.aanleverende_partij"
)
_BEEINDIGD_SQL = "t.status IN ('afgerond', 'uitgevallen') AND t.einddatum IS NOT NULL"


def _subfilters(f: Filters) -> dict[str, str]:
    result = {}
    if f.sector:
        result["sector"] = str(f.sector.pk)
    if f.doelgroep:
        result["doelgroep"] = f.doelgroep
    if f.aanleverende_partij:
        result["aanleverende_partij"] = f.aanleverende_partij
    return result


# Where a statement takes a cohort's figures from (``_bron``):
RIJEN = "rijen"  # the trajectories of the whole period
KUBUS = "kubus"  # whole months from Kubuscel/Kubusvak, the edge days from rows
DAGEN = "dagen"  # whole months from Kubuscel/Kubusvak, the edge days from Kubusdag/Kubusdagvak


def _bron(f: Filters, groep: str | None, *, duur: bool) -> str:
    """Where the counters (per ``groep``) and, with ``duur``, the durations of a cohort are
    held. ``Kubuscel`` holds every cohort but one region with one value of sector,
    doelgroep and partij each; ``Kubusvak`` those with at most one of sector, doelgroep
    and partij (``kubus._cel_sets``, ``kubus._vak_sets``); other cohorts are small and
    read from rows. The day tables hold the whole country without other filters."""
    if f.van > f.tot:
        return RIJEN
    dimensies = set(_subfilters(f)) | ({groep} & {"sector", "doelgroep", "aanleverende_partij"})
    if not f.regio and not dimensies:
        return DAGEN
    if (f.regio and len(dimensies) == 3) or (duur and len(_subfilters(f)) > 1):
        return RIJEN
    return KUBUS


def _volgende_maand(d: dt.date) -> dt.date:
    return (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


class _Opdracht:
    """One SQL statement for one cohort, built from parts; the values go in ``params``
    so that the text only depends on which filters are set (prepared once per shape)."""

    def __init__(self, f: Filters, bron: str):
        self.f = f
        self.bron = bron
        self.params: dict = {"van": f.van, "tot": f.tot}
        for naam, (_, alle, waarde_van) in _DIMENSIES.items():
            waarde = waarde_van(f)
            self.params[naam] = alle if waarde is None else waarde
        self.ctes: list[str] = []
        if bron == KUBUS:
            self._grenzen()
            self.maanden = ("(SELECT kv FROM grens)", "(SELECT kt FROM grens)")
        elif bron == DAGEN:
            self._hele_maanden()
            self.maanden = ("%(kv)s", "%(kt)s")
        if bron != DAGEN:
            self._rijen()

    def _hele_maanden(self) -> None:
        """The months [kv, kt) that lie wholly in the period; the days of [van, kv) and
        [kt, tot] come from the day tables. Without a whole month both are the day after
        ``tot``, so the days cover the whole period."""
        f = self.f
        na_tot = f.tot + dt.timedelta(days=1)
        kv = f.van if f.van.day == 1 else _volgende_maand(f.van)
        kt = na_tot.replace(day=1)
        if kv >= kt:
            kv = kt = na_tot
        self.params.update(kv=kv, kt=kt)

    def _grenzen(self) -> None:
        """Whole months come from the summary; so does a partial month at either edge
        when no trajectory at all starts in the part of it outside the period (the usual
        case of a period that ends today). ``kv``/``kt``: the summary's months [kv, kt);
        the days of [van, kv) and [kt, tot] are counted from rows. With no month left for
        the summary both are the day after ``tot``, so the rows cover the whole period."""
        f = self.f
        self.params.update(
            eerste_maand=f.van.replace(day=1),
            maand_na_van=_volgende_maand(f.van),
            na_tot=f.tot + dt.timedelta(days=1),
            maand_tot=f.tot.replace(day=1),
            maand_na_tot=_volgende_maand(f.tot),
        )
        # OFFSET 0 keeps the subquery whole, so each probe runs once.
        self.ctes.append(
            """grens AS MATERIALIZED (
                SELECT CASE WHEN e < l THEN e ELSE %(na_tot)s END AS kv,
                       CASE WHEN e < l THEN l ELSE %(na_tot)s END AS kt
                FROM (SELECT
                    CASE WHEN EXISTS (SELECT FROM effectiviteit_traject
                                      WHERE startdatum >= %(eerste_maand)s AND startdatum < %(van)s)
                         THEN %(maand_na_van)s ELSE %(eerste_maand)s END AS e,
                    CASE WHEN EXISTS (SELECT FROM effectiviteit_traject
                                      WHERE startdatum >= %(na_tot)s
                                        AND startdatum < %(maand_na_tot)s)
                         THEN %(maand_tot)s ELSE %(maand_na_tot)s END AS l
                    OFFSET 0
                ) x
            )"""
        )

    def _rijen(self) -> None:
        """The trajectories counted from rows, read once: the edge days, or the whole
        period when the summary does not hold the cohort."""
        delen = []
        if self.f.regio:
            delen.append("t.regio_id = %(regio)s")
        for naam in _subfilters(self.f):
            delen.append(f"t.{_DIMENSIES[naam][0]} = %({naam})s")
        select = f"SELECT {_RIJKOLOMMEN} FROM effectiviteit_traject t WHERE "
        if self.bron == KUBUS:
            # Two parts, each skipped as a whole (a one-time filter) when it is empty.
            waar = " AND ".join(
                [*delen, "t.startdatum >= %(van)s", "t.startdatum < (SELECT kv FROM grens)"]
            )
            waar_na = " AND ".join(
                [*delen, "t.startdatum >= (SELECT kt FROM grens)", "t.startdatum <= %(tot)s"]
            )
            rijen = (
                f"{select}{waar} AND (SELECT kv FROM grens) > %(van)s UNION ALL "
                f"{select}{waar_na} AND (SELECT kt FROM grens) <= %(tot)s"
            )
        else:
            rijen = select + " AND ".join([*delen, "t.startdatum BETWEEN %(van)s AND %(tot)s"])
        self.ctes.append(f"rijen AS MATERIALIZED ({rijen})")

    def _kubus_waar(self, groep: str | None) -> str:
        van, tot = self.maanden
        delen = [f"c.maand >= {van}", f"c.maand < {tot}"]
        for naam, (kolom, _, waarde_van) in _DIMENSIES.items():
            # A breakdown by a dimension that is not filtered reads its every value.
            ongelijk = naam == groep and waarde_van(self.f) is None
            delen.append(f"c.{kolom} {'<>' if ongelijk else '='} %({naam})s")
        return " AND ".join(delen)

    # The edge days of a DAGEN statement (alias ``d``).
    _DAGEN_WAAR = (
        "((d.dag >= %(van)s AND d.dag < %(kv)s) OR (d.dag >= %(kt)s AND d.dag <= %(tot)s))"
    )

    def tellingen(self, groep: str | None) -> None:
        """A CTE ``tellingen``: (g, every counter) per value of ``groep``."""
        delen = []
        if self.bron != RIJEN:
            delen.append(
                f"SELECT {_KUBUS_GROEP[groep]} AS g, {KOLOMMEN_SQL} FROM effectiviteit_kubuscel c "
                f"WHERE {self._kubus_waar(groep)}"
            )
        if self.bron == DAGEN:
            dag_groep = _KUBUS_GROEP[groep].replace("c.maand", "d.dag")
            delen.append(
                f"SELECT {dag_groep} AS g, {KOLOMMEN_SQL} FROM effectiviteit_kubusdag d "
                f"WHERE {self._DAGEN_WAAR}"
            )
        else:
            delen.append(f"SELECT {_RUWE_GROEP[groep]} AS g, {TELLER_SQL} FROM rijen t GROUP BY 1")
        sommen = ", ".join(f"sum({kolomnaam(t)})::bigint AS {kolomnaam(t)}" for t in TELLERS)
        bron = " UNION ALL ".join(delen)
        self.ctes.append(f"tellingen AS (SELECT g, {sommen} FROM ({bron}) u GROUP BY g)")

    def mediaan(self) -> None:
        """A one-row CTE ``mediaan`` (m): PostgreSQL's ``round(percentile_cont(0.5))`` of
        the durations, from the class histograms plus the rows.

        Two steps: the class totals (``vakken`` of Kubuscel and Kubusdag, one row per
        month or day) locate the one or two classes holding the middle ranks; only those
        classes' days are added up. ``voor``: durations below a class.
        """
        laatste = VAKKEN - 1
        # The bounds are InitPlan parameters, so the chosen classes are index conditions
        # and only their rows are read (the last class: every longer one too); their
        # arrays are added up before they are unnested (a few dozen values, not one per
        # row and day).
        gekozen = (
            "vak BETWEEN (SELECT min(vak) FROM gekozen) AND (SELECT CASE max(vak) "
            f"WHEN {laatste} THEN 2147483647 ELSE max(vak) END FROM gekozen)"
        )
        totalen, vakken, fijn, kubus_fijn = [], [], [], []
        if self.bron != RIJEN:
            waar = self._kubus_waar(None)
            totalen.append(f"SELECT c.vakken FROM effectiviteit_kubuscel c WHERE {waar}")
            kubus_fijn.append(
                f"SELECT c.vak, c.dagen FROM effectiviteit_kubusvak c WHERE {waar} AND c.{gekozen}"
            )
        if self.bron == DAGEN:
            totalen.append(
                f"SELECT d.vakken FROM effectiviteit_kubusdag d WHERE {self._DAGEN_WAAR}"
            )
            waar = self._DAGEN_WAAR.replace("d.dag", "c.dag")
            kubus_fijn.append(
                f"SELECT c.vak, c.dagen FROM effectiviteit_kubusdagvak c "
                f"WHERE {waar} AND c.{gekozen}"
            )
        else:
            self.ctes.append(
                "duren AS MATERIALIZED (SELECT t.einddatum - t.startdatum AS duur "
                f"FROM rijen t WHERE {_BEEINDIGD_SQL})"
            )
            vakken.append(f"SELECT {kubus.klasse('duur')}, count(*) FROM duren GROUP BY 1")
            fijn.append(
                "SELECT d.duur, count(*) FROM duren d "
                f"JOIN gekozen g ON {kubus.klasse('d.duur')} = g.vak GROUP BY 1"
            )
        if totalen:
            sommen = ", ".join(f"sum(r.vakken[{i}])" for i in range(1, VAKKEN + 1))
            vakken.append(
                f"SELECT v.i - 1, v.aantal FROM (SELECT ARRAY[{sommen}] AS vakken "
                f"FROM ({' UNION ALL '.join(totalen)}) r) s "
                "CROSS JOIN LATERAL unnest(s.vakken) WITH ORDINALITY v (aantal, i)"
            )
        if kubus_fijn:
            sommen = ", ".join(f"sum(c.dagen[{i}])" for i in range(1, VAK_DAGEN + 1))
            fijn.append(
                f"SELECT h.vak * {VAK_DAGEN} + d.i - 1, d.aantal FROM ("
                f"SELECT c.vak, ARRAY[{sommen}] AS dagen "
                f"FROM ({' UNION ALL '.join(kubus_fijn)}) c GROUP BY c.vak) h "
                "CROSS JOIN LATERAL unnest(h.dagen) WITH ORDINALITY d (aantal, i)"
            )
        self.ctes.append(
            f"""vakken AS (
                SELECT vak, sum(aantal) AS aantal
                FROM ({" UNION ALL ".join(vakken)}) u (vak, aantal)
                GROUP BY vak HAVING sum(aantal) > 0
            ),
            cum AS (
                SELECT vak, sum(aantal) OVER (ORDER BY vak) - aantal AS voor,
                       sum(aantal) OVER (ORDER BY vak) AS tm, sum(aantal) OVER () AS totaal
                FROM vakken
            ),
            rangen AS (
                SELECT floor((max(totaal) - 1) / 2.0) AS laag,
                       ceil((max(totaal) - 1) / 2.0) AS hoog
                FROM cum
            ),
            gekozen AS MATERIALIZED (
                SELECT cum.vak, cum.voor FROM cum, rangen
                WHERE (rangen.laag >= cum.voor AND rangen.laag < cum.tm)
                   OR (rangen.hoog >= cum.voor AND rangen.hoog < cum.tm)
            ),
            fijn AS (
                SELECT duur, sum(aantal) AS aantal
                FROM ({" UNION ALL ".join(fijn)}) u (duur, aantal)
                GROUP BY duur HAVING sum(aantal) > 0
            ),
            cumfijn AS (
                SELECT fijn.duur,
                       g.voor + sum(fijn.aantal) OVER (PARTITION BY g.vak ORDER BY fijn.duur) AS cum
                FROM fijn JOIN gekozen g ON {kubus.klasse("fijn.duur")} = g.vak
            ),
            mediaan AS (
                SELECT round(((min(duur) FILTER (WHERE cum > laag))
                              + (min(duur) FILTER (WHERE cum > hoog)))::float8 / 2) AS m
                FROM cumfijn, rangen
            )"""
        )

    def sql(self, select: str) -> str:
        return "WITH " + ",\n".join(self.ctes) + "\n" + select


# Per database connection (the pool's connections live on): the statements prepared on it.
_VOORBEREID: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
# The server does not know the statement, or already knows one by that name.
_VERLOREN_OF_DUBBEL = {"26000", "42P05"}


def _sql_type(waarde) -> str:
    soort = {dt.date: "date", int: "integer", str: "text"}.get(type(waarde))
    if soort is None:  # a datetime or bool is no date or integer here
        raise TypeError(f"geen datum, getal of tekst: {waarde!r}")
    return soort


@functools.lru_cache(maxsize=64)
def _voorbereiding(sql: str, namen: tuple[str, ...], typen: tuple[str, ...]) -> tuple[str, str]:
    """A name for the statement and its PREPARE, with the named parameters as $1, $2, ..."""
    tekst = re.sub(r"%\((\w+)\)s", lambda m: f"${namen.index(m.group(1)) + 1}", sql)
    sleutel = f"{tekst}\n{','.join(typen)}"
    naam = "effectiviteit_" + hashlib.sha256(sleutel.encode()).hexdigest()[:24]
    return naam, f"PREPARE {naam} ({', '.join(typen)}) AS {tekst}"


def _uitvoeren(sql: str, params: dict) -> list[tuple]:
    """Run a figures statement as a prepared statement: each shape is parsed and planned
    once per connection, and a request sends only ``EXECUTE`` with its values, not the
    long text. The connection keeps the generic plan (``plan_cache_mode``, set with the
    first PREPARE; with Django's default client-side binding nothing else on the
    connection is prepared, so nothing else is affected).

    Prepared statements only help; they are never needed. When the server does not have
    the statement the connection thinks it prepared (a pooler in front of PostgreSQL may
    hand each statement to another server process), the text runs unprepared."""
    namen = tuple(params)
    naam, voorbereiding = _voorbereiding(sql, namen, tuple(_sql_type(params[n]) for n in namen))
    connection.ensure_connection()
    klaar = _VOORBEREID.setdefault(connection.connection, set())
    try:
        with _zo_nodig_savepoint(), connection.cursor() as cursor:
            if naam not in klaar:
                if not klaar:
                    cursor.execute("SET plan_cache_mode = force_generic_plan")
                # Not transactional: a prepared statement outlives a rollback.
                cursor.execute(voorbereiding)
                klaar.add(naam)
            cursor.execute(
                f"EXECUTE {naam} ({', '.join(['%s'] * len(namen))})", list(params.values())
            )
            return cursor.fetchall()
    except DatabaseError as fout:
        if getattr(fout.__cause__, "sqlstate", None) not in _VERLOREN_OF_DUBBEL:
            raise
        klaar.clear()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


def _zo_nodig_savepoint():
    """Inside a transaction a failed EXECUTE must not abort it: a savepoint around it.
    Outside one (a dashboard request) there is nothing to protect and no extra round trip."""
    return transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()


def _tellers(rij) -> dict[str, int]:
    return dict(zip(TELLERS, (int(v) for v in rij), strict=True))


def tellingen(f: Filters, groep: str | None = None) -> dict[str, dict[str, int]]:
    """True (unsuppressed) counters of the cohort, per value of ``groep`` ('' when none)."""
    opdracht = _Opdracht(f, _bron(f, groep, duur=False))
    opdracht.tellingen(groep)
    rijen = _uitvoeren(opdracht.sql("SELECT * FROM tellingen"), opdracht.params)
    return {rij[0]: _tellers(rij[1:]) for rij in rijen}


def mediane_duur(f: Filters) -> int | None:
    """Median days from start to end of the ended trajectories: PostgreSQL's
    ``round(percentile_cont(0.5))``, computed from a histogram of durations."""
    opdracht = _Opdracht(f, _bron(f, None, duur=True))
    opdracht.mediaan()
    waarde = _uitvoeren(opdracht.sql("SELECT m FROM mediaan"), opdracht.params)[0][0]
    return None if waarde is None else int(waarde)


def _kern(f: Filters) -> tuple[dict[str, int], dict[str, int], int | None]:
    """The cohort's counters, its instroom per quarter and its median, in one statement:
    every trajectory of the cohort starts in exactly one quarter, so the totals are the
    sums. The summary holds both counters and durations of a cohort, or (with two or
    more of sector, doelgroep and partij) the cohort is small and read from rows."""
    opdracht = _Opdracht(f, _bron(f, "kwartaal", duur=True))
    opdracht.tellingen("kwartaal")
    opdracht.mediaan()
    rijen = _uitvoeren(
        opdracht.sql("SELECT m.m, k.* FROM mediaan m LEFT JOIN tellingen k ON TRUE"),
        opdracht.params,
    )
    totaal = _leeg()
    per: dict[str, int] = {}
    for rij in rijen:
        if rij[1] is None:
            continue
        tellers = _tellers(rij[2:])
        per[rij[1]] = tellers["n"]
        for teller, waarde in tellers.items():
            totaal[teller] += waarde
    mediaan = rijen[0][0]
    kw = {q: per.get(q, 0) for q in kwartalen(f.van, f.tot)}
    return totaal, kw, None if mediaan is None else int(mediaan)


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


def kerncijfers(f: Filters) -> dict:
    """The figures of CONTRACT section 6 for one cohort, suppressed, keys as named there."""
    t, kw, mediaan = _kern(f)
    cellen, relaties = _kerncellen(t, kw)
    getoond = onderdrukken(cellen, relaties, min_cel=_min_cel())
    uitvoer = _kern_uitvoer(t, getoond, mediaan)
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


def _groepen(f: Filters, groep: str, namen: dict[str, str]) -> dict[str, dict[str, int]]:
    per = tellingen(f, groep)
    return {code: per.get(code, _leeg()) for code in namen}


def dashboardcijfers(f: Filters) -> Dashboardcijfers:
    """Everything the dashboard, its CSV and the factsheet show for one cohort."""
    t, kw, mediaan = _kern(f)
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
    groepstellingen = {naam: _groepen(f, naam, codes) for naam, codes in indelingen.items()}
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
    kern = _kern_uitvoer(t, getoond, mediaan)
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
