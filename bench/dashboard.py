"""Effectiviteit at a realistic 200,000 and at 1,000,000 trajectories: the figures for a
mix of filters next to pandas computing the same figures in the same run, and a
100,000-row CSV import on top of 1,000,000 (time, and Python's peak memory against a
10,000-row file, to show it does not grow with the file)."""

import csv
import datetime as dt
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench.common import benchmark_database, p50_p95, timings_ms

AANTALLEN = (200_000, 1_000_000)
IMPORT_RIJEN = 100_000
HERHALINGEN = 5


def _filters():
    from effectiviteit.forms import standaardperiode
    from effectiviteit.selectors import Filters
    from portal.models import Regio, Sector

    vandaag = dt.date.today()
    van, tot = standaardperiode(vandaag)
    regios = [None, *Regio.objects.filter(slug__in=["twente", "rijnmond", "noord-limburg"])]
    handel = Sector.objects.get(slug="handel")
    mix = []
    for regio in regios:
        mix.append(Filters(van=van, tot=tot, regio=regio))
        mix.append(
            Filters(van=van + dt.timedelta(days=17), tot=tot - dt.timedelta(days=40), regio=regio)
        )
        mix.append(Filters(van=van, tot=tot, regio=regio, sector=handel))
        mix.append(
            Filters(
                van=vandaag - dt.timedelta(days=5 * 365),
                tot=vandaag,
                regio=regio,
                doelgroep="bijstand",
            )
        )
        mix.append(
            Filters(
                van=van,
                tot=tot,
                regio=regio,
                sector=handel,
                doelgroep="ww",
                aanleverende_partij="uwv",
            )
        )
    return mix


def _dataframe():
    import pandas as pd
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT regio_id, sector_id, doelgroep, aanleverende_partij, startdatum, einddatum, "
            "status, behaald_bewijsstuk, uitvalreden, vervolg FROM effectiviteit_traject"
        )
        kolommen = [c[0] for c in cursor.description]
        df = pd.DataFrame(cursor.fetchall(), columns=kolommen)
    df["startdatum"] = pd.to_datetime(df["startdatum"])
    df["einddatum"] = pd.to_datetime(df["einddatum"])
    for kolom in (
        "doelgroep",
        "aanleverende_partij",
        "status",
        "behaald_bewijsstuk",
        "uitvalreden",
        "vervolg",
    ):
        df[kolom] = df[kolom].astype("category")
    return df


def _pandas_cijfers(df, f):
    """The same true counts and median as effectiviteit.selectors, in pandas."""
    import pandas as pd

    masker = (df["startdatum"] >= pd.Timestamp(f.van)) & (df["startdatum"] <= pd.Timestamp(f.tot))
    if f.regio:
        masker &= df["regio_id"] == f.regio.pk
    if f.sector:
        masker &= df["sector_id"] == f.sector.pk
    if f.doelgroep:
        masker &= df["doelgroep"] == f.doelgroep
    if f.aanleverende_partij:
        masker &= df["aanleverende_partij"] == f.aanleverende_partij
    c = df[masker]
    status = c["status"].value_counts()
    klaar = c[c["status"].isin(["afgerond", "uitgevallen"])]
    behaald = c.loc[c["status"] == "afgerond", "behaald_bewijsstuk"].value_counts()
    redenen = c.loc[c["status"] == "uitgevallen", "uitvalreden"].value_counts()
    vervolg = klaar["vervolg"].value_counts()
    kwartalen = c["startdatum"].dt.to_period("Q").value_counts()
    duur = (klaar["einddatum"] - klaar["startdatum"]).dt.days
    mediaan = None if duur.empty else round(float(duur.median()))
    return {
        "n": len(c),
        "status": status,
        "behaald": behaald,
        "redenen": redenen,
        "vervolg": vervolg,
        "kwartalen": kwartalen,
        "mediaan": mediaan,
    }


def _csv_maken(pad: Path, aantal: int) -> None:
    from effectiviteit import synthetisch
    from effectiviteit.inlezen import KOLOMMEN
    from portal.models import Regio, Sector

    slugs = dict(Regio.objects.values_list("id", "slug"))
    sectoren = dict(Sector.objects.values_list("id", "slug"))
    with pad.open("w", encoding="utf-8", newline="") as f:
        schrijver = csv.writer(f, delimiter=";")
        schrijver.writerow(KOLOMMEN)
        for i, r in enumerate(synthetisch.trajecten(aantal=aantal, seed=99)):
            (
                regio,
                _,
                partij,
                doelgroep,
                _,
                sk,
                sector,
                _,
                beoogd,
                start,
                eind,
                status,
                behaald,
                reden,
                vervolg,
            ) = r
            schrijver.writerow(
                [
                    f"BENCH-{i}",
                    slugs[regio],
                    partij,
                    doelgroep,
                    30,
                    "ja" if sk else "nee",
                    sectoren[sector],
                    "",
                    beoogd,
                    start.strftime("%d-%m-%Y"),
                    eind.isoformat() if eind else "",
                    status,
                    behaald,
                    reden,
                    vervolg,
                ]
            )


def _cijfers_meten(df_nodig: bool) -> None:
    from effectiviteit.selectors import kerncijfers

    mix = _filters()
    for f in mix:  # warm the caches the way a running server has them
        kerncijfers(f)
    sql_ms = []
    for f in mix:
        sql_ms += timings_ms(lambda f=f: kerncijfers(f), HERHALINGEN)
    s50, s95 = p50_p95(sql_ms)
    print(f"kerncijfers ({len(mix)} filters x {HERHALINGEN}): p50 {s50:.1f} ms, p95 {s95:.1f} ms")
    if not df_nodig:
        return
    df = _dataframe()
    pandas_ms = []
    for f in mix:
        pandas_ms += timings_ms(lambda f=f: _pandas_cijfers(df, f), 2)
    # the same cohort gives the same median, so the comparison is fair
    controle = kerncijfers(mix[0])
    assert (
        controle["mediane_duur_dagen"] is None
        or controle["mediane_duur_dagen"] == _pandas_cijfers(df, mix[0])["mediaan"]
    )
    p50, p95 = p50_p95(pandas_ms)
    print(f"pandas, zelfde cijfers:        p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    print(f"verhouding pandas / portaal:   p50 {p50 / s50:.1f}x, p95 {p95 / s95:.1f}x")


def _importeren(pad: Path, *, geheugen: bool) -> tuple[float, float | None]:
    from effectiviteit.services import trajecten_importeren

    if geheugen:
        tracemalloc.start()
    start = time.perf_counter()
    resultaat = trajecten_importeren(bestand=pad)
    duur = time.perf_counter() - start
    piek = None
    if geheugen:
        piek = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    assert resultaat.gelukt, resultaat.fouten[:5]
    return duur, piek


def main() -> None:
    from django.db import connection

    from effectiviteit.services import trajecten_genereren

    with benchmark_database():
        geladen = 0
        for aantal in AANTALLEN:
            start = time.perf_counter()
            trajecten_genereren(aantal=aantal - geladen, seed=aantal)
            geladen = aantal
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            print(
                f"{aantal:,} synthetische trajecten, geladen in {time.perf_counter() - start:.1f} s"
            )
            _cijfers_meten(df_nodig=True)

        with tempfile.TemporaryDirectory() as tmp:
            pad = Path(tmp) / "import.csv"
            _csv_maken(pad, IMPORT_RIJEN)
            duur, _ = _importeren(pad, geheugen=False)
            print(f"import {IMPORT_RIJEN:,} nieuwe rijen CSV (op {geladen:,}): {duur:.1f} s")
            _cijfers_meten(df_nodig=False)
            duur, piek_groot = _importeren(pad, geheugen=True)
            klein = Path(tmp) / "klein.csv"
            _csv_maken(klein, IMPORT_RIJEN // 10)
            _, piek_klein = _importeren(klein, geheugen=True)
            print(
                f"dezelfde import nogmaals (alles bijgewerkt, met geheugenmeting): {duur:.1f} s; "
                f"piekgeheugen Python {piek_groot:.1f} MiB, bij {IMPORT_RIJEN // 10:,} rijen "
                f"{piek_klein:.1f} MiB"
            )
