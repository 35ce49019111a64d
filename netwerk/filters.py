"""The filters of the network pages, shared by the HTML pages and the API."""

from __future__ import annotations

import django_filters
from django import forms

from kennisbank import public as kennisbank
from netwerk.models import Contactpersoon, Organisatie, Organisatiesoort, Rol
from portal.selectors import OnbekendeWaarde, alle_sectoren, regio_opzoeken


class RegioVeld(forms.CharField):
    """A region by slug, official name or other name (README: Beheercommando's)."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return regio_opzoeken(value)
        except OnbekendeWaarde as exc:
            raise forms.ValidationError(str(exc).capitalize() + ".") from exc


class RegioFilter(django_filters.Filter):
    field_class = RegioVeld

    def __init__(self, **kwargs):
        help_text = "Slug, officiële of andere naam van een regio"
        super().__init__(label="Regio", max_length=100, help_text=help_text, **kwargs)

    def filter(self, qs, value):
        if value is None:
            return qs
        return qs.filter(regios=value)


def _sectoren(request=None):
    return alle_sectoren()


def _instrumenten(request=None):
    return kennisbank.gepubliceerde_instrumenten()


class OrganisatieFilter(django_filters.FilterSet):
    """Organisations: by region, soort, and sector (an mbo-instelling's recognitions)."""

    regio = RegioFilter()
    soort = django_filters.ChoiceFilter(
        label="Soort organisatie", choices=Organisatiesoort.choices, empty_label="Alle soorten"
    )
    sector = django_filters.ModelChoiceFilter(
        label="Sector",
        queryset=_sectoren,
        to_field_name="slug",
        empty_label="Alle sectoren",
        field_name="erkenningen__sector",
        distinct=True,
    )
    q = django_filters.CharFilter(
        label="Naam bevat", field_name="naam", lookup_expr="icontains", max_length=100
    )

    class Meta:
        model = Organisatie
        fields = ["regio", "soort", "sector", "q"]


class ContactpersoonFilter(django_filters.FilterSet):
    """Persons: by region, the soort of their organisation, role, and expertise."""

    regio = RegioFilter()
    soort = django_filters.ChoiceFilter(
        label="Soort organisatie",
        choices=Organisatiesoort.choices,
        empty_label="Alle soorten",
        field_name="organisatie__soort",
    )
    rol = django_filters.ChoiceFilter(
        label="Rol", choices=Rol.choices, empty_label="Alle rollen", method="filter_rol"
    )
    sector = django_filters.ModelChoiceFilter(
        label="Sector",
        queryset=_sectoren,
        to_field_name="slug",
        empty_label="Alle sectoren",
        field_name="sectoren",
        distinct=True,
    )
    instrument = django_filters.ModelChoiceFilter(
        label="Kennis van instrument",
        queryset=_instrumenten,
        to_field_name="slug",
        empty_label="Alle instrumenten",
        field_name="instrumenten",
        distinct=True,
    )
    q = django_filters.CharFilter(
        label="Naam bevat", field_name="naam", lookup_expr="icontains", max_length=100
    )

    class Meta:
        model = Contactpersoon
        fields = ["regio", "soort", "rol", "sector", "instrument", "q"]

    def filter_rol(self, queryset, name, value):
        return queryset.filter(rollen__contains=[value]) if value else queryset
