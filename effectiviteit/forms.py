"""The figures' filters (query string) and the admin's upload form."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from effectiviteit.inlezen import datum_lezen
from effectiviteit.selectors import Filters, kwartaalbegin, kwartaaleinde
from portal import vocabulaires
from portal.models import Regio
from portal.selectors import OnbekendeWaarde, normaliseer, regio_opzoeken, sector_opzoeken

MAX_JAREN = 15


class OngeldigeFilters(ValueError):
    """Filter values that cannot be used; ``meldingen`` are Dutch, one per problem."""

    def __init__(self, meldingen: list[str]):
        super().__init__("; ".join(meldingen))
        self.meldingen = meldingen


def standaardperiode(vandaag: dt.date) -> tuple[dt.date, dt.date]:
    """The current quarter and the seven before it."""
    begin = kwartaalbegin(vandaag)
    kwartaal = begin.year * 4 + (begin.month - 1) // 3 - 7
    return dt.date(kwartaal // 4, kwartaal % 4 * 3 + 1, 1), kwartaaleinde(vandaag)


def standaardregio(gebruiker) -> Regio | None:
    if gebruiker is None or not gebruiker.is_authenticated:
        return None
    return gebruiker.regios.order_by("naam").first()


class _Tekst(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=None, strip=True, **kwargs)

    def to_python(self, value):
        return super().to_python(value)[:200]


class CijferfilterForm(forms.Form):
    """The cohort of the dashboard, factsheet, CSV and API, from the query string.

    On the pages, without ``regio`` in the query the user's first region is shown
    (``met_standaardregio``); for the API no regio means no region filter, as any other
    filter. ``regio=landelijk`` (or an empty value given on purpose) means the whole country.
    """

    regio = _Tekst()
    van = _Tekst()
    tot = _Tekst()
    sector = _Tekst()
    doelgroep = _Tekst()
    aanleverende_partij = _Tekst()

    def __init__(
        self, data, *, gebruiker=None, regio: Regio | None = None, met_standaardregio=True
    ):
        super().__init__(data)
        self.gebruiker = gebruiker
        self.vaste_regio = regio
        self.met_standaardregio = met_standaardregio

    def clean_regio(self):
        if self.vaste_regio is not None:
            return self.vaste_regio
        naam = self.cleaned_data["regio"]
        if not naam:
            if "regio" in self.data or not self.met_standaardregio:
                return None
            return standaardregio(self.gebruiker)
        if normaliseer(naam) == "landelijk":
            return None
        try:
            return regio_opzoeken(naam)
        except OnbekendeWaarde as exc:
            raise forms.ValidationError(f"Regio: {exc}.") from exc

    def _datum(self, naam: str, standaard: dt.date) -> dt.date:
        waarde = self.cleaned_data[naam]
        try:
            return datum_lezen(waarde) if waarde else standaard
        except ValueError as exc:
            raise forms.ValidationError(f"Periode '{naam}': {exc}.") from exc

    def clean_van(self):
        return self._datum("van", standaardperiode(timezone.localdate())[0])

    def clean_tot(self):
        return self._datum("tot", standaardperiode(timezone.localdate())[1])

    def clean_sector(self):
        if not (waarde := self.cleaned_data["sector"]):
            return None
        try:
            return sector_opzoeken(waarde)
        except OnbekendeWaarde as exc:
            raise forms.ValidationError(f"Sector: {exc}.") from exc

    def _code(self, naam: str, lijst: dict[str, str], label: str) -> str:
        waarde = normaliseer(self.cleaned_data[naam])
        if waarde and waarde not in lijst:
            raise forms.ValidationError(
                f"{label}: onbekende waarde '{waarde[:40]}'; kies uit {', '.join(lijst)}."
            )
        return waarde

    def clean_doelgroep(self):
        return self._code("doelgroep", vocabulaires.DOELGROEPEN, "Doelgroep")

    def clean_aanleverende_partij(self):
        return self._code("aanleverende_partij", vocabulaires.PARTIJEN, "Aanleverende partij")

    def clean(self):
        data = super().clean()
        van, tot = data.get("van"), data.get("tot")
        if van and tot:
            if van > tot:
                raise forms.ValidationError(
                    "De begindatum ligt na de einddatum; kies een andere periode."
                )
            if (tot - van).days > MAX_JAREN * 366:
                raise forms.ValidationError(f"Kies een periode van hoogstens {MAX_JAREN} jaar.")
            if van.year < 1990 or tot.year > timezone.localdate().year + 5:
                raise forms.ValidationError("Kies een periode tussen 1990 en nu.")
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            van=data["van"],
            tot=data["tot"],
            regio=data["regio"],
            sector=data["sector"],
            doelgroep=data["doelgroep"],
            aanleverende_partij=data["aanleverende_partij"],
        )


def filters_lezen(
    data, *, gebruiker=None, regio: Regio | None = None, met_standaardregio=True
) -> Filters:
    """Filters from query parameters, or OngeldigeFilters with every Dutch message."""
    form = CijferfilterForm(
        data, gebruiker=gebruiker, regio=regio, met_standaardregio=met_standaardregio
    )
    if not form.is_valid():
        raise OngeldigeFilters([m for fouten in form.errors.values() for m in fouten])
    return form.filters()


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
