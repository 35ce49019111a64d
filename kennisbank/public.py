"""What other apps may use of the kennisbank (DESIGN: one small public module per app)."""

from kennisbank.selectors import Zoekresultaten, zoeken

__all__ = ["Zoekresultaten", "zoeken"]
