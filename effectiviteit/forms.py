"""The dashboard's filters (query string) and the admin's upload form."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from effectiviteit import woorden
from effectiviteit.cijfers import Filters
from effectiviteit.inlezen import datum_lezen
from portal.models import Regio
from portal.selectors import OnbekendeWaarde, normaliseer, regio_opzoeken, sector_opzoeken

FILTERNAMEN = ("regio", "van", "tot", "sector", "doelgroep", "aanleverende_partij")
MAX_JAREN = 15


class OngeldigeFilters(ValueError):
    """Filter values that cannot be used; ``meldingen`` are Dutch, one per problem."""

    def __init__(self, meldingen: list[str]):
        super().__init__("; ".join(meldingen))
        self.meldingen = meldingen


def standaardperiode(vandaag: dt.date) -> tuple[dt.date, dt.date]:
    """The last 24 months: from the first day of the month 23 months back up to today."""
    maand = vandaag.year * 12 + vandaag.month - 1 - 23
    return dt.date(maand // 12, maand % 12 + 1, 1), vandaag


def standaardregio(gebruiker) -> Regio | None:
    if gebruiker is None or not gebruiker.is_authenticated:
        return None
    return gebruiker.regios.order_by("naam").first()


def filters_lezen(data, *, gebruiker=None, regio: Regio | None = None) -> Filters:
    """Turn query parameters into Filters, or raise OngeldigeFilters.

    Without ``regio`` in the query the user's first region is used; ``regio=landelijk``
    (or an empty value given on purpose) means the whole country.
    """
    meldingen: list[str] = []
    vandaag = timezone.localdate()
    standaard_van, standaard_tot = standaardperiode(vandaag)

    def tekst(naam: str) -> str:
        return (data.get(naam) or "").strip()[:200]

    if regio is None:
        if naam := tekst("regio"):
            if normaliseer(naam) != "landelijk":
                try:
                    regio = regio_opzoeken(naam)
                except OnbekendeWaarde as exc:
                    meldingen.append(f"Regio: {exc}.")
        elif "regio" not in data:
            regio = standaardregio(gebruiker)

    datums = {}
    for naam, standaard in (("van", standaard_van), ("tot", standaard_tot)):
        waarde = tekst(naam)
        try:
            datums[naam] = datum_lezen(waarde) if waarde else standaard
        except ValueError as exc:
            meldingen.append(f"Periode '{naam}': {exc}.")
    if len(datums) == 2:
        if datums["van"] > datums["tot"]:
            meldingen.append("De begindatum ligt na de einddatum; kies een andere periode.")
        elif (datums["tot"] - datums["van"]).days > MAX_JAREN * 366:
            meldingen.append(f"Kies een periode van hoogstens {MAX_JAREN} jaar.")
        elif datums["van"].year < 1990 or datums["tot"].year > vandaag.year + 5:
            meldingen.append("Kies een periode tussen 1990 en nu.")

    sector = None
    if waarde := tekst("sector"):
        try:
            sector = sector_opzoeken(waarde)
        except OnbekendeWaarde as exc:
            meldingen.append(f"Sector: {exc}.")

    codes = {}
    for naam, lijst, label in (
        ("doelgroep", woorden.DOELGROEPEN, "Doelgroep"),
        ("aanleverende_partij", woorden.PARTIJEN, "Aanleverende partij"),
    ):
        waarde = normaliseer(tekst(naam))
        if waarde and waarde not in lijst:
            meldingen.append(
                f"{label}: onbekende waarde '{waarde[:40]}'; kies uit {', '.join(lijst)}."
            )
        codes[naam] = waarde if waarde in lijst else ""

    if meldingen:
        raise OngeldigeFilters(meldingen)
    return Filters(
        van=datums["van"],
        tot=datums["tot"],
        regio=regio,
        sector=sector,
        doelgroep=codes["doelgroep"],
        aanleverende_partij=codes["aanleverende_partij"],
    )


class UploadForm(forms.Form):
    bestand = forms.FileField(
        label="Bestand met trajecten",
        help_text="CSV (puntkomma of komma, UTF-8 of Windows-1252) of Excel (.xlsx, eerste blad).",
    )
    proefrun = forms.BooleanField(
        label="Alleen controleren (proefrun), niets opslaan", required=False
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        naam = bestand.name.lower()
        if not naam.endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError("Kies een .csv- of .xlsx-bestand.")
        return bestand
