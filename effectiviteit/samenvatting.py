"""The summary the figures are read from (``Kwartaaltelling``), and how it is rebuilt.

One row per start quarter and combination of regio, sector, doelgroep and aanleverende
partij, each one value or all of them: every cohort the figures accept (whole quarters,
each filter one value or none) is the sum of at most one row per quarter. An import
rebuilds, in its own transaction, the rows of the regions it touched and the national
rows of the quarters it touched, from the trajectories themselves: plain aggregate
queries, the same ones that build the summary from nothing.
"""

from itertools import combinations

from effectiviteit.models import ALLE, ALLE_ID, TELLERS, Kwartaaltelling, kolomnaam, sleutelkolom
from portal import vocabulaires

KWARTAAL_SQL = "date_trunc('quarter', t.startdatum)::date"
_BEEINDIGD = "t.status IN ('afgerond', 'uitgevallen')"
_DUUR_SQL = f"CASE WHEN {_BEEINDIGD} THEN t.einddatum - t.startdatum END"

# How each counter is counted over trajectory rows (alias ``t``).
_VOORWAARDEN = {
    "n": "TRUE",
    **{f"status_{c}": f"t.status = '{c}'" for c in vocabulaires.STATUSSEN},
    **{
        f"behaald_{c}": f"t.status = 'afgerond' AND t.behaald_bewijsstuk = '{c}'"
        for c in vocabulaires.BEHAALD
    },
    "met_bewijsstuk": (
        "t.status = 'afgerond' AND t.behaald_bewijsstuk IN ("
        + ", ".join(f"'{c}'" for c in vocabulaires.BEWIJSSTUKKEN)
        + ")"
    ),
    **{
        f"uitval_{c}": f"t.status = 'uitgevallen' AND t.uitvalreden = '{c}'"
        for c in vocabulaires.UITVALREDENEN
    },
    **{
        f"vervolg_{c}": f"{_BEEINDIGD} AND COALESCE(NULLIF(t.vervolg, ''), 'onbekend') = '{c}'"
        for c in vocabulaires.VERVOLGEN
    },
}
_ONDERDIMENSIES = ("t.sector_id", "t.doelgroep", "t.aanleverende_partij")
_TABEL = Kwartaaltelling._meta.db_table


def _kolommen() -> list[str]:
    return [k for t in TELLERS for k in (kolomnaam(t), sleutelkolom(t))]


def _opbouwen(cursor, *, landelijk: bool, waar: str, params: list) -> None:
    """Insert the rows of one level (per region, or the whole country) for the
    trajectories ``waar`` selects. Durations are first counted per group and length,
    then gathered into the two arrays of each group's histogram."""
    regio = () if landelijk else ("t.regio_id",)
    sets = ", ".join(
        "(" + ", ".join((*regio, *deel)) + ")"
        for k in range(len(_ONDERDIMENSIES) + 1)
        for deel in combinations(_ONDERDIMENSIES, k)
    )
    per_lengte = ", ".join(
        f"count(*) FILTER (WHERE {_VOORWAARDEN[t]}) AS {kolomnaam(t)}, "
        f"COALESCE(sum(t.recordsleutel) FILTER (WHERE {_VOORWAARDEN[t]}), 0) "
        f"AS {sleutelkolom(t)}"
        for t in TELLERS
    )
    sommen = ", ".join(f"sum(x.{k})" for k in _kolommen())
    regio_kolom = str(ALLE_ID) if landelijk else "x.regio_id"
    regio_select = "" if landelijk else "t.regio_id, "
    cursor.execute(
        f"""
        INSERT INTO {_TABEL} (kwartaal, regio_id, sector_id, doelgroep, aanleverende_partij,
                              {", ".join(_kolommen())}, duren, duuraantallen)
        SELECT x.kwartaal, {regio_kolom}, COALESCE(x.sector_id, {ALLE_ID}),
               COALESCE(x.doelgroep, '{ALLE}'), COALESCE(x.aanleverende_partij, '{ALLE}'),
               {sommen},
               COALESCE(array_agg(x.duur ORDER BY x.duur) FILTER (WHERE x.duur IS NOT NULL),
                        '{{}}'),
               COALESCE(array_agg(x.status_afgerond + x.status_uitgevallen ORDER BY x.duur)
                        FILTER (WHERE x.duur IS NOT NULL), '{{}}')
        FROM (
            SELECT {KWARTAAL_SQL} AS kwartaal, {regio_select}
                   t.sector_id, t.doelgroep, t.aanleverende_partij,
                   GROUPING({", ".join((*regio, *_ONDERDIMENSIES))}) AS g,
                   {_DUUR_SQL} AS duur,
                   {per_lengte}
            FROM effectiviteit_traject t
            WHERE {waar}
            GROUP BY {KWARTAAL_SQL}, {_DUUR_SQL}, GROUPING SETS ({sets})
        ) x
        GROUP BY x.kwartaal, x.g, {"" if landelijk else "x.regio_id, "}x.sector_id, x.doelgroep,
                 x.aanleverende_partij
        """,
        params,
    )


def bijwerken(cursor, *, regio_ids: list[int], kwartalen: list) -> None:
    """Rebuild the rows of ``regio_ids`` and the national rows of ``kwartalen``."""
    if regio_ids:
        cursor.execute(f"DELETE FROM {_TABEL} WHERE regio_id = ANY(%s)", [regio_ids])
        _opbouwen(cursor, landelijk=False, waar="t.regio_id = ANY(%s)", params=[regio_ids])
    if kwartalen:
        cursor.execute(
            f"DELETE FROM {_TABEL} WHERE regio_id = {ALLE_ID} AND kwartaal = ANY(%s)", [kwartalen]
        )
        # The range lets the start-date index find the rows; the list keeps only its quarters.
        _opbouwen(
            cursor,
            landelijk=True,
            waar=f"t.startdatum >= %s AND t.startdatum < %s::date + interval '3 months' "
            f"AND {KWARTAAL_SQL} = ANY(%s)",
            params=[min(kwartalen), max(kwartalen), kwartalen],
        )


def herberekenen(cursor) -> None:
    """Replace the whole summary with fresh totals of every trajectory."""
    cursor.execute(f"TRUNCATE {_TABEL}")
    _opbouwen(cursor, landelijk=False, waar="TRUE", params=[])
    _opbouwen(cursor, landelijk=True, waar="TRUE", params=[])
