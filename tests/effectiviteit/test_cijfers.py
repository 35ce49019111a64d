"""The figures of CONTRACT section 6 against hand-computed values and against PostgreSQL."""

import datetime as dt

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from effectiviteit import woorden
from effectiviteit.cijfers import Filters, dashboardcijfers, kerncijfers, mediane_duur, tellingen
from effectiviteit.models import Traject
from portal.models import Regio, Sector
from tests.effectiviteit.cohort import kubusinhoud, opdrachten, opslaan, traject, vaste_cohort

pytestmark = pytest.mark.django_db

EERSTE_HELFT = {"van": dt.date(2024, 1, 1), "tot": dt.date(2024, 6, 30)}


def twente():
    return Regio.objects.get(slug="twente")


def test_fixed_cohort_by_hand():
    vaste_cohort()
    cijfers = kerncijfers(Filters(regio=twente(), **EERSTE_HELFT))
    assert cijfers["n_trajecten"] == 26
    assert cijfers["status"] == {"lopend": 6, "afgerond": 12, "uitgevallen": 8}
    # three of four behaald counts are small: no secondary suppression needed
    assert cijfers["behaald"] == {
        "praktijkverklaring": 6,
        "mbo-certificaat": "<5",
        "mbo-diploma": "<5",
        "geen": "<5",
    }
    # one small reason (gezondheid 3) would follow from 8 - 5: motivatie is hidden too
    assert cijfers["uitvalredenen"] == {
        "werk-gevonden": 0,
        "gezondheid": "<5",
        "motivatie": "x",
        "werkgever-gestopt": 0,
        "persoonlijke-omstandigheden": 0,
        "niveau-te-hoog": 0,
        "overig": 0,
    }
    assert cijfers["vervolg"] == {
        "duurzame-baan": 7,
        "tijdelijke-baan": "<5",
        "onderwijs": "<5",
        "geen-werk": 5,
        "onbekend": "<5",
    }
    assert cijfers["instroom_per_kwartaal"] == {"2024-K1": 20, "2024-K2": 6}
    assert cijfers["afgerond_pct"] == 60.0
    assert cijfers["uitval_pct"] == 40.0
    assert cijfers["duurzame_baan_pct"] == 35.0
    assert cijfers["onderwijs_pct"] is None  # numerator suppressed
    # 50% of 20 ended would give geen = 12 - 10 = 2 back: hidden behaald cells hide it
    assert cijfers["bewijsstuk_pct"] is None
    # durations 20..27 and 100..111: ranks 10 and 11 are 101 and 102 -> 101.5 -> 102
    assert cijfers["mediane_duur_dagen"] == 102


def test_filters_narrow_the_cohort():
    vaste_cohort()
    zorg = Sector.objects.get(slug="zorg-welzijn-en-sport")
    cijfers = kerncijfers(Filters(regio=twente(), sector=zorg, **EERSTE_HELFT))
    assert cijfers["n_trajecten"] == 8
    assert cijfers["afgerond_pct"] is None  # fewer than 10 ended
    assert cijfers["mediane_duur_dagen"] is None
    ww = kerncijfers(Filters(regio=twente(), doelgroep="ww", **EERSTE_HELFT))
    assert ww["n_trajecten"] == 6
    leeg = kerncijfers(Filters(regio=twente(), aanleverende_partij="uwv", **EERSTE_HELFT))
    assert leeg["n_trajecten"] == 0
    assert leeg["status"] == {"lopend": 0, "afgerond": 0, "uitgevallen": 0}


def test_small_cohort_total_is_suppressed():
    opslaan([traject(), traject(), traject()])
    cijfers = kerncijfers(Filters(regio=twente(), **EERSTE_HELFT))
    assert cijfers["n_trajecten"] == "<5"
    assert cijfers["status"]["lopend"] == "<5"
    assert cijfers["instroom_per_kwartaal"]["2024-K1"] == "<5"


def test_min_cel_setting_is_honoured(settings):
    settings.EFFECTIVITEIT_MIN_CEL = 3
    opslaan([traject(), traject(), traject(), traject(status="afgerond", duur=3, behaald="geen")])
    cijfers = kerncijfers(Filters(regio=twente(), **EERSTE_HELFT))
    assert cijfers["n_trajecten"] == 4
    assert cijfers["status"]["afgerond"] == "<3"
    assert cijfers["status"]["lopend"] == "x"  # else 4 - 3 reveals the single afgerond


def test_dashboard_breakdowns_agree_with_tiles():
    vaste_cohort()
    dash = dashboardcijfers(Filters(regio=twente(), **EERSTE_HELFT))
    assert dash.kern["n_trajecten"] == 26
    handel = next(r for r in dash.per_sector if r.code == "handel")
    zorg = next(r for r in dash.per_sector if r.code == "zorg-welzijn-en-sport")
    assert (handel.n, handel.afgerond, handel.lopend) == (18, 12, 6)
    assert (zorg.n, zorg.uitgevallen) == (8, 8)
    assert dash.landelijk["n_trajecten"] == 27  # Noord-Limburg's trajectory counts nationally


def _echte_tellingen(f: Filters) -> dict:
    qs = Traject.objects.filter(startdatum__range=(f.van, f.tot))
    if f.regio:
        qs = qs.filter(regio=f.regio)
    if f.sector:
        qs = qs.filter(sector=f.sector)
    if f.doelgroep:
        qs = qs.filter(doelgroep=f.doelgroep)
    if f.aanleverende_partij:
        qs = qs.filter(aanleverende_partij=f.aanleverende_partij)
    result = {"n": qs.count()}
    for s in woorden.STATUSSEN:
        result[f"status_{s}"] = qs.filter(status=s).count()
    for v in woorden.VERVOLGEN:
        result[f"vervolg_{v}"] = qs.filter(
            status__in=["afgerond", "uitgevallen"], vervolg=v
        ).count()
    return result


def _pg_mediaan(f: Filters):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY einddatum - startdatum)) "
            "FROM effectiviteit_traject WHERE status <> 'lopend' AND startdatum BETWEEN %s AND %s "
            "AND (%s::bigint IS NULL OR regio_id = %s) AND (%s::bigint IS NULL OR sector_id = %s) "
            "AND (%s = '' OR doelgroep = %s) AND (%s = '' OR aanleverende_partij = %s)",
            [
                f.van,
                f.tot,
                *(2 * [f.regio and f.regio.pk]),
                *(2 * [f.sector and f.sector.pk]),
                *(2 * [f.doelgroep]),
                *(2 * [f.aanleverende_partij]),
            ],
        )
        waarde = cursor.fetchone()[0]
    return None if waarde is None else int(waarde)


dagen = st.integers(min_value=0, max_value=540)
trajecten = st.lists(
    st.tuples(
        st.sampled_from(["twente", "noord-limburg", "rijnmond"]),
        st.sampled_from(["handel", "zorg-welzijn-en-sport"]),
        st.sampled_from(["bijstand", "ww"]),
        dagen,
        st.sampled_from(["lopend", "afgerond", "uitgevallen"]),
        st.integers(min_value=0, max_value=400),
        st.sampled_from(list(woorden.VERVOLGEN)),
    ),
    max_size=60,
)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    rijen=trajecten,
    van=dagen,
    lengte=st.integers(min_value=0, max_value=400),
    regio=st.sampled_from([None, "twente"]),
    sector=st.sampled_from([None, "handel"]),
    doelgroep=st.sampled_from(["", "ww"]),
)
def test_summary_tables_and_rows_give_the_same_counts_and_median(
    rijen, van, lengte, regio, sector, doelgroep
):
    """National figures come from the monthly summary plus edge rows; any period is exact."""
    Traject.objects.all().delete()
    basis = dt.date(2023, 1, 1)
    opslaan(
        [
            traject(
                regio=r,
                sector=s,
                doelgroep=d,
                start=basis + dt.timedelta(days=start),
                status=status,
                duur=None if status == "lopend" else duur,
                behaald="geen" if status == "afgerond" else "",
                reden="overig" if status == "uitgevallen" else "",
                vervolg="" if status == "lopend" else vervolg,
            )
            for r, s, d, start, status, duur, vervolg in rijen
        ]
    )
    f = Filters(
        van=basis + dt.timedelta(days=van),
        tot=basis + dt.timedelta(days=van + lengte),
        regio=Regio.objects.get(slug=regio) if regio else None,
        sector=Sector.objects.get(slug=sector) if sector else None,
        doelgroep=doelgroep,
    )
    berekend = tellingen(f).get("", None)
    echt = _echte_tellingen(f)
    if echt["n"] == 0:
        assert berekend is None or berekend["n"] == 0
    else:
        assert {k: berekend[k] for k in echt} == echt
    assert mediane_duur(f) == _pg_mediaan(f)


importrijen = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=8),  # traject_id: repeats across imports
        st.sampled_from(["twente", "rijnmond"]),
        st.sampled_from(["handel", "zorg-welzijn-en-sport"]),
        st.sampled_from(["uwv", "gemeente"]),
        st.integers(min_value=0, max_value=120),
        st.sampled_from(["lopend", "afgerond", "uitgevallen"]),
        st.integers(min_value=0, max_value=90),
    ),
    max_size=12,
    unique_by=lambda r: (r[0], r[1]),
)


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(eerste=importrijen, tweede=importrijen)
def test_imports_keep_the_summary_equal_to_a_full_rebuild(tmp_path_factory, eerste, tweede):
    """Each import adds only its delta (old versions out, new in) to the summary; after
    new rows and updated rows the summary equals one rebuilt from all trajectories."""
    from effectiviteit.kubus import kubus_herberekenen
    from effectiviteit.services import trajecten_importeren
    from tests.effectiviteit.helpers import csv_schrijven, rij

    Traject.objects.all().delete()
    with connection.cursor() as cursor:
        kubus_herberekenen(cursor)
    basis = dt.date(2023, 1, 1)
    for n, rijen in enumerate([eerste, tweede]):
        regels = []
        for tid, regio, sector, partij, start, status, duur in rijen:
            begin = basis + dt.timedelta(days=start)
            regels.append(
                rij(
                    traject_id=f"K-{tid}",
                    regio=regio,
                    sector=sector,
                    aanleverende_partij=partij,
                    startdatum=begin.isoformat(),
                    status=status,
                    einddatum=""
                    if status == "lopend"
                    else (begin + dt.timedelta(days=duur)).isoformat(),
                    behaald_bewijsstuk="geen" if status == "afgerond" else "",
                    uitvalreden="motivatie" if status == "uitgevallen" else "",
                    vervolg="" if status == "lopend" else "onderwijs",
                )
            )
        pad = csv_schrijven(tmp_path_factory.mktemp("k") / f"{n}.csv", regels)
        assert trajecten_importeren(bestand=pad).gelukt
    bijgehouden = kubusinhoud()
    with connection.cursor() as cursor:
        kubus_herberekenen(cursor)
    assert bijgehouden == kubusinhoud()


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    rijen=trajecten,
    van=dagen,
    lengte=st.integers(min_value=0, max_value=400),
    regio=st.sampled_from([None, "twente"]),
    partij=st.sampled_from(["", "uwv", "gemeente"]),
    groep=st.sampled_from([None, "sector", "doelgroep", "aanleverende_partij", "kwartaal"]),
)
def test_summary_per_group_and_partij_equals_the_rows(rijen, van, lengte, regio, partij, groep):
    """Breakdowns (per sector, doelgroep, partij, quarter) from the summary equal the rows."""
    Traject.objects.all().delete()
    basis = dt.date(2023, 1, 1)
    opslaan(
        [
            traject(
                regio=r,
                sector=s,
                doelgroep=d,
                partij="uwv" if i % 3 else "gemeente",
                start=basis + dt.timedelta(days=start),
                status=status,
                duur=None if status == "lopend" else duur,
                behaald="geen" if status == "afgerond" else "",
                reden="overig" if status == "uitgevallen" else "",
                vervolg="" if status == "lopend" else vervolg,
            )
            for i, (r, s, d, start, status, duur, vervolg) in enumerate(rijen)
        ]
    )
    f = Filters(
        van=basis + dt.timedelta(days=van),
        tot=basis + dt.timedelta(days=van + lengte),
        regio=Regio.objects.get(slug=regio) if regio else None,
        aanleverende_partij=partij,
    )
    qs = Traject.objects.filter(startdatum__range=(f.van, f.tot))
    if f.regio:
        qs = qs.filter(regio=f.regio)
    if partij:
        qs = qs.filter(aanleverende_partij=partij)
    kolom = {
        None: None,
        "sector": "sector_id",
        "doelgroep": "doelgroep",
        "aanleverende_partij": "aanleverende_partij",
    }
    echt: dict[str, int] = {}
    for t in qs:
        if groep == "kwartaal":
            sleutel = f"{t.startdatum.year}-K{(t.startdatum.month - 1) // 3 + 1}"
        elif groep:
            sleutel = str(getattr(t, kolom[groep]))
        else:
            sleutel = ""
        echt[sleutel] = echt.get(sleutel, 0) + 1
    berekend = {g: v["n"] for g, v in tellingen(f, groep).items() if v["n"]}
    assert berekend == echt
    assert mediane_duur(f) == _pg_mediaan(f)


lange_trajecten = st.lists(
    st.tuples(
        st.sampled_from(["twente", "rijnmond"]),
        st.sampled_from(["handel", "zorg-welzijn-en-sport"]),
        dagen,
        st.sampled_from(["lopend", "afgerond", "uitgevallen"]),
        st.integers(min_value=500, max_value=1700),
    ),
    max_size=40,
)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    rijen=lange_trajecten,
    van=dagen,
    lengte=st.integers(min_value=0, max_value=500),
    regio=st.sampled_from([None, "twente"]),
    sector=st.sampled_from([None, "handel"]),
)
def test_median_past_the_last_class_total_is_exact(rijen, van, lengte, regio, sector):
    """Durations beyond the class totals kept per month (the last class takes them all)
    still give PostgreSQL's median, from the summary, the day tables and the rows."""
    Traject.objects.all().delete()
    basis = dt.date(2023, 1, 1)
    opslaan(
        [
            traject(
                regio=r,
                sector=s,
                start=basis + dt.timedelta(days=start),
                status=status,
                duur=None if status == "lopend" else duur,
                behaald="geen" if status == "afgerond" else "",
                reden="overig" if status == "uitgevallen" else "",
                vervolg="" if status == "lopend" else "onbekend",
            )
            for r, s, start, status, duur in rijen
        ]
    )
    f = Filters(
        van=basis + dt.timedelta(days=van),
        tot=basis + dt.timedelta(days=van + lengte),
        regio=Regio.objects.get(slug=regio) if regio else None,
        sector=Sector.objects.get(slug=sector) if sector else None,
    )
    assert mediane_duur(f) == _pg_mediaan(f)


@pytest.mark.parametrize(
    "filters",
    [
        {},  # national: whole months plus the day tables
        {"regio": "twente"},  # a region: whole months plus the rows of the edge days
        {"regio": "twente", "sector": "handel", "doelgroep": "bijstand"},  # rows only
    ],
)
def test_kerncijfers_is_one_statement(filters):
    vaste_cohort()
    f = Filters(
        regio=Regio.objects.get(slug=filters["regio"]) if "regio" in filters else None,
        sector=Sector.objects.get(slug=filters["sector"]) if "sector" in filters else None,
        doelgroep=filters.get("doelgroep", ""),
        van=dt.date(2024, 1, 5),
        tot=dt.date(2024, 5, 20),
    )
    kerncijfers(f)  # prepares the statement on this connection
    with opdrachten() as gedaan:
        kerncijfers(f)
    assert len(gedaan) == 1
    assert gedaan[0].startswith("EXECUTE effectiviteit_")


def test_figures_stay_right_when_the_server_lost_the_prepared_statements():
    """A pooler may hand the next statement to a server process that never saw the
    PREPARE: the figures then run unprepared, the same, and the transaction lives on."""
    vaste_cohort()
    f = Filters(
        regio=Regio.objects.get(slug="twente"), van=dt.date(2024, 1, 1), tot=dt.date(2024, 6, 30)
    )
    verwacht = kerncijfers(f)
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    assert kerncijfers(f) == verwacht
    assert Traject.objects.exists()  # the transaction was not aborted
    assert kerncijfers(f) == verwacht  # prepared again
