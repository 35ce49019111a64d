"""Small-cell suppression (CONTRACT section 6), independent of where counts come from.

A count from 1 to MIN_CEL - 1 is shown as "<MIN_CEL" (primary). Every relation
"total = sum of parts" among the cells on one page is checked: when exactly one of
its cells is hidden, a subtraction would reveal it, so the smallest non-zero shown
part is hidden too and shown as "x" (secondary). This repeats until no relation has
exactly one hidden cell, because a secondary cell can expose another relation.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from django.conf import settings

GEHEIM = "x"


@dataclass(frozen=True)
class Relatie:
    """Cells that add up: ``totalen`` (one or more, summed) equal the sum of ``delen``."""

    totalen: tuple[Hashable, ...]
    delen: tuple[Hashable, ...]

    @property
    def cellen(self) -> tuple[Hashable, ...]:
        return (*self.totalen, *self.delen)


def min_cel() -> int:
    """The smallest count that may be shown (setting EFFECTIVITEIT_MIN_CEL)."""
    return settings.EFFECTIVITEIT_MIN_CEL


def min_noemer() -> int:
    """The smallest denominator a percentage or median needs (EFFECTIVITEIT_MIN_NOEMER)."""
    return settings.EFFECTIVITEIT_MIN_NOEMER


def teken_klein(min_cel: int) -> str:
    return f"<{min_cel}"


def onderdrukken(
    waarden: dict[Hashable, int], relaties: Sequence[Relatie], *, min_cel: int
) -> dict[Hashable, int | str]:
    """The value to show for every cell: the count, "<MIN_CEL" or "x"."""
    klein = {k for k, v in waarden.items() if 0 < v < min_cel}
    verborgen = set(klein)
    gewijzigd = True
    while gewijzigd:
        gewijzigd = False
        for relatie in relaties:
            if sum(1 for c in relatie.cellen if c in verborgen) != 1:
                continue
            kandidaten = [c for c in relatie.delen if c not in verborgen and waarden[c] > 0]
            if not kandidaten:
                kandidaten = [c for c in relatie.cellen if c not in verborgen and waarden[c] > 0]
            if not kandidaten:
                continue
            verborgen.add(min(kandidaten, key=lambda c: waarden[c]))
            gewijzigd = True
    teken = teken_klein(min_cel)
    return {
        k: (teken if k in klein else GEHEIM if k in verborgen else v) for k, v in waarden.items()
    }


def is_verborgen(waarde) -> bool:
    return isinstance(waarde, str)
