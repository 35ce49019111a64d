"""The wegwijzer's questions, as one form for the page and the API (README: Wegwijzer).

Each field checks and normalises one parameter; ``antwoorden()`` turns a valid form into
the situation the rules weigh. The messages are the Dutch messages both surfaces show.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.text import slugify

from kennisbank.public import LEEFTIJD_MAX, LEEFTIJD_MIN
from portal.models import Sector
from portal.selectors import OnbekendeWaarde, regio_opzoeken, regios_met_gemeente
from portal.vocabulaires import Doelgroep
from wegwijzer import regels

VELDEN = ("regio", "doelgroep", "startkwalificatie", "sector", "leeftijd", "peildatum")

STARTKWALIFICATIE_KEUZES = [
    (regels.NEE, "Nee, nog niet"),
    (regels.JA, "Ja"),
    (regels.ONBEKEND, "Weet ik (nog) niet"),
]

FOUT_LEEFTIJD = f"Geef de leeftijd in hele jaren, van {LEEFTIJD_MIN} tot en met {LEEFTIJD_MAX}."


class Codeveld(forms.ChoiceField):
    """A choice whose codes are matched ignoring case and surrounding spaces."""

    def to_python(self, value):
        return super().to_python(value).strip().casefold()


class Sectorveld(Codeveld):
    """A sector by its slug or its name."""

    def to_python(self, value):
        waarde = super().to_python(value)
        # A value that slugifies to nothing (only punctuation) stays as typed: unknown.
        return slugify(waarde) or waarde


def _sectorkeuzes():
    return [("", "Nog niet bekend"), *Sector.objects.values_list("slug", "naam")]


class WegwijzerForm(forms.Form):
    regio = forms.CharField(
        label="Regio of gemeente",
        max_length=100,
        help_text="Waar zoekt de kandidaat werk? Typ de naam van de gemeente of van de "
        "arbeidsmarktregio, bijvoorbeeld Enschede of Noord-Limburg.",
        error_messages={"required": "Vul de regio of gemeente van de kandidaat in."},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    doelgroep = Codeveld(
        label="Situatie van de kandidaat",
        choices=[("", "Kies een situatie"), *Doelgroep.choices],
        help_text="Welke uitkering of situatie past bij de kandidaat? Kies 'Overig' als "
        "geen ervan past.",
        error_messages={
            "required": "Kies de situatie van de kandidaat.",
            "invalid_choice": "Kies een situatie uit de lijst: "
            + ", ".join(Doelgroep.values)
            + ".",
        },
    )
    startkwalificatie = Codeveld(
        label="Heeft de kandidaat een startkwalificatie?",
        choices=STARTKWALIFICATIE_KEUZES,
        required=False,
        widget=forms.RadioSelect,
        help_text="Een startkwalificatie is een havo- of vwo-diploma, of een mbo-diploma op "
        "niveau 2 of hoger. Een diploma uit het buitenland telt alleen als het in Nederland "
        "als gelijkwaardig is erkend.",
        error_messages={"invalid_choice": "Kies ja, nee of onbekend."},
    )
    sector = Sectorveld(
        label="In welke sector wil de kandidaat werken?",
        choices=_sectorkeuzes,
        required=False,
        help_text="De branche van het werk. Weet u het nog niet, laat dit dan open.",
        error_messages={
            "invalid_choice": "Onbekende sector. Kies een sector uit de lijst, "
            "bijvoorbeeld techniek-en-gebouwde-omgeving."
        },
    )
    leeftijd = forms.IntegerField(
        label="Leeftijd",
        required=False,
        min_value=LEEFTIJD_MIN,
        max_value=LEEFTIJD_MAX,
        help_text="In hele jaren. Sommige regelingen gelden alleen voor een bepaalde leeftijd. "
        "Laat open als u het niet wilt invullen.",
        error_messages={
            "invalid": FOUT_LEEFTIJD,
            "min_value": FOUT_LEEFTIJD,
            "max_value": FOUT_LEEFTIJD,
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    peildatum = forms.DateField(
        label="Peildatum",
        required=False,
        input_formats=["%Y-%m-%d"],
        help_text="Op welke dag moeten de regelingen gelden? Leeg betekent vandaag. Kies een "
        "latere datum om te zien wat er dan nog loopt.",
        error_messages={"invalid": "Geef de peildatum als JJJJ-MM-DD, bijvoorbeeld 2026-09-01."},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Once per form: as a callable, the sectors were read again by the validation
        # and by every rendering of the field.
        self.fields["sector"].choices = _sectorkeuzes()

    def clean_regio(self):
        waarde = self.cleaned_data["regio"]
        try:
            return regio_opzoeken(waarde)
        except OnbekendeWaarde:
            pass
        gevonden = regios_met_gemeente(waarde)
        if len(gevonden) == 1:
            return gevonden[0]
        if gevonden:
            namen = " of ".join(r.naam for r in gevonden)
            raise forms.ValidationError(
                f"‘{waarde}’ hoort bij meer dan één regio ({namen}). Kies de regio zelf."
            )
        raise forms.ValidationError(
            f"Geen arbeidsmarktregio of gemeente gevonden bij ‘{waarde.strip()[:80]}’. Typ de "
            "naam van een arbeidsmarktregio (bijvoorbeeld Twente) of van een grotere gemeente "
            "in de buurt."
        )

    def clean_startkwalificatie(self):
        return self.cleaned_data["startkwalificatie"] or regels.ONBEKEND

    def clean_peildatum(self):
        peildatum = self.cleaned_data["peildatum"]
        if peildatum is None:
            return timezone.localdate()
        if not regels.EERSTE_PEILDATUM <= peildatum <= regels.LAATSTE_PEILDATUM:
            raise forms.ValidationError(
                f"Kies een peildatum van {regels.EERSTE_PEILDATUM:%Y} tot en met "
                f"{regels.LAATSTE_PEILDATUM:%Y}."
            )
        return peildatum

    def antwoorden(self) -> regels.Antwoorden:
        data = self.cleaned_data
        sector = Sector.objects.get(slug=data["sector"]) if data["sector"] else None
        return regels.Antwoorden(
            regio=data["regio"],
            doelgroep=data["doelgroep"],
            peildatum=data["peildatum"],
            startkwalificatie=data["startkwalificatie"],
            sector=sector,
            leeftijd=data["leeftijd"],
        )

    def vraag(self) -> dict:
        """The answers as the API echoes them (``vraag``)."""
        data = self.cleaned_data
        return {
            "regio": data["regio"].slug,
            "doelgroep": data["doelgroep"],
            "startkwalificatie": data["startkwalificatie"],
            "sector": data["sector"] or None,
            "leeftijd": data["leeftijd"],
            "peildatum": data["peildatum"].isoformat(),
        }

    def foutmeldingen(self) -> dict[str, str]:
        """One Dutch message per invalid field."""
        return {veld: " ".join(meldingen) for veld, meldingen in self.errors.items()}
