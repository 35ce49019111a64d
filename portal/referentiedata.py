"""Loads the reference data from the CSV copies in ``portal/data``.

Takes the model classes as arguments so the data migration can pass its
historical models; idempotent (update or create by slug).
"""

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _lijst(waarde: str) -> list[str]:
    return [deel.strip() for deel in (waarde or "").split("|") if deel.strip()]


def laad_regios_en_sectoren(Regio, Sector) -> None:
    with open(DATA / "arbeidsmarktregios.csv", encoding="utf-8", newline="") as f:
        for rij in csv.DictReader(f):
            Regio.objects.update_or_create(
                slug=rij["slug"],
                defaults={
                    "naam": rij["naam"],
                    "andere_namen": _lijst(rij["andere_namen"]),
                    "gemeenten": _lijst(rij["voorbeeld_gemeenten"]),
                },
            )
    with open(DATA / "sectoren.csv", encoding="utf-8", newline="") as f:
        for rij in csv.DictReader(f):
            Sector.objects.update_or_create(slug=rij["slug"], defaults={"naam": rij["naam"]})
