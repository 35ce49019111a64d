"""The summary the figures are read from (``Kwartaaltelling``), and how it is rebuilt.

Per start quarter one row per cell (a region with one value of sector, doelgroep and
aanleverende partij) and national rows (regio 0) for every combination of those three.
An import rebuilds the rows of the regions and quarters it touched from the trajectories,
with the same statements that build the summary from nothing (docs/performance.md,
How the figures are computed).
"""

from itertools import combinations

from django.db import transaction

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


_CEL = "kwartaal, regio_id, sector_id, doelgroep, aanleverende_partij"


def _fijn_tellen(cursor, *, waar: str, params: list) -> None:
    """Count the trajectories ``waar`` selects once, per quarter and value of every
    dimension (``fijn``: counters and key sums; ``fijn_duur``: ended ones per duration).
    Every row of the summary is a sum of these rows, which are far fewer than the
    trajectories, so the rollups below read little."""
    tellers = ", ".join(
        f"count(*) FILTER (WHERE {_VOORWAARDEN[t]}) AS {kolomnaam(t)}, "
        f"COALESCE(sum(t.recordsleutel) FILTER (WHERE {_VOORWAARDEN[t]}), 0) "
        f"AS {sleutelkolom(t)}"
        for t in TELLERS
    )
    dimensies = f"{KWARTAAL_SQL} AS kwartaal, t.regio_id, {', '.join(_ONDERDIMENSIES)}"
    cursor.execute("DROP TABLE IF EXISTS pg_temp.fijn, pg_temp.fijn_duur")
    cursor.execute(
        f"""
        CREATE TEMPORARY TABLE fijn ON COMMIT DROP AS
        SELECT {dimensies}, {tellers}
        FROM effectiviteit_traject t WHERE {waar} GROUP BY 1, 2, 3, 4, 5
        """,
        params,
    )
    cursor.execute(
        f"""
        CREATE TEMPORARY TABLE fijn_duur ON COMMIT DROP AS
        SELECT {dimensies}, {_DUUR_SQL} AS duur, count(*) AS aantal
        FROM effectiviteit_traject t WHERE ({waar}) AND {_BEEINDIGD} AND t.einddatum IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5, 6
        """,
        params,
    )


def _cellen_opslaan(cursor, *, waar: str, params: list) -> None:
    """Insert the cells of ``fijn`` that ``waar`` selects as they are: one row per quarter,
    region and value of every other dimension, with its durations."""
    kolommen = ", ".join(_kolommen())
    cursor.execute(
        f"""
        INSERT INTO {_TABEL} ({_CEL}, {kolommen}, duren, duuraantallen)
        SELECT {_CEL}, {kolommen}, COALESCE(h.duren, '{{}}'), COALESCE(h.aantallen, '{{}}')
        FROM fijn f
        LEFT JOIN (
            SELECT {_CEL}, array_agg(duur ORDER BY duur) AS duren,
                   array_agg(aantal ORDER BY duur) AS aantallen
            FROM fijn_duur f WHERE {waar}
            GROUP BY {_CEL}
        ) h USING ({_CEL})
        WHERE {waar}
        """,
        params * 2,
    )


def _landelijk_opslaan(cursor, *, waar: str, params: list) -> None:
    """Insert the national rows of the quarters ``waar`` selects: every combination of
    sector, doelgroep and partij, each one value or all, summed over the regions. Durations
    only where there is at most one of the three (a median of any other national cohort
    adds up its cells; see ``selectors._duur_waar``)."""
    onder = ("f.sector_id", "f.doelgroep", "f.aanleverende_partij")
    sets = ", ".join(
        "(" + ", ".join(deel) + ")"
        for k in range(len(onder) + 1)
        for deel in combinations(onder, k)
    )
    duur_sets = ", ".join(["()", *(f"({d})" for d in onder)])
    sleutel = (
        f"f.kwartaal, {ALLE_ID} AS regio_id, "
        f"COALESCE(f.sector_id, {ALLE_ID}) AS sector_id, "
        f"COALESCE(f.doelgroep, '{ALLE}') AS doelgroep, "
        f"COALESCE(f.aanleverende_partij, '{ALLE}') AS aanleverende_partij"
    )
    kolommen = ", ".join(_kolommen())
    sommen = ", ".join(f"sum(f.{k}) AS {k}" for k in _kolommen())
    cursor.execute(
        f"""
        INSERT INTO {_TABEL} ({_CEL}, {kolommen}, duren, duuraantallen)
        SELECT {_CEL}, {kolommen}, COALESCE(h.duren, '{{}}'), COALESCE(h.aantallen, '{{}}')
        FROM (
            SELECT {sleutel}, {sommen} FROM fijn f WHERE {waar}
            GROUP BY f.kwartaal, GROUPING SETS ({sets})
        ) c
        LEFT JOIN (
            SELECT {_CEL}, array_agg(duur ORDER BY duur) AS duren,
                   array_agg(aantal ORDER BY duur) AS aantallen
            FROM (
                SELECT {sleutel}, f.duur, sum(f.aantal) AS aantal FROM fijn_duur f WHERE {waar}
                GROUP BY f.kwartaal, f.duur, GROUPING SETS ({duur_sets})
            ) d
            GROUP BY {_CEL}
        ) h USING ({_CEL})
        """,
        params * 2,
    )


def bijwerken(cursor, *, regio_ids: list[int], kwartalen: list) -> None:
    """Rebuild the rows of ``regio_ids`` and the national rows of ``kwartalen``."""
    if not regio_ids and not kwartalen:
        return
    with transaction.atomic(using=cursor.db.alias):
        _bijwerken(cursor, regio_ids=regio_ids, kwartalen=kwartalen)


def _bijwerken(cursor, *, regio_ids: list[int], kwartalen: list) -> None:
    # The range lets the start-date index find the rows; the list keeps only its quarters.
    _fijn_tellen(
        cursor,
        waar=f"t.regio_id = ANY(%s) OR (t.startdatum >= %s "
        f"AND t.startdatum < %s::date + interval '3 months' AND {KWARTAAL_SQL} = ANY(%s))",
        params=[regio_ids, min(kwartalen), max(kwartalen), kwartalen],
    )
    cursor.execute(f"DELETE FROM {_TABEL} WHERE regio_id = ANY(%s)", [regio_ids])
    _cellen_opslaan(cursor, waar="f.regio_id = ANY(%s)", params=[regio_ids])
    cursor.execute(
        f"DELETE FROM {_TABEL} WHERE regio_id = {ALLE_ID} AND kwartaal = ANY(%s)", [kwartalen]
    )
    _landelijk_opslaan(cursor, waar="f.kwartaal = ANY(%s)", params=[kwartalen])


def herberekenen(cursor) -> None:
    """Replace the whole summary with fresh totals of every trajectory."""
    # One transaction: readers never see the summary half built.
    with transaction.atomic(using=cursor.db.alias):
        cursor.execute(f"TRUNCATE {_TABEL}")
        _fijn_tellen(cursor, waar="TRUE", params=[])
        _cellen_opslaan(cursor, waar="TRUE", params=[])
        _landelijk_opslaan(cursor, waar="TRUE", params=[])
