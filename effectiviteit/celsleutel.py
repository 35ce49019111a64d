"""Published counts by the cell-key method (README: Privacy).

Dashboards that let anyone choose the period, region and filters cannot be protected by
hiding small cells page by page: two answers that differ by one trajectory (a period one
quarter longer, a region against the whole country minus the other regions) give that
trajectory's status away by subtraction. Statistical offices that let users build their
own tables publish every count with a little noise that is fixed per set of records:

- every trajectory holds a random *record key* in [0, SLEUTELBEREIK), set once when it is
  first imported and never shown;
- a cell's *cell key* is the sum of the record keys of the trajectories it counts, modulo
  SLEUTELBEREIK; sums add up, so the summary table keeps them next to the counts;
- a fixed *perturbation table* maps (true count, cell key) to a change p: the published
  count is the true count + p.

The same set of trajectories therefore gets the same published count however it is asked
for, so asking again teaches nothing, while the difference of two overlapping cells
carries the noise of both. With the table below (p = -2..2 with chances 5, 20, 50, 20
and 5 %) two independent cells have the same p about one time in three (0.335), so a
subtraction hits the true difference about that often and is off by 1 to 4 otherwise.

Rules of the table: |p| <= 2; a true 0 stays 0 and nothing else becomes 0 (for counts 1
and 2 only changes that keep the count above 0); the mean of p is zero wherever the count
allows it (from 2 up; for 1 it cannot be, as p may not be negative).

Sources: Fraser and Wooton, "A proposed method for confidentialising tabular output to
protect against differencing" (UNECE work session on statistical data confidentiality,
2005), the method of the ABS TableBuilder; Office for National Statistics, "Statistical
disclosure control for Census 2021 outputs" (the cell key method of the 2021 census
custom datasets); sdcTable's ``attack()`` for how such tables are tested.
"""

from __future__ import annotations

import secrets

SLEUTELBEREIK = 1000

# Per true count (3 stands for 3 and more): (upper bound of the cell key, p), in order.
# Each band's width / SLEUTELBEREIK is the chance of its p.
_TABEL: dict[int, tuple[tuple[int, int], ...]] = {
    # p >= 0 only: 1 may not become 0. Mean +0.5.
    1: ((600, 0), (900, 1), (1000, 2)),
    # p >= -1 only; mean 0: -0.30 + 0.20 + 0.10.
    2: ((300, -1), (750, 0), (950, 1), (1000, 2)),
    # mean 0, variance 0.8.
    3: ((50, -2), (250, -1), (750, 0), (950, 1), (1000, 2)),
}


def nieuwe_recordsleutel() -> int:
    """A record key for a trajectory that is stored for the first time."""
    return secrets.randbelow(SLEUTELBEREIK)


def verstoring(aantal: int, celsleutel: int) -> int:
    """The change p the table gives a cell of ``aantal`` with ``celsleutel``."""
    if aantal <= 0:
        return 0
    for grens, p in _TABEL[min(aantal, 3)]:
        if celsleutel < grens:
            return p
    raise ValueError(f"celsleutel buiten het bereik: {celsleutel}")


def gepubliceerd(aantal: int, sleutelsom: int) -> int:
    """The published count of a cell: its true count plus the table's change for its key
    (the sum of its records' keys modulo SLEUTELBEREIK)."""
    return aantal + verstoring(aantal, sleutelsom % SLEUTELBEREIK)
