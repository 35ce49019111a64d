"""The summary tables: counts (Kubuscel) and duration histograms (Kubusvak) per start month
for the combinations of regio, sector, doelgroep and aanleverende partij (each one value
or all of them), and both per start day for the whole country (Kubusdag, Kubusdagvak),
kept current inside the transaction of each write.

A write records the rows it changes in a delta relation: the old version of a changed
row with weight -1, the new version with +1. One set-based pass aggregates that delta
over all groupings and adds it to the summary (``INSERT ... ON CONFLICT``), so the
cost follows the size of the write, not of the table. Cells that drop to zero go.
"""

from itertools import combinations

from effectiviteit import woorden
from effectiviteit.models import ALLE, ALLE_REGIO, TELLERS, VAK_DAGEN, VAKKEN, kolomnaam

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


def klasse(duur: str) -> str:
    """The class of a duration among the VAKKEN class totals (the last takes the rest)."""
    return f"least(({duur}) / {VAK_DAGEN}, {VAKKEN - 1})"


ONDERDIMENSIES = ("t.sector_id", "t.doelgroep", "t.aanleverende_partij")


def _cel_sets() -> str:
    """Every combination of the four dimensions except one region with all three others:
    that set alone has about one row per trajectory (half of the rows to maintain),
    and its cohorts are small enough to count from rows (``cijfers._bron``)."""
    sets = [
        combinatie
        for k in range(len(DIMENSIES) + 1)
        for combinatie in combinations(DIMENSIES, k)
        if len(combinatie) < len(DIMENSIES)
    ]
    return "GROUPING SETS (" + ", ".join("(" + ", ".join((_MAAND, *s)) + ")" for s in sets) + ")"


def _vak_sets() -> str:
    """Regio or not, times none or exactly one of sector, doelgroep, partij."""
    sets = []
    for regio in ((), ("t.regio_id",)):
        for extra in ((), *((d,) for d in ONDERDIMENSIES)):
            sets.append("(" + ", ".join((_MAAND, "t.vak", *regio, *extra)) + ")")
    return "GROUPING SETS (" + ", ".join(sets) + ")"


def kubus_bijwerken(cursor, delta_sql: str) -> None:
    """Add a delta to the summary tables.

    ``delta_sql`` selects ``teken`` (+1 or -1) and ``DELTA_KOLOMMEN``.
    """
    bijwerken = ", ".join(
        f"{kolomnaam(t)} = v.{kolomnaam(t)} + EXCLUDED.{kolomnaam(t)}" for t in TELLERS
    )
    # Class totals of the ended trajectories (``klasse``), added up element by element.
    vakken = ", ".join(
        f"COALESCE(sum(t.teken) FILTER (WHERE t.klasse = {i}), 0)" for i in range(VAKKEN)
    )
    vakken_optellen = ", ".join(
        f"v.vakken[{i}] + EXCLUDED.vakken[{i}]" for i in range(1, VAKKEN + 1)
    )
    met_klasse = f"""(
        SELECT d.*, CASE WHEN d.status IN ('afgerond', 'uitgevallen') AND d.einddatum IS NOT NULL
                         THEN {klasse("d.einddatum - d.startdatum")} END AS klasse
        FROM ({delta_sql}) d
    ) t"""
    # Only the groupings with at most one of sector, doelgroep and partij (the ones of
    # Kubusvak) keep class totals: GROUPING() has a bit set for each one left out.
    cursor.execute(
        f"""
        INSERT INTO effectiviteit_kubuscel AS v ({SLEUTEL}, {KOLOMMEN_SQL}, vakken)
        SELECT {_SLEUTEL_SQL}, {_GEWOGEN_SQL},
               CASE WHEN GROUPING({", ".join(ONDERDIMENSIES)}) IN (3, 5, 6, 7)
                    THEN ARRAY[{vakken}]::integer[] END
        FROM {met_klasse}
        GROUP BY {_cel_sets()}
        HAVING bool_or(t.teken <> 0)
        ON CONFLICT ({SLEUTEL}) DO UPDATE SET {bijwerken},
            vakken = CASE WHEN v.vakken IS NOT NULL THEN ARRAY[{vakken_optellen}] END
        """,
    )
    cursor.execute(
        f"""
        INSERT INTO effectiviteit_kubusdag AS v (dag, {KOLOMMEN_SQL}, vakken)
        SELECT t.startdatum, {_GEWOGEN_SQL}, ARRAY[{vakken}]::integer[]
        FROM {met_klasse} GROUP BY t.startdatum
        ON CONFLICT (dag) DO UPDATE SET {bijwerken}, vakken = ARRAY[{vakken_optellen}]
        """,
    )
    # One row per class of VAK_DAGEN days with its days as an array: a tenth of the rows
    # a row per day would need, and the median still reads only the classes it needs.
    aantallen = ", ".join(
        f"COALESCE(sum(t.teken) FILTER (WHERE t.dag = {i}), 0)" for i in range(VAK_DAGEN)
    )
    optellen = ", ".join(f"v.dagen[{i}] + EXCLUDED.dagen[{i}]" for i in range(1, VAK_DAGEN + 1))
    beeindigd = f"""(
        SELECT d.*, (d.einddatum - d.startdatum) / {VAK_DAGEN} AS vak,
               mod(d.einddatum - d.startdatum, {VAK_DAGEN}) AS dag
        FROM ({delta_sql}) d
        WHERE d.status IN ('afgerond', 'uitgevallen') AND d.einddatum IS NOT NULL
    ) t"""
    cursor.execute(
        f"""
        INSERT INTO effectiviteit_kubusvak AS v ({SLEUTEL}, vak, aantal, dagen)
        SELECT {_SLEUTEL_SQL}, t.vak, sum(t.teken), ARRAY[{aantallen}]::integer[]
        FROM {beeindigd}
        GROUP BY {_vak_sets()}
        ON CONFLICT ({SLEUTEL}, vak)
        DO UPDATE SET aantal = v.aantal + EXCLUDED.aantal, dagen = ARRAY[{optellen}]
        """,
    )
    cursor.execute(
        f"""
        INSERT INTO effectiviteit_kubusdagvak AS v (dag, vak, aantal, dagen)
        SELECT t.startdatum, t.vak, sum(t.teken), ARRAY[{aantallen}]::integer[]
        FROM {beeindigd}
        GROUP BY t.startdatum, t.vak
        ON CONFLICT (dag, vak)
        DO UPDATE SET aantal = v.aantal + EXCLUDED.aantal, dagen = ARRAY[{optellen}]
        """,
    )
    # Only a delta that takes trajectories out can empty a cell (a scan of each table).
    cursor.execute(f"SELECT EXISTS (SELECT FROM ({delta_sql}) t WHERE t.teken < 0)")
    if cursor.fetchone()[0]:
        # A class's days are never negative, so a class whose total is zero is empty.
        cursor.execute("DELETE FROM effectiviteit_kubusvak WHERE aantal = 0")
        cursor.execute("DELETE FROM effectiviteit_kubusdagvak WHERE aantal = 0")
        cursor.execute("DELETE FROM effectiviteit_kubuscel WHERE n = 0")
        cursor.execute("DELETE FROM effectiviteit_kubusdag WHERE n = 0")


def kubus_herberekenen(cursor) -> None:
    """Replace the summary tables with fresh totals of every trajectory."""
    cursor.execute(
        "TRUNCATE effectiviteit_kubuscel, effectiviteit_kubusvak, effectiviteit_kubusdag, "
        "effectiviteit_kubusdagvak"
    )
    kubus_bijwerken(cursor, f"SELECT 1 AS teken, {DELTA_KOLOMMEN} FROM effectiviteit_traject")
