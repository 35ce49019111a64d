"""The perturbation table of the cell-key method: its promises, over every key."""

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from effectiviteit.celsleutel import SLEUTELBEREIK, gepubliceerd, nieuwe_recordsleutel, verstoring

aantallen = st.integers(min_value=0, max_value=100_000)
sleutelsommen = st.integers(min_value=0, max_value=10**9)


@given(aantal=aantallen, som=sleutelsommen)
def test_published_is_at_most_two_off_and_zero_only_for_zero(aantal, som):
    gepubl = gepubliceerd(aantal, som)
    assert abs(gepubl - aantal) <= 2
    assert (gepubl == 0) == (aantal == 0)


@given(aantal=aantallen, som=sleutelsommen)
def test_the_same_cell_always_gets_the_same_count(aantal, som):
    assert gepubliceerd(aantal, som) == gepubliceerd(aantal, som + SLEUTELBEREIK)


def _verdeling(aantal: int) -> dict[int, Fraction]:
    kansen: dict[int, Fraction] = {}
    for sleutel in range(SLEUTELBEREIK):
        p = verstoring(aantal, sleutel)
        kansen[p] = kansen.get(p, 0) + Fraction(1, SLEUTELBEREIK)
    return kansen


def test_mean_is_zero_where_the_count_allows_it():
    for aantal in (2, 3, 4, 10, 1000):
        assert sum(p * kans for p, kans in _verdeling(aantal).items()) == 0
    assert set(_verdeling(1)) == {0, 1, 2}  # a 1 may only go up
    assert _verdeling(0) == {0: 1}


def test_two_cells_agree_about_a_third_of_the_time():
    """What a subtraction of two independent cells gets right: P(p1 == p2)."""
    verdeling = _verdeling(10)
    assert verdeling == {
        -2: Fraction(1, 20),
        -1: Fraction(1, 5),
        0: Fraction(1, 2),
        1: Fraction(1, 5),
        2: Fraction(1, 20),
    }
    assert sum(k * k for k in verdeling.values()) == Fraction(335, 1000)


def test_record_keys_cover_the_range():
    sleutels = [nieuwe_recordsleutel() for _ in range(5000)]
    assert min(sleutels) >= 0 and max(sleutels) < SLEUTELBEREIK
    assert len(set(sleutels)) > 900
