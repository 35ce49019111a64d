"""The summary tables (Kubuscel, Kubusduur, Kubusvak): counts and duration histograms per start
month for every combination of regio, sector, doelgroep and aanleverende partij (each
one value or all of them), kept current inside the transaction of each write.

A write records the rows it changes in a delta relation: the old version of a changed
row with weight -1, the new version with +1. One set-based pass aggregates that delta
over all groupings and adds it to the summary (``INSERT ... ON CONFLICT``), so the
cost follows the size of the write, not of the table. Cells that drop to zero go.
"""

from effectiviteit import woorden
from effectiviteit.models import ALLE, ALLE_REGIO, TELLERS, VAK_DAGEN, kolomnaam

# How each counter is counted over trajectory rows (alias ``t``).
_VOORWAARDEN = {
    "n": "TRUE",
    **{f"status_{c}": f"t.status = '{c}'" for c in woorden.STATUSSEN},
    **{
        f"behaald_{c}": f"t.status = 'afgerond' AND t.behaald_bewijsstuk = '{c}'"
        for c in woorden.BEHAALD
    },
    **{
        f"uitval_{c}": f"t.status = 'uitgevallen' AND t.uitvalreden = '{c}'"
        for c in woorden.UITVALREDENEN
    },
    **{
        f"vervolg_{c}": (
            f"t.status IN ('afgerond', 'uitgevallen') AND "
            f"COALESCE(NULLIF(t.vervolg, ''), 'onbekend') = '{c}'"
        )
        for c in woorden.VERVOLGEN
    },
}
TELLER_SQL = ", ".join(
    f"count(*) FILTER (WHERE {_VOORWAARDEN[t]}) AS {kolomnaam(t)}" for t in TELLERS
)
KOLOMMEN_SQL = ", ".join(kolomnaam(t) for t in TELLERS)
_GEWOGEN_SQL = ", ".join(
    f"COALESCE(sum(t.teken) FILTER (WHERE {_VOORWAARDEN[t]}), 0) AS {kolomnaam(t)}" for t in TELLERS
)

# The columns a delta relation has: a weight and the trajectory fields the summary needs.
DELTA_KOLOMMEN = (
    "regio_id, sector_id, doelgroep, aanleverende_partij, startdatum, einddatum, "
    "status, behaald_bewijsstuk, uitvalreden, vervolg"
)
SLEUTEL = "regio_id, sector_id, doelgroep, aanleverende_partij, maand"
DIMENSIES = ("t.regio_id", "t.sector_id", "t.doelgroep", "t.aanleverende_partij")
_SLEUTEL_SQL = (
    f"COALESCE(t.regio_id, {ALLE_REGIO}), COALESCE(t.sector_id, {ALLE_REGIO}), "
    f"COALESCE(t.doelgroep, '{ALLE}'), COALESCE(t.aanleverende_partij, '{ALLE}'), "
    "date_trunc('month', t.startdatum)::date"
)
_MAAND = "date_trunc('month', t.startdatum)::date"
_DUUR = "(t.einddatum - t.startdatum)"
_VAK = f"((t.einddatum - t.startdatum) / {VAK_DAGEN})"


def _duur_sets(duur: str = _DUUR) -> str:
    """Regio or not, times none or exactly one of sector, doelgroep, partij."""
    sets = []
    for regio in ((), ("t.regio_id",)):
        for extra in ((), ("t.sector_id",), ("t.doelgroep",), ("t.aanleverende_partij",)):
            sets.append("(" + ", ".join((_MAAND, duur, *regio, *extra)) + ")")
    return "GROUPING SETS (" + ", ".join(sets) + ")"


def kubus_bijwerken(cursor, delta_sql: str, params=()) -> None:
    """Add a delta to both summary tables.

    ``delta_sql`` selects ``teken`` (+1 or -1) and ``DELTA_KOLOMMEN``.
    """
    bijwerken = ", ".join(
        f"{kolomnaam(t)} = effectiviteit_kubuscel.{kolomnaam(t)} + EXCLUDED.{kolomnaam(t)}"
        for t in TELLERS
    )
    cursor.execute(
        f"""
        INSERT INTO effectiviteit_kubuscel ({SLEUTEL}, {KOLOMMEN_SQL})
        SELECT {_SLEUTEL_SQL}, {_GEWOGEN_SQL}
        FROM ({delta_sql}) t
        GROUP BY {_MAAND}, CUBE({", ".join(DIMENSIES)})
        HAVING bool_or(t.teken <> 0)
        ON CONFLICT ({SLEUTEL}) DO UPDATE SET {bijwerken}
        """,
        params,
    )
    cursor.execute(
        f"""
        INSERT INTO effectiviteit_kubusduur ({SLEUTEL}, duur, aantal)
        SELECT {_SLEUTEL_SQL}, {_DUUR}, sum(t.teken)
        FROM ({delta_sql}) t
        WHERE t.status IN ('afgerond', 'uitgevallen') AND t.einddatum IS NOT NULL
        GROUP BY {_duur_sets()}
        HAVING sum(t.teken) <> 0
        ON CONFLICT ({SLEUTEL}, duur)
        DO UPDATE SET aantal = effectiviteit_kubusduur.aantal + EXCLUDED.aantal
        """,
        params,
    )
    cursor.execute(
        f"""
        INSERT INTO effectiviteit_kubusvak ({SLEUTEL}, vak, aantal)
        SELECT {_SLEUTEL_SQL}, {_VAK}, sum(t.teken)
        FROM ({delta_sql}) t
        WHERE t.status IN ('afgerond', 'uitgevallen') AND t.einddatum IS NOT NULL
        GROUP BY {_duur_sets(_VAK)}
        HAVING sum(t.teken) <> 0
        ON CONFLICT ({SLEUTEL}, vak)
        DO UPDATE SET aantal = effectiviteit_kubusvak.aantal + EXCLUDED.aantal
        """,
        params,
    )
    cursor.execute("DELETE FROM effectiviteit_kubusvak WHERE aantal = 0")
    # Only cells the delta touched can have dropped to zero; deltas are rarely negative.
    cursor.execute("DELETE FROM effectiviteit_kubuscel WHERE n = 0")
    cursor.execute("DELETE FROM effectiviteit_kubusduur WHERE aantal = 0")


def kubus_herberekenen(cursor) -> None:
    """Replace both summary tables with fresh totals of every trajectory."""
    cursor.execute("DELETE FROM effectiviteit_kubuscel")
    cursor.execute("DELETE FROM effectiviteit_kubusduur")
    cursor.execute("DELETE FROM effectiviteit_kubusvak")
    kubus_bijwerken(cursor, f"SELECT 1 AS teken, {DELTA_KOLOMMEN} FROM effectiviteit_traject")
