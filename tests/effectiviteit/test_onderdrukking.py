"""Suppression properties over random cohorts (hypothesis)."""

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from effectiviteit import woorden
from effectiviteit.cijfers import _kern_uitvoer, _kerncellen
from effectiviteit.models import TELLERS
from effectiviteit.onderdrukking import GEHEIM, Relatie, onderdrukken

MIN_CEL = 5

uitkomst = st.one_of(
    st.just(("lopend", "", "", "")),
    st.tuples(
        st.just("afgerond"),
        st.sampled_from(list(woorden.BEHAALD)),
        st.just(""),
        st.sampled_from(list(woorden.VERVOLGEN)),
    ),
    st.tuples(
        st.just("uitgevallen"),
        st.just(""),
        st.sampled_from(list(woorden.UITVALREDENEN)),
        st.sampled_from(list(woorden.VERVOLGEN)),
    ),
)
cohort = st.lists(
    st.tuples(uitkomst, st.sampled_from(["2024-K1", "2024-K2", "2024-K3"])), max_size=80
)


def tel(trajecten):
    t = dict.fromkeys(TELLERS, 0)
    kw = Counter()
    for (status, behaald, reden, vervolg), kwartaal in trajecten:
        t["n"] += 1
        kw[kwartaal] += 1
        t[f"status_{status}"] += 1
        if behaald:
            t[f"behaald_{behaald}"] += 1
        if reden:
            t[f"uitval_{reden}"] += 1
        if vervolg:
            t[f"vervolg_{vervolg}"] += 1
    return t, {q: kw[q] for q in ("2024-K1", "2024-K2", "2024-K3")}


@settings(max_examples=300, deadline=None)
@given(cohort)
def test_suppression_properties(trajecten):
    t, kw = tel(trajecten)
    cellen, relaties = _kerncellen(t, kw)
    getoond = onderdrukken(cellen, relaties, min_cel=MIN_CEL)
    for cel, waarde in getoond.items():
        echt = cellen[cel]
        if isinstance(waarde, int):
            assert waarde == echt  # every shown count is the true count
            assert not 0 < waarde < MIN_CEL  # no small count is ever shown
        elif waarde == GEHEIM:
            assert echt >= MIN_CEL  # "x" is never a small count in disguise
        else:
            assert waarde == "<5" and 0 < echt < MIN_CEL
    for relatie in relaties:
        verborgen = [c for c in relatie.cellen if isinstance(getoond[c], str)]
        # exactly one hidden cell in a sum would be found by subtraction
        assert len(verborgen) != 1

    uitvoer = _kern_uitvoer(t, getoond, 100)
    beeindigd = t["status_afgerond"] + t["status_uitgevallen"]
    for sleutel, teller in [
        ("afgerond_pct", ("status", "afgerond")),
        ("uitval_pct", ("status", "uitgevallen")),
        ("duurzame_baan_pct", ("vervolg", "duurzame-baan")),
        ("onderwijs_pct", ("vervolg", "onderwijs")),
    ]:
        pct = uitvoer[sleutel]
        noemer_verborgen = isinstance(getoond[("beeindigd",)], str)
        if beeindigd < 10 or isinstance(getoond[teller], str) or noemer_verborgen:
            assert pct is None
        else:
            assert pct == round(100 * cellen[teller] / beeindigd + 1e-9, 1)
    assert (uitvoer["mediane_duur_dagen"] is None) == (beeindigd < 10)

    # bewijsstuk_pct must not give a hidden behaald count back: its numerator is the
    # afgerond total minus "geen", so it is shown only when every behaald cell is.
    behaald = [getoond[("behaald", b)] for b in woorden.BEHAALD]
    met_bewijs = sum(t[f"behaald_{b}"] for b in woorden.BEWIJSSTUKKEN)
    if (
        any(isinstance(w, str) for w in behaald)
        or beeindigd < 10
        or 0 < met_bewijs < MIN_CEL
        or isinstance(getoond[("beeindigd",)], str)
    ):
        assert uitvoer["bewijsstuk_pct"] is None
    else:
        assert uitvoer["bewijsstuk_pct"] == round(100 * met_bewijs / beeindigd + 1e-9, 1)


def test_a_percentage_never_gives_a_hidden_status_count_back():
    # lopend 8, afgerond 3, uitgevallen 20: a shown uitval_pct (20 of 23) would reveal
    # afgerond = 3. "Ended" is a shown total, so uitgevallen is hidden with it.
    t = dict.fromkeys(TELLERS, 0)
    t.update(n=31, status_lopend=8, status_afgerond=3, status_uitgevallen=20)
    t.update({"behaald_geen": 3, "uitval_motivatie": 20, "vervolg_onbekend": 23})
    cellen, relaties = _kerncellen(t, {"2024-K1": 31})
    getoond = onderdrukken(cellen, relaties, min_cel=MIN_CEL)
    uitvoer = _kern_uitvoer(t, getoond, 100)
    assert uitvoer["status"] == {"lopend": 8, "afgerond": "<5", "uitgevallen": "x"}
    assert uitvoer["uitval_pct"] is None and uitvoer["afgerond_pct"] is None


@given(st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=8))
def test_one_group_never_leaves_a_single_hidden_cell(delen):
    cellen = {"totaal": sum(delen), **dict(enumerate(delen))}
    getoond = onderdrukken(cellen, [Relatie(("totaal",), tuple(range(len(delen))))], min_cel=5)
    verborgen = [k for k, v in getoond.items() if isinstance(v, str)]
    assert len(verborgen) != 1
    assert all(getoond[k] == 0 for k in range(len(delen)) if delen[k] == 0)
