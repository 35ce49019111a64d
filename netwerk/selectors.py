"""Reads of the netwerk app. Everything that shows people goes through
:func:`zichtbare_contactpersonen`, which returns nothing for anonymous visitors.
The kennisbank's instruments come through its public module ``kennisbank.public``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, Max, OuterRef, Prefetch, QuerySet

from netwerk import filters
from netwerk.diagram import Diagram, diagram_maken
from netwerk.models import (
    SLEUTELROLLEN,
    SOORT_VOLGORDE,
    Behandelstatus,
    Contactpersoon,
    Correctie,
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
        for regio in alle_regios()
        if any(
            term in normaliseer(naam)
            for naam in [regio.naam, *regio.andere_namen, *regio.gemeenten]
        )
    ]


def alle_regios() -> QuerySet[Regio]:
    return Regio.objects.all()


def beheerbare_organisaties(gebruiker) -> QuerySet[Organisatie]:
    """Organisations serving one of the regions the user keeps (all for redacteuren)."""
    if permissions.mag_alle_regios_beheren(gebruiker):
        return Organisatie.objects.all()
    return Organisatie.objects.filter(
        regios__in=permissions.beheerbare_regio_ids(gebruiker)
    ).distinct()


def organisaties_op_sleutel(sleutels) -> dict[str, Organisatie]:
    return {o.sleutel: o for o in Organisatie.objects.filter(sleutel__in=sleutels)}


def organisatie_ids_in_regios(*, regio_ids, sleutels) -> set[int]:
    """Ids of the organisations with these sleutels that serve one of these regions."""
    return set(
        Organisatie.objects.filter(sleutel__in=sleutels, regios__in=regio_ids).values_list(
            "pk", flat=True
        )
    )


def _met_erkenningen(qs: QuerySet[Organisatie]) -> QuerySet[Organisatie]:
    return qs.prefetch_related(
        Prefetch("erkenningen", queryset=Erkenning.objects.select_related("sector"))
    )


def organisaties() -> QuerySet[Organisatie]:
    """Organisations with what their detail page and the API show."""
    return _met_erkenningen(Organisatie.objects.all()).prefetch_related("regios")


def zichtbare_contactpersonen(gebruiker) -> QuerySet[Contactpersoon]:
    """Active persons with everything the API and the person page show, for those who
    may see people at all; otherwise nothing."""
    return personen_voor_kaarten(gebruiker).prefetch_related("sectoren", "regios", "instrumenten")


def regio_ids_per_persoon(persoon_ids: Iterable[int]) -> dict[int, set[int]]:
    """The current regions of each of these persons (one query; none: an empty set)."""
    regio_ids: dict[int, set[int]] = {pk: set() for pk in persoon_ids}
    koppelingen = Contactpersoon.regios.through.objects.filter(contactpersoon_id__in=regio_ids)
    for persoon_id, regio_id in koppelingen.values_list("contactpersoon_id", "regio_id"):
        regio_ids[persoon_id].add(regio_id)
    return regio_ids


def niet_te_wissen(*, personen: Iterable[Contactpersoon], gebruiker) -> list[Contactpersoon]:
    """Those of ``personen`` the user may not erase: erasing is deleting, so a person who
    also belongs to a region the user does not keep is out of their reach."""
    personen = list(personen)
    regio_ids = regio_ids_per_persoon(p.pk for p in personen)
    return [
        p
        for p in personen
        if not permissions.mag_regio_inhoud_verwijderen(gebruiker, regio_ids[p.pk])
    ]


def personen_voor_kaarten(gebruiker) -> QuerySet[Contactpersoon]:
    """Active persons with what a person card shows (their organisation, nothing else);
    nothing for those who may not see people."""
    if not permissions.mag_contactpersonen_zien(gebruiker):
        return Contactpersoon.objects.none()
    return Contactpersoon.objects.filter(actief=True).select_related("organisatie")


def verouderd(qs: QuerySet, *, vandaag: datetime.date | None = None) -> QuerySet:
    """Entries of ``qs`` not checked within the configured period (on ``vandaag``)."""
    return qs.filter(gecontroleerd_op__lt=verouderd_sinds(vandaag))


def actueel(qs: QuerySet) -> QuerySet:
    return qs.filter(gecontroleerd_op__gte=verouderd_sinds())


def te_controleren_contactpersonen(
    qs: QuerySet[Contactpersoon] | None = None, *, vandaag: datetime.date | None = None
) -> QuerySet[Contactpersoon]:
    """Active persons due for a check (inactive ones are hidden, nobody needs to call)."""
    qs = Contactpersoon.objects.all() if qs is None else qs
    return verouderd(qs.filter(actief=True), vandaag=vandaag)


def te_controleren_organisaties(
    qs: QuerySet[Organisatie] | None = None, *, vandaag: datetime.date | None = None
) -> QuerySet[Organisatie]:
    return verouderd(Organisatie.objects.all() if qs is None else qs, vandaag=vandaag)


def te_controleren_in_regios(
    *, regio_ids: Iterable[int], vandaag: datetime.date
) -> tuple[list[Organisatie], list[Contactpersoon]]:
    """The organisations and active persons of these regions due for a check on
    ``vandaag``, longest unchecked first, each once however many of the regions it serves."""
    regio_ids = list(regio_ids)
    organisaties = te_controleren_organisaties(
        Organisatie.objects.filter(
            Exists(
                Organisatie.regios.through.objects.filter(
                    organisatie=OuterRef("pk"), regio__in=regio_ids
                )
            )
        ),
        vandaag=vandaag,
    ).order_by("gecontroleerd_op", "naam")
    personen = (
        te_controleren_contactpersonen(
            Contactpersoon.objects.filter(
                Exists(
                    Contactpersoon.regios.through.objects.filter(
                        contactpersoon=OuterRef("pk"), regio__in=regio_ids
                    )
                )
            ),
            vandaag=vandaag,
        )
        .select_related("organisatie")
        .order_by("gecontroleerd_op", "naam")
    )
    return list(organisaties), list(personen)


def controle_te_vragen(*, vandaag: datetime.date) -> dict[int, datetime.date]:
    """The persons who should get the verification e-mail by themselves on ``vandaag``,
    with their verification date: due for a check, with an e-mail address, and no
    correction of theirs waiting for an ambassadeur (they have answered already)."""
    open_correctie = Correctie.objects.filter(
        contactpersoon=OuterRef("pk"), status=Behandelstatus.OPEN
    )
    return dict(
        te_controleren_contactpersonen(vandaag=vandaag)
        .exclude(email="")
        .exclude(Exists(open_correctie))
        .order_by("pk")
        .values_list("pk", "gecontroleerd_op")
    )


@dataclass(frozen=True)
class Controlestand:
    """Where a person stands with their verification: the date of the last check and
    when they last proposed a correction (None: never)."""

    gecontroleerd_op: datetime.date
    laatste_correctie: datetime.datetime | None


def controlestand(persoon_ids: Iterable[int]) -> dict[int, Controlestand]:
    """The state of each of these persons that can still be asked by e-mail (active, with
    an address); the others are left out."""
    rijen = (
        Contactpersoon.objects.filter(pk__in=list(persoon_ids), actief=True)
        .exclude(email="")
        .annotate(laatste_correctie=Max("correcties__ingediend_op"))
        .values_list("pk", "gecontroleerd_op", "laatste_correctie")
    )
    return {pk: Controlestand(datum, correctie) for pk, datum, correctie in rijen}


def contactpersonen_op_id(persoon_ids: Iterable[int]) -> list[Contactpersoon]:
    """Active persons with these ids and their organisation, by name."""
    return list(
        Contactpersoon.objects.filter(pk__in=list(persoon_ids), actief=True)
        .select_related("organisatie")
        .order_by("naam", "pk")
    )


def experts_voor_instrument(*, gebruiker, instrument) -> QuerySet[Contactpersoon] | None:
    """Active persons with expertise in ``instrument`` in the user's own regions; None for
    those who may not see people at all (the page then shows no such section)."""
    if not permissions.mag_contactpersonen_zien(gebruiker):
        return None
    return (
        personen_voor_kaarten(gebruiker)
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
    filter_organisaties: filters.OrganisatieFilter
    filter_personen: filters.ContactpersoonFilter | None
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
    filter_org = filters.OrganisatieFilter(
        data, queryset=_met_erkenningen(Organisatie.objects.filter(regios=regio))
    )
    filter_pers = None
    if permissions.mag_contactpersonen_zien(gebruiker):
        filter_pers = filters.ContactpersoonFilter(
            data, queryset=personen_voor_kaarten(gebruiker).filter(regios=regio)
        )
    netwerk = RegioNetwerk(regio=regio, filter_organisaties=filter_org, filter_personen=filter_pers)
    if not netwerk.geldig:
        return netwerk

    lijst = list(filter_org.qs)
    per_soort: dict[str, list[Organisatie]] = {}
    for organisatie in lijst:
        per_soort.setdefault(organisatie.soort, []).append(organisatie)
    # A soort the code no longer knows (old data) comes last, under its stored code.
    volgorde = [s for s in SOORT_VOLGORDE if s in per_soort]
    volgorde += sorted(set(per_soort) - set(SOORT_VOLGORDE))
    netwerk.groepen = [
        (per_soort[soort][0].get_soort_display(), per_soort[soort]) for soort in volgorde
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


def directory_voor_export(*, regio: Regio, gebruiker, data) -> filters.ContactpersoonFilter:
    """The persons of a region's directory for an export, filtered like the page."""
    data = data.copy()
    data.pop("regio", None)
    return filters.ContactpersoonFilter(
        data, queryset=zichtbare_contactpersonen(gebruiker).filter(regios=regio)
    )


def organisatie_met_personen(*, sleutel: str, gebruiker):
    """The organisation and, for logged-in users, its active persons."""
    organisatie = organisaties().filter(sleutel=sleutel).first()
    if organisatie is None:
        return None, []
    personen = list(personen_voor_kaarten(gebruiker).filter(organisatie=organisatie))
    return organisatie, personen
