"""Reads of the netwerk app. Everything that shows people goes through
:func:`zichtbare_contactpersonen`, which returns nothing for anonymous visitors."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from netwerk.diagram import Diagram, diagram_maken
from netwerk.filters import ContactpersoonFilter, OrganisatieFilter
from netwerk.models import (
    SLEUTELROLLEN,
    SOORT_VOLGORDE,
    Contactpersoon,
    Erkenning,
    Organisatie,
    Organisatiesoort,
    verouderd_sinds,
)
from portal import permissions
from portal.models import Regio
from portal.selectors import normaliseer, regios_met_gemeente


def regios_zoeken(zoekterm: str) -> list[Regio]:
    """Regions matching a region name or gemeente exactly; failing that, those whose
    name, other names or gemeenten contain the term (at least three letters)."""
    gevonden = list(regios_met_gemeente(zoekterm))
    if gevonden:
        return gevonden
    term = normaliseer(zoekterm)
    if len(term) < 3:
        return []
    return [
        regio
        for regio in Regio.objects.all()
        if any(
            term in normaliseer(naam)
            for naam in [regio.naam, *regio.andere_namen, *regio.gemeenten]
        )
    ]


def organisaties() -> QuerySet[Organisatie]:
    """Organisations with what their pages and lists show."""
    return Organisatie.objects.prefetch_related(
        Prefetch("erkenningen", queryset=Erkenning.objects.select_related("sector")),
        "regios",
    )


def zichtbare_contactpersonen(gebruiker) -> QuerySet[Contactpersoon]:
    """Active persons, for those who may see people at all; otherwise nothing."""
    if not permissions.mag_contactpersonen_zien(gebruiker):
        return Contactpersoon.objects.none()
    return (
        Contactpersoon.objects.filter(actief=True)
        .select_related("organisatie")
        .prefetch_related("sectoren", "regios", "instrumenten")
    )


def te_controleren_contactpersonen() -> QuerySet[Contactpersoon]:
    return Contactpersoon.objects.filter(actief=True, gecontroleerd_op__lt=verouderd_sinds())


def te_controleren_organisaties() -> QuerySet[Organisatie]:
    return Organisatie.objects.filter(gecontroleerd_op__lt=verouderd_sinds())


def experts_voor_instrument(*, gebruiker, instrument) -> QuerySet[Contactpersoon]:
    """Active persons with expertise in ``instrument`` in the user's own regions."""
    if not permissions.mag_contactpersonen_zien(gebruiker):
        return Contactpersoon.objects.none()
    return (
        zichtbare_contactpersonen(gebruiker)
        .filter(instrumenten=instrument, regios__in=gebruiker.regios.all())
        .distinct()
    )


@dataclass
class Mboinstelling:
    organisatie: Organisatie
    sectoren: list


@dataclass
class RegioNetwerk:
    regio: Regio
    filter_organisaties: OrganisatieFilter
    filter_personen: ContactpersoonFilter | None
    groepen: list[tuple[str, list[Organisatie]]] = field(default_factory=list)
    mbo_instellingen: list[Mboinstelling] = field(default_factory=list)
    sleutelpersonen: list[Contactpersoon] = field(default_factory=list)
    overige_personen: list[Contactpersoon] = field(default_factory=list)
    diagram: Diagram | None = None

    @property
    def geldig(self) -> bool:
        return self.filter_organisaties.is_valid() and (
            self.filter_personen is None or self.filter_personen.is_valid()
        )

    @property
    def aantal_organisaties(self) -> int:
        return sum(len(lijst) for _, lijst in self.groepen)


def regio_netwerk(*, regio: Regio, gebruiker, data) -> RegioNetwerk:
    """Everything the region page shows, in a fixed number of queries."""
    data = data.copy()
    data.pop("regio", None)
    filter_org = OrganisatieFilter(data, queryset=organisaties().filter(regios=regio))
    filter_pers = None
    if permissions.mag_contactpersonen_zien(gebruiker):
        filter_pers = ContactpersoonFilter(
            data, queryset=zichtbare_contactpersonen(gebruiker).filter(regios=regio)
        )
    netwerk = RegioNetwerk(regio=regio, filter_organisaties=filter_org, filter_personen=filter_pers)
    if not netwerk.geldig:
        return netwerk

    lijst = list(filter_org.qs)
    per_soort: dict[str, list[Organisatie]] = {}
    for organisatie in lijst:
        per_soort.setdefault(organisatie.soort, []).append(organisatie)
    netwerk.groepen = [
        (Organisatiesoort(soort).label, per_soort[soort])
        for soort in SOORT_VOLGORDE
        if soort in per_soort
    ]
    for organisatie in per_soort.get(Organisatiesoort.MBO_INSTELLING, []):
        sectoren = sorted(
            {e.sector for e in organisatie.erkenningen.all()}, key=lambda sector: sector.naam
        )
        netwerk.mbo_instellingen.append(Mboinstelling(organisatie, sectoren))
    netwerk.diagram = diagram_maken(regio=regio, organisaties=lijst)

    if filter_pers is not None:
        for persoon in filter_pers.qs:
            if set(persoon.rollen) & set(SLEUTELROLLEN):
                netwerk.sleutelpersonen.append(persoon)
            else:
                netwerk.overige_personen.append(persoon)
        netwerk.sleutelpersonen.sort(key=lambda p: (_sleutelrol_volgorde(p.rollen), p.naam))
    return netwerk


def _sleutelrol_volgorde(rollen: list[str]) -> int:
    return min((SLEUTELROLLEN.index(r) for r in rollen if r in SLEUTELROLLEN), default=99)


def directory_voor_export(*, regio: Regio, gebruiker, data) -> ContactpersoonFilter:
    """The persons of a region's directory for an export, filtered like the page."""
    data = data.copy()
    data.pop("regio", None)
    return ContactpersoonFilter(
        data, queryset=zichtbare_contactpersonen(gebruiker).filter(regios=regio)
    )


def organisatie_met_personen(*, sleutel: str, gebruiker):
    """The organisation and, for logged-in users, its active persons."""
    organisatie = organisaties().filter(sleutel=sleutel).first()
    if organisatie is None:
        return None, []
    personen = list(zichtbare_contactpersonen(gebruiker).filter(organisatie=organisatie))
    return organisatie, personen
