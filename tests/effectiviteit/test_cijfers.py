"""The protected figures: by hand, against the rows, and the same everywhere."""

import datetime as dt

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from effectiviteit import samenvatting
from effectiviteit.celsleutel import gepubliceerd
from effectiviteit.models import TELLERS, Traject
from effectiviteit.selectors import Filters, dashboardcijfers, kerncijfers
from portal import vocabulaires
from portal.models import Regio, Sector
from tests.effectiviteit.cohort import (
    opslaan,
    samenvattinginhoud,
    sleutels_op_nul,
    traject,
    vaste_cohort,
)

pytestmark = pytest.mark.django_db

EERSTE_HELFT = {"van": dt.date(2024, 1, 1), "tot": dt.date(2024, 6, 30)}


def twente():
    return Regio.objects.get(slug="twente")


def test_the_figures_of_a_fixed_cohort_match_a_count_by_hand():
    """All record keys 0: every cell key is 0, so the table moves counts of 3 and more
    by -2, a 2 by -1 and a 1 not at all."""
    vaste_cohort()
    sleutels_op_nul()
    cijfers = kerncijfers(Filters(regio=twente(), **EERSTE_HELFT))
    assert cijfers["n_trajecten"] == 24  # 26
    assert cijfers["status"] == {"lopend": "<5", "afgerond": 10, "uitgevallen": 6}  # 6 12 8
    assert cijfers["behaald"] == {  # 6, 3, 1, 2
        "praktijkverklaring": "<5",
        "mbo-certificaat": "<5",
        "mbo-diploma": "<5",
        "geen": "<5",
    }
    assert cijfers["uitvalredenen"] == {  # motivatie 5, gezondheid 3
        "werk-gevonden": 0,
        "gezondheid": "<5",
        "motivatie": "<5",
        "werkgever-gestopt": 0,
        "persoonlijke-omstandigheden": 0,
        "niveau-te-hoog": 0,
        "overig": 0,
    }
    assert cijfers["vervolg"] == {  # 7, 2, 2, 5, 4
        "duurzame-baan": 5,
        "tijdelijke-baan": "<5",
        "onderwijs": "<5",
        "geen-werk": "<5",
        "onbekend": "<5",
    }
    assert cijfers["instroom_per_kwartaal"] == {"2024-K1": 18, "2024-K2": "<5"}  # 20, 6
    # percentages of published counts: ended = 10 + 6
    assert cijfers["afgerond_pct"] == 62.5
    assert cijfers["uitval_pct"] == 37.5
    assert cijfers["duurzame_baan_pct"] == 31.3  # 5 / 16, half up
    assert cijfers["onderwijs_pct"] is None  # numerator shown as "<5"
    assert cijfers["bewijsstuk_pct"] == 50.0  # its own cell: 10 with a bewijsstuk -> 8
    # durations 20..27 and 100..111: ranks 10 and 11 are 101 and 102 -> 101.5 -> 102
    assert cijfers["mediane_duur_dagen"] == 102


def test_small_cohort_shows_its_size_but_no_breakdown():
    opslaan([traject(sleutel=0) for _ in range(9)])  # 9 -> 7 published
    cijfers = kerncijfers(Filters(regio=twente(), **EERSTE_HELFT))
    assert cijfers["n_trajecten"] == 7
    for sleutel in ("status", "behaald", "uitvalredenen", "vervolg", "afgerond_pct"):
        assert cijfers[sleutel] is None
    assert cijfers["mediane_duur_dagen"] is None
    assert cijfers["instroom_per_kwartaal"] == {"2024-K1": 7, "2024-K2": 0}


def test_zero_stays_zero_and_nothing_else_becomes_zero():
    opslaan([traject(sleutel=0)])
    leeg = kerncijfers(Filters(regio=twente(), aanleverende_partij="uwv", **EERSTE_HELFT))
    assert leeg["n_trajecten"] == 0
    een = kerncijfers(Filters(regio=twente(), **EERSTE_HELFT))
    assert een["n_trajecten"] == "<5"


def test_percentage_needs_a_large_enough_denominator_of_shown_counts():
    # 10 afgerond (key sum 0 -> 8) and 2 uitgevallen (-> 1, "<5"): no percentages
    rijen = [traject(status="afgerond", duur=30, behaald="geen", sleutel=0) for _ in range(10)]
    rijen += [traject(status="uitgevallen", duur=5, reden="overig", sleutel=0) for _ in range(2)]
    opslaan(rijen)
    cijfers = kerncijfers(Filters(regio=twente(), **EERSTE_HELFT))
    assert cijfers["n_trajecten"] == 10
    assert cijfers["status"]["uitgevallen"] == "<5"
    assert cijfers["afgerond_pct"] is None
    assert cijfers["mediane_duur_dagen"] is None


def test_min_cel_setting_is_honoured(settings):
    settings.EFFECTIVITEIT_MIN_CEL = 3
    opslaan([traject(sleutel=0) for _ in range(4)])  # 4 -> 2
    assert kerncijfers(Filters(regio=twente(), **EERSTE_HELFT))["n_trajecten"] == "<3"


def test_record_keys_are_random_and_fixed_on_reimport(tmp_path):
    from effectiviteit.services import trajecten_importeren
    from tests.effectiviteit.helpers import csv_schrijven, rij

    regels = [rij(traject_id=f"S-{i}") for i in range(60)]
    assert trajecten_importeren(bestand=csv_schrijven(tmp_path / "a.csv", regels)).gelukt
    eerst = dict(Traject.objects.values_list("pseudoniem", "recordsleutel"))
    assert len(set(eerst.values())) > 30
    regels = [rij(traject_id=f"S-{i}", status="lopend", einddatum="") for i in range(60)]
    for r in regels:
        r.update(behaald_bewijsstuk="", vervolg="")
    assert trajecten_importeren(bestand=csv_schrijven(tmp_path / "b.csv", regels)).gelukt
    assert dict(Traject.objects.values_list("pseudoniem", "recordsleutel")) == eerst
    assert set(Traject.objects.values_list("status", flat=True)) == {"lopend"}


# -- against the rows ------------------------------------------------------------------------


def _voorwaarde(teller: str, t: Traject) -> bool:
    beeindigd = t.status in ("afgerond", "uitgevallen")
    soort, _, code = teller.partition("_")
    if teller == "n":
        return True
    if teller == "met_bewijsstuk":
        return t.status == "afgerond" and t.behaald_bewijsstuk in vocabulaires.BEWIJSSTUKKEN
    if soort == "status":
        return t.status == code
    if soort == "behaald":
        return t.status == "afgerond" and t.behaald_bewijsstuk == code
    if soort == "uitval":
        return t.status == "uitgevallen" and t.uitvalreden == code
    return beeindigd and (t.vervolg or "onbekend") == code


def _referentie(f: Filters) -> tuple[dict[str, int], int | None]:
    """Every counter published from the rows themselves, and PostgreSQL's own median."""
    qs = Traject.objects.filter(startdatum__range=(f.van, f.tot))
    if f.regio:
        qs = qs.filter(regio=f.regio)
    if f.sector:
        qs = qs.filter(sector=f.sector)
    if f.doelgroep:
        qs = qs.filter(doelgroep=f.doelgroep)
    if f.aanleverende_partij:
        qs = qs.filter(aanleverende_partij=f.aanleverende_partij)
    rijen = list(qs)
    gepubl = {}
    for teller in TELLERS:
        cel = [t for t in rijen if _voorwaarde(teller, t)]
        gepubl[teller] = gepubliceerd(len(cel), sum(t.recordsleutel for t in cel))
    ids = [t.pk for t in rijen]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY einddatum - startdatum)) "
            "FROM effectiviteit_traject WHERE status <> 'lopend' AND id = ANY(%s)",
            [ids],
        )
        mediaan = cursor.fetchone()[0]
    return gepubl, None if mediaan is None else int(mediaan)


dagen = st.integers(min_value=0, max_value=540)
trajecten = st.lists(
    st.tuples(
        st.sampled_from(["twente", "noord-limburg", "rijnmond"]),
        st.sampled_from(["handel", "zorg-welzijn-en-sport"]),
        st.sampled_from(["bijstand", "ww"]),
        dagen,
        st.sampled_from(["lopend", "afgerond", "uitgevallen"]),
        st.integers(min_value=0, max_value=900),
        st.sampled_from(list(vocabulaires.VERVOLGEN)),
        st.sampled_from(list(vocabulaires.BEHAALD)),
        st.integers(min_value=0, max_value=999),
    ),
    max_size=80,
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
def test_summary_gives_what_the_rows_give(rijen, van, lengte, regio, sector, doelgroep, settings):
    """Counts and key sums from the summary equal those of the rows, for any filters;
    the median equals PostgreSQL's percentile_cont over the rows."""
    settings.EFFECTIVITEIT_MIN_CEL = 1  # compare the numbers themselves
    settings.EFFECTIVITEIT_MIN_NOEMER = 0
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
                behaald=behaald if status == "afgerond" else "",
                reden="overig" if status == "uitgevallen" else "",
                vervolg="" if status == "lopend" else vervolg,
                sleutel=sleutel,
            )
            for r, s, d, start, status, duur, vervolg, behaald, sleutel in rijen
        ]
    )
    f = Filters(
        van=basis + dt.timedelta(days=van),
        tot=basis + dt.timedelta(days=van + lengte),
        regio=Regio.objects.get(slug=regio) if regio else None,
        sector=Sector.objects.get(slug=sector) if sector else None,
        doelgroep=doelgroep,
    )
    gepubl, mediaan = _referentie(f)
    cijfers = kerncijfers(f)
    assert cijfers["n_trajecten"] == gepubl["n"]
    assert cijfers["status"] == {s: gepubl[f"status_{s}"] for s in vocabulaires.STATUSSEN}
    assert cijfers["behaald"] == {b: gepubl[f"behaald_{b}"] for b in vocabulaires.BEHAALD}
    assert cijfers["vervolg"] == {v: gepubl[f"vervolg_{v}"] for v in vocabulaires.VERVOLGEN}
    assert cijfers["uitvalredenen"] == {
        u: gepubl[f"uitval_{u}"] for u in vocabulaires.UITVALREDENEN
    }
    beeindigd = gepubl["status_afgerond"] + gepubl["status_uitgevallen"]
    if beeindigd:
        assert cijfers["bewijsstuk_pct"] == pytest.approx(
            round(100 * gepubl["met_bewijsstuk"] / beeindigd, 1), abs=0.051
        )
        assert cijfers["mediane_duur_dagen"] == mediaan
    assert sum(1 for _ in f.kwartalen()) == len(cijfers["instroom_per_kwartaal"])


importrijen = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=8),  # traject_id: repeats across imports
        st.sampled_from(["twente", "rijnmond"]),
        st.sampled_from(["handel", "zorg-welzijn-en-sport"]),
        st.sampled_from(["uwv", "gemeente"]),
        st.integers(min_value=0, max_value=400),
        st.sampled_from(["lopend", "afgerond", "uitgevallen"]),
        st.integers(min_value=0, max_value=90),
    ),
    max_size=12,
    unique_by=lambda r: (r[0], r[1]),
)


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(eerste=importrijen, tweede=importrijen)
def test_imports_keep_the_summary_equal_to_a_full_rebuild(tmp_path_factory, eerste, tweede):
    """Each import rebuilds the regions and quarters it touched (also the quarter an
    updated trajectory moves out of); the result equals a summary built from nothing."""
    from effectiviteit.services import trajecten_importeren
    from tests.effectiviteit.helpers import csv_schrijven, rij

    Traject.objects.all().delete()
    with connection.cursor() as cursor:
        samenvatting.herberekenen(cursor)
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
    bijgehouden = samenvattinginhoud()
    with connection.cursor() as cursor:
        samenvatting.herberekenen(cursor)
    assert bijgehouden == samenvattinginhoud()


# -- the same cohort, the same figures, on every path ----------------------------------------


def test_dashboard_breakdowns_are_the_figures_of_each_group_on_its_own():
    vaste_cohort()
    f = Filters(regio=twente(), **EERSTE_HELFT)
    dash = dashboardcijfers(f)
    assert dash.kern == kerncijfers(f)
    assert dash.landelijk == kerncijfers(f.landelijk())
    for rij in dash.per_sector:
        los = kerncijfers(
            Filters(regio=twente(), sector=Sector.objects.get(slug=rij.code), **EERSTE_HELFT)
        )
        assert rij.n == los["n_trajecten"]
        assert rij.afgerond_pct == los["afgerond_pct"]
        assert rij.lopend == (los["status"] or {}).get("lopend")
    for rij in dash.per_doelgroep:
        los = kerncijfers(Filters(regio=twente(), doelgroep=rij.code, **EERSTE_HELFT))
        assert rij.n == los["n_trajecten"]


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    van=st.dates(dt.date(2023, 1, 1), dt.date(2024, 12, 31)),
    dagen_erbij=st.integers(min_value=0, max_value=500),
)
def test_a_period_is_widened_to_whole_quarters(van, dagen_erbij):
    tot = van + dt.timedelta(days=dagen_erbij)
    f = Filters(van=van, tot=tot)
    assert f.van.day == 1 and f.van.month in (1, 4, 7, 10) and f.van <= van
    assert (f.tot + dt.timedelta(days=1)).month in (1, 4, 7, 10) and f.tot >= tot
    assert (van - f.van).days < 92 and (f.tot - tot).days < 92
    assert Filters(van=f.van, tot=f.tot) == f


def test_figures_read_a_bounded_number_of_statements(django_assert_max_num_queries):
    vaste_cohort()
    for filters in ({}, {"regio": twente()}, {"regio": twente(), "doelgroep": "ww"}):
        f = Filters(**EERSTE_HELFT, **filters)
        with django_assert_max_num_queries(2):  # counts per quarter, then the durations
            kerncijfers(f)
        with django_assert_max_num_queries(7):
            dashboardcijfers(f)
