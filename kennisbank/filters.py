"""FilterSets of the kennisbank lists, search page and API: one definition for HTML and JSON.

Values are matched as everywhere in the portal: region by slug, official or other name;
sector by slug or name; codes case-insensitively. Several values of one filter widen the
selection (or), different filters narrow it (and). Invalid values make the form invalid;
views answer them with a 400 and a Dutch message.
"""

from __future__ import annotations

from functools import cached_property

import django_filters
from django import forms
from django.core.validators import validate_slug
from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.utils import timezone

from kennisbank.models import (
    Instrumentsoort,
    Itemtype,
    Kennisitem,
    Materiaalsoort,
    Publiek,
)
from portal.selectors import regio_index, sector_index, zoek_in_index
from portal.vocabulaires import Bewijsstuk, Doelgroep

LANDELIJK = "landelijk"


class Referentiekeuzes:
    """Regions and sectors, read once per request and shared by every FilterSet of it;
    read only when first needed (a search without filters or facets never needs them)."""

    @cached_property
    def regios(self) -> dict:
        return regio_index()

    @cached_property
    def sectoren(self) -> dict:
        return sector_index()

    def regio_keuzes(self):
        uniek = {r.slug: r for r in self.regios.values()}
        return [
            (LANDELIJK, "Landelijk"),
            *sorted(((s, r.naam) for s, r in uniek.items()), key=lambda k: k[1]),
        ]

    def sector_keuzes(self):
        uniek = {s.slug: s for s in self.sectoren.values()}
        return sorted(((slug, s.naam) for slug, s in uniek.items()), key=lambda k: k[1])


class NormaliserendeMeervoudigeKeuze(forms.MultipleChoiceField):
    """A multiple choice that first turns each value into its canonical code."""

    def __init__(self, *args, normaliseren=None, **kwargs):
        self.normaliseren = normaliseren or (lambda waarde: waarde.strip().casefold())
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        waarden = super().to_python(value)
        return [self.normaliseren(w) for w in waarden if w.strip()]


class Keuzefilter(django_filters.MultipleChoiceFilter):
    field_class = NormaliserendeMeervoudigeKeuze


def _array_overlap(veld: str):
    def filter_(queryset, name, value):
        return queryset.filter(**{f"{veld}__overlap": value}) if value else queryset

    return filter_


class KennisitemFilterSet(django_filters.FilterSet):
    """The filters every kind of item shares."""

    sector = Keuzefilter(label="Sector", method="filter_sector")
    doelgroep = Keuzefilter(label="Doelgroep", choices=Doelgroep.choices, method="filter_doelgroep")
    bewijsstuk = Keuzefilter(
        label="Bewijsstuk", choices=Bewijsstuk.choices, method="filter_bewijsstuk"
    )
    regio = Keuzefilter(
        label="Regio",
        method="filter_regio",
        help_text="Slug of naam van een regio, of 'landelijk'",
    )

    # The filters whose values are counted next to each option (selectors.facetten_tellen).
    facetten: tuple[str, ...] = ("sector", "doelgroep", "bewijsstuk", "regio")

    class Meta:
        model = Kennisitem
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, keuzes: Referentiekeuzes | None = None, **kw):
        super().__init__(data, queryset, **kw)
        self.keuzes = keuzes or Referentiekeuzes()
        velden = self.form.fields
        # Callables: the choices are read when the form is validated or shown.
        velden["sector"].choices = self.keuzes.sector_keuzes
        velden["sector"].normaliseren = self._sector_slug
        velden["regio"].choices = self.keuzes.regio_keuzes
        velden["regio"].normaliseren = self._regio_slug

    def _regio_slug(self, waarde: str) -> str:
        if waarde.strip().casefold() == LANDELIJK:
            return LANDELIJK
        regio = zoek_in_index(self.keuzes.regios, waarde)
        return regio.slug if regio else waarde.strip()[:80]

    def _sector_slug(self, waarde: str) -> str:
        sector = zoek_in_index(self.keuzes.sectoren, waarde)
        return sector.slug if sector else waarde.strip()[:80]

    def filter_sector(self, queryset, name, value):
        if not value:
            return queryset
        koppelingen = Kennisitem.sectoren.through.objects.filter(sector__slug__in=value)
        return queryset.filter(pk__in=koppelingen.values("kennisitem_id"))

    def filter_regio(self, queryset, name, value):
        if not value:
            return queryset
        voorwaarde = Q(regio__slug__in=[v for v in value if v != LANDELIJK])
        if LANDELIJK in value:
            voorwaarde |= Q(regio__isnull=True)
        return queryset.filter(voorwaarde)

    def filter_doelgroep(self, queryset, name, value):
        return _array_overlap("doelgroepen")(queryset, name, value)

    def filter_bewijsstuk(self, queryset, name, value):
        return _array_overlap("bewijsstukken")(queryset, name, value)

    def foutmeldingen(self) -> list[str]:
        """The invalid filters in plain Dutch, one line each."""
        return [
            f"{self.form.fields[naam].label}: onbekende of ongeldige waarde."
            for naam in self.errors
            if naam in self.form.fields
        ]


class LijstFilterSet(KennisitemFilterSet):
    """Filters of a list page, with a choice of order."""

    sortering = django_filters.ChoiceFilter(
        label="Sorteren op", method="filter_niets", empty_label=None
    )
    sorteringen: dict[str, tuple[str, tuple[str, ...]]] = {
        "titel": ("Titel (A-Z)", ("titel", "id")),
        "nieuw": ("Nieuwste eerst", ("-gepubliceerd_op", "-id")),
    }
    standaard_sortering = "titel"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["sortering"].choices = [(k, v[0]) for k, v in self.sorteringen.items()]

    def filter_niets(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sortering = self.form.cleaned_data.get("sortering") or self.standaard_sortering
        return self.sorteren(queryset, sortering)

    def sorteren(self, queryset: QuerySet, sortering: str) -> QuerySet:
        return queryset.order_by(*self.sorteringen[sortering][1])


def _beeindigd_eerst_na_actueel(queryset: QuerySet) -> QuerySet:
    vandaag = timezone.localdate()
    return queryset.annotate(
        beeindigd=Case(
            When(geldig_tot__lt=vandaag, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


class InstrumentFilterSet(LijstFilterSet):
    soort = Keuzefilter(label="Soort", choices=Instrumentsoort.choices, field_name="soort")
    geldigheid = django_filters.ChoiceFilter(
        label="Geldigheid",
        choices=[("actueel", "Actueel"), ("beeindigd", "Beëindigd")],
        method="filter_geldigheid",
        empty_label="Alle",
    )
    facetten = ("soort", "geldigheid", *KennisitemFilterSet.facetten)

    def filter_geldigheid(self, queryset, name, value):
        vandaag = timezone.localdate()
        if value == "beeindigd":
            return queryset.filter(geldig_tot__lt=vandaag)
        return queryset.filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=vandaag))

    def sorteren(self, queryset, sortering):
        # An ended scheme stays findable but comes after every current one.
        return _beeindigd_eerst_na_actueel(queryset).order_by(
            "beeindigd", *self.sorteringen[sortering][1]
        )


class PraktijkvoorbeeldFilterSet(LijstFilterSet):
    instrument = django_filters.CharFilter(
        label="Met instrument",
        method="filter_instrument",
        max_length=200,
        help_text="Slug van een gebruikt instrument",
    )
    sorteringen = {
        "nieuw": ("Nieuwste jaar eerst", ("-jaar", "titel", "id")),
        **LijstFilterSet.sorteringen,
    }
    standaard_sortering = "nieuw"

    def filter_instrument(self, queryset, name, value):
        return queryset.filter(instrumenten__slug=value.strip()) if value.strip() else queryset

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["instrument"].validators.append(validate_slug)


class MateriaalFilterSet(LijstFilterSet):
    soort = Keuzefilter(label="Soort", choices=Materiaalsoort.choices, field_name="soort")
    publiek_voor = Keuzefilter(
        label="Bedoeld voor", choices=Publiek.choices, method="filter_publiek_voor"
    )
    facetten = ("soort", "publiek_voor", *KennisitemFilterSet.facetten)

    def filter_publiek_voor(self, queryset, name, value):
        return _array_overlap("publiek_voor")(queryset, name, value)


class ZoekFilterSet(KennisitemFilterSet):
    """Filters on search results; those are ordered by relevance."""

    type = Keuzefilter(label="Soort item", choices=Itemtype.choices, field_name="type")
    facetten = ("type", *KennisitemFilterSet.facetten)
