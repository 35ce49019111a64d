"""What other apps may use of the netwerk (DESIGN: one small public module per app)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from netwerk.models import (
    SLEUTELROLLEN,
    Contactpersoon,
    Erkenning,
    Organisatie,
    Organisatiesoort,
)
from netwerk.selectors import personen_voor_kaarten

__all__ = ["SLEUTELROLLEN", "contactpersonen_voor_route", "mbo_instellingen_met_erkenning"]


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
    then those who know both the sector and an instrument. Nothing for anonymous users."""
    personen = personen_voor_kaarten(gebruiker).filter(regios=regio)
    kent_sector = (
        Exists(
            Contactpersoon.sectoren.through.objects.filter(
                contactpersoon=OuterRef("pk"), sector=sector
            )
        )
        if sector is not None
        else Q(pk__in=[])
    )
    kent_instrument = Exists(
        Contactpersoon.instrumenten.through.objects.filter(
            contactpersoon=OuterRef("pk"), instrument__in=list(instrumenten)
        )
    )
    sleutelpersoon = Q(rollen__overlap=list(SLEUTELROLLEN))
    return (
        personen.alias(
            is_sleutel=sleutelpersoon, kent_sector=kent_sector, kent_instrument=kent_instrument
        )
        .filter(Q(is_sleutel=True) | Q(kent_sector=True) | Q(kent_instrument=True))
        .order_by("-is_sleutel", "-kent_sector", "-kent_instrument", "naam")
    )
