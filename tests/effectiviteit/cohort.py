"""Build trajectory rows straight in the database for the figure tests."""

import contextlib
import datetime as dt
import itertools

from django.db import connection
from django.test.utils import CaptureQueriesContext

from effectiviteit.kubus import kubus_herberekenen
from effectiviteit.models import Traject
from portal.models import Regio, Sector

_teller = itertools.count()


def traject(
    *,
    regio="twente",
    sector="handel",
    doelgroep="bijstand",
    partij="gemeente",
    start=dt.date(2024, 1, 10),
    duur=None,
    status="lopend",
    behaald="",
    reden="",
    vervolg="",
    synthetisch=False,
) -> Traject:
    return Traject(
        regio=Regio.objects.get(slug=regio) if isinstance(regio, str) else regio,
        pseudoniem=f"p{next(_teller)}",
        aanleverende_partij=partij,
        doelgroep=doelgroep,
        sector=Sector.objects.get(slug=sector) if isinstance(sector, str) else sector,
        beoogd_bewijsstuk="praktijkverklaring",
        startdatum=start,
        einddatum=None if duur is None else start + dt.timedelta(days=duur),
        status=status,
        behaald_bewijsstuk=behaald,
        uitvalreden=reden,
        vervolg=vervolg,
        synthetisch=synthetisch,
    )


def opslaan(trajecten: list[Traject]) -> None:
    Traject.objects.bulk_create(trajecten)
    with connection.cursor() as cursor:
        kubus_herberekenen(cursor)


def kubusinhoud() -> list[list[str]]:
    """Every summary table's rows (without the surrogate ids), in a fixed order."""
    inhoud = []
    with connection.cursor() as cursor:
        for tabel in ("kubuscel", "kubusvak", "kubusdag", "kubusdagvak"):
            cursor.execute(f"SELECT (to_jsonb(k) - 'id')::text FROM effectiviteit_{tabel} k")
            inhoud.append(sorted(r[0] for r in cursor.fetchall()))
    return inhoud


def vaste_cohort() -> None:
    """26 trajectories in Twente, first half of 2024, with hand-countable outcomes."""
    rijen = []
    behaald = ["praktijkverklaring"] * 6 + ["mbo-certificaat"] * 3 + ["mbo-diploma"] + ["geen"] * 2
    vervolg_af = ["duurzame-baan"] * 7 + ["tijdelijke-baan"] * 2 + ["onderwijs"] * 2 + [""]
    for i in range(12):
        rijen.append(
            traject(
                start=dt.date(2024, 1, 10),
                duur=100 + i,
                status="afgerond",
                behaald=behaald[i],
                vervolg=vervolg_af[i] or "onbekend",
            )
        )
    redenen = ["motivatie"] * 5 + ["gezondheid"] * 3
    vervolg_uit = ["geen-werk"] * 5 + ["onbekend"] * 3
    for i in range(8):
        rijen.append(
            traject(
                start=dt.date(2024, 2, 20),
                duur=20 + i,
                status="uitgevallen",
                reden=redenen[i],
                vervolg=vervolg_uit[i],
                sector="zorg-welzijn-en-sport",
            )
        )
    for _ in range(6):
        rijen.append(traject(start=dt.date(2024, 5, 1), doelgroep="ww"))
    # outside the cohort: another region, and before the period
    rijen.append(traject(regio="noord-limburg", start=dt.date(2024, 3, 1)))
    rijen.append(
        traject(
            start=dt.date(2023, 12, 31),
            status="afgerond",
            duur=5,
            behaald="geen",
            vervolg="onbekend",
        )
    )
    opslaan(rijen)


@contextlib.contextmanager
def opdrachten():
    """The statements run inside the block, without the savepoints that guard the
    figures' EXECUTE only because a test runs inside a transaction."""
    lijst: list[str] = []
    with CaptureQueriesContext(connection) as vastgelegd:
        yield lijst
    lijst.extend(q["sql"] for q in vastgelegd if "SAVEPOINT" not in q["sql"])
