"""The national summary tables (Landcel, Landduur): rebuilt from the trajectory rows
in SQL, inside the transaction of the write that changed those rows."""

from effectiviteit import woorden
from effectiviteit.models import TELLERS, kolomnaam

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

# The grouping dimensions of the summary: none, or exactly one of these.
NIVEAUS = {
    "sector": "t.sector_id::text",
    "doelgroep": "t.doelgroep",
    "aanleverende_partij": "t.aanleverende_partij",
}

_NIVEAU_SQL = (
    "CASE WHEN GROUPING(t.sector_id) = 0 THEN 'sector' "
    "WHEN GROUPING(t.doelgroep) = 0 THEN 'doelgroep' "
    "WHEN GROUPING(t.aanleverende_partij) = 0 THEN 'aanleverende_partij' ELSE '' END"
)
_WAARDE_SQL = "COALESCE(t.sector_id::text, t.doelgroep, t.aanleverende_partij, '')"
_MAAND = "date_trunc('month', t.startdatum)::date"
_DUUR = "(t.einddatum - t.startdatum)"


def _sets(*vast: str) -> str:
    basis = ", ".join(vast)
    return (
        f"GROUPING SETS (({basis}), ({basis}, t.sector_id), ({basis}, t.doelgroep), "
        f"({basis}, t.aanleverende_partij))"
    )


def landcijfers_herberekenen(cursor) -> None:
    """Replace both national summary tables with fresh totals of every trajectory."""
    cursor.execute("DELETE FROM effectiviteit_landcel")
    cursor.execute("DELETE FROM effectiviteit_landduur")
    cursor.execute(
        f"""
        INSERT INTO effectiviteit_landcel (maand, niveau, waarde, {KOLOMMEN_SQL})
        SELECT {_MAAND}, {_NIVEAU_SQL}, {_WAARDE_SQL}, {TELLER_SQL}
        FROM effectiviteit_traject t
        GROUP BY {_sets(_MAAND)}
        """
    )
    cursor.execute(
        f"""
        INSERT INTO effectiviteit_landduur (maand, niveau, waarde, duur, aantal)
        SELECT {_MAAND}, {_NIVEAU_SQL}, {_WAARDE_SQL}, {_DUUR}, count(*)
        FROM effectiviteit_traject t
        WHERE t.status IN ('afgerond', 'uitgevallen') AND t.einddatum IS NOT NULL
        GROUP BY {_sets(_MAAND, _DUUR)}
        """
    )
