"""What other apps may use of the netwerk (one small public module per app; README: Opbouw)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from netwerk.models import (
    SLEUTELROLLEN,
    Contactpersoon,
    Erkenning,
    Organisatie,
    Organisatiesoort,
)
from netwerk.selectors import (
    contactpersonen_op_id,
    controle_te_vragen,
    controlestand,
    experts_voor_instrument,
    personen_voor_kaarten,
    regio_ids_per_persoon,
    te_controleren_in_regios,
)
from netwerk.services import contactpersonen_controle_aanvragen, controlemail_versturen

__all__ = [
    "contactpersonen_controle_aanvragen",
    "contactpersonen_op_id",
    "contactpersonen_voor_route",
    "controle_te_vragen",
    "controlemail_versturen",
    "controlestand",
    "experts_voor_instrument",
    "mbo_instellingen_met_erkenning",
    "regio_ids_per_persoon",
    "te_controleren_in_regios",
]


def mbo_instellingen_met_erkenning(*, regio, sector=None) -> list[Organisatie]:
    """The region's mbo-instellingen with an erkenning derde leerweg in ``sector`` (any
    erkenning when no sector is given), with their erkenningen and sectors prefetched."""
    erkend = Erkenning.objects.filter(organisatie=OuterRef("pk"))
    if sector is not None:
        erkend = erkend.filter(sector=sector)
    return list(
        Organisatie.objects.filter(regios=regio, soort=Organisatiesoort.MBO_INSTELLING)
        .filter(Exists(erkend))
        .prefetch_related(
            Prefetch("erkenningen", queryset=Erkenning.objects.select_related("sector"))
        )
        .order_by("naam")
    )


def contactpersonen_voor_route(
    gebruiker, *, regio, sector=None, instrumenten=()
) -> QuerySet[Contactpersoon]:
    """Active people of ``regio`` to call about a route: the region's key people and
    those with expertise in ``sector`` or one of ``instrumenten``. Key people come first,
    then those who know the sector, then those who know an instrument; nothing for
    anonymous users."""
    # Only the conditions that can hold: an empty one would be a constant, which
    # PostgreSQL refuses in ORDER BY.
    kenmerken = {"is_sleutel": Q(rollen__overlap=list(SLEUTELROLLEN))}
    if sector is not None:
        kenmerken["kent_sector"] = Exists(
            Contactpersoon.sectoren.through.objects.filter(
                contactpersoon=OuterRef("pk"), sector=sector
            )
        )
    if instrumenten:
        kenmerken["kent_instrument"] = Exists(
            Contactpersoon.instrumenten.through.objects.filter(
                contactpersoon=OuterRef("pk"), instrument__in=list(instrumenten)
            )
        )
    een_van = Q()
    for kenmerk in kenmerken:
        een_van |= Q(**{kenmerk: True})
    return (
        personen_voor_kaarten(gebruiker)
        .filter(regios=regio)
        .alias(**kenmerken)
        .filter(een_van)
        .order_by(*(f"-{k}" for k in kenmerken), "naam")
    )
