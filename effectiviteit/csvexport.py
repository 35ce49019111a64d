"""The dashboard's figures as CSV: exactly what the page shows, one figure per line."""

from __future__ import annotations

import csv
from typing import IO

from effectiviteit.grafieken import tekst


def csv_rijen(dash) -> list[list[str]]:
    """Exactly the figures the dashboard shows, one per line: onderdeel, kenmerk, waarde."""
    rijen = [["onderdeel", "kenmerk", "waarde"]]
    for sleutel, waarde in dash.filters.als_dict().items():
        rijen.append(["filter", sleutel, waarde or ""])

    def kern(onderdeel: str, k: dict) -> None:
        rijen.append([onderdeel, "n_trajecten", tekst(k["n_trajecten"])])
        for groep in ("status", "behaald", "uitvalredenen", "vervolg", "instroom_per_kwartaal"):
            for code, waarde in (k[groep] or {}).items():
                rijen.append([onderdeel, f"{groep}:{code}", tekst(waarde)])
        for sleutel in (
            "afgerond_pct",
            "uitval_pct",
            "bewijsstuk_pct",
            "duurzame_baan_pct",
            "onderwijs_pct",
            "mediane_duur_dagen",
        ):
            rijen.append([onderdeel, sleutel, tekst(k[sleutel])])

    kern("regio" if dash.filters.regio else "nederland", dash.kern)
    for onderdeel, groep in (("sector", dash.per_sector), ("doelgroep", dash.per_doelgroep)):
        for r in groep:
            for veld in ("n", "lopend", "afgerond", "uitgevallen", "afgerond_pct", "uitval_pct"):
                rijen.append([f"{onderdeel}:{r.code}", veld, tekst(getattr(r, veld))])
    if dash.filters.regio:
        kern("nederland", dash.landelijk)
    return rijen


def csv_schrijven(uit: IO[str], dash) -> None:
    """Write the figures with a BOM and ';' so Excel opens them as columns."""
    uit.write("\ufeff")
    csv.writer(uit, delimiter=";").writerows(csv_rijen(dash))
