"""Build trajectory rows straight in the database for the figure tests."""

import datetime as dt
import itertools

from django.db import connection

from effectiviteit import samenvatting
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
    sleutel=None,
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
        **({} if sleutel is None else {"recordsleutel": sleutel}),
    )


def opslaan(trajecten: list[Traject]) -> None:
    Traject.objects.bulk_create(trajecten)
    with connection.cursor() as cursor:
        samenvatting.herberekenen(cursor)


def samenvattinginhoud() -> list[str]:
    """The summary's rows (without the surrogate ids), in a fixed order."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT (to_jsonb(k) - 'id')::text FROM effectiviteit_kwartaaltelling k")
        return sorted(r[0] for r in cursor.fetchall())


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


def sleutels_op_nul() -> None:
    """Give every trajectory record key 0, so every cell key is 0 and the published
    counts are known: 1 stays 1, 2 becomes 1, 3 and more go down by 2."""
    Traject.objects.update(recordsleutel=0)
    with connection.cursor() as cursor:
        samenvatting.herberekenen(cursor)
