"""What other apps may use of the kennisbank (one small public module per app; README: Opbouw)."""

from django.db.models import Case, Q, QuerySet, Value, When

from kennisbank.models import (
    Instrument,
    Instrumentsoort,
    Praktijkvoorbeeld,
    Publicatiestatus,
)
from kennisbank.selectors import (
    kiesbare_instrumenten,
    te_controleren_items,
    zichtbare_items,
    zoeken,
)
from kennisbank.validatie import LEEFTIJD_MAX, LEEFTIJD_MIN
from portal import paginacache, permissions

__all__ = [
    "LEEFTIJD_MAX",
    "LEEFTIJD_MIN",
    "Instrumentsoort",
    "gepubliceerde_instrumenten",
    "instrumenten_op_slug",
    "instrumenten_voor_regio",
    "kiesbare_instrumenten",
    "praktijkvoorbeelden_voor",
    "te_controleren_items",
    "zoeken",
]


# What a list of many items never shows: the long text and its derived search vectors.
_LANGE_VELDEN = ("inhoud", "inhoud_html", "zoekvector", "rangvector")


def gepubliceerde_instrumenten() -> QuerySet[Instrument]:
    """Published instruments, slug and title only, by title: for another app's drop-down."""
    return (
        Instrument.objects.filter(status=Publicatiestatus.GEPUBLICEERD)
        .only("slug", "titel")
        .order_by("titel")
    )


def instrumenten_op_slug(slugs=None) -> dict[str, Instrument]:
    """Instruments of any status by slug (all when ``slugs`` is None), for imports and demos."""
    qs = Instrument.objects.all() if slugs is None else Instrument.objects.filter(slug__in=slugs)
    return {i.slug: i for i in qs.only("pk", "slug")}


def instrumenten_voor_regio(gebruiker, regio) -> list[Instrument]:
    """Published instruments the user may see, national or of ``regio``, with their
    sectoren and stappen, by title: everything the wegwijzer weighs and shows.

    Which instruments a user may see depends only on whether they may see non-public
    items, so all of them are kept per kind of user (portal.paginacache.gedeeld) and
    narrowed to the region here: what is kept holds nothing of the situation the
    wegwijzer is asked. Callers only read them."""
    niet_openbaar = permissions.mag_niet_openbare_inhoud_zien(gebruiker)

    def maken() -> list[Instrument]:
        return list(
            zichtbare_items(gebruiker, Instrument)
            .defer(*_LANGE_VELDEN)
            .select_related("regio")
            .prefetch_related("sectoren", "stappen")
            .order_by("titel", "id")
        )

    soort = "alle" if niet_openbaar else "openbare"
    alle = paginacache.gedeeld(f"kennisbank-instrumenten-{soort}", maken)
    return [i for i in alle if i.regio_id is None or i.regio_id == regio.pk]


def praktijkvoorbeelden_voor(
    gebruiker, *, regio, doelgroep: str, sector=None, aantal: int = 5
) -> list[Praktijkvoorbeeld]:
    """Published praktijkvoorbeelden the user may see for ``doelgroep`` (or for anyone)
    and, when given, ``sector``: those of ``regio`` first, then the newest."""
    qs = zichtbare_items(gebruiker, Praktijkvoorbeeld).filter(
        Q(doelgroepen__contains=[doelgroep]) | Q(doelgroepen=[])
    )
    if sector is not None:
        qs = qs.filter(sectoren=sector)
    eigen_regio_eerst = Case(When(regio=regio, then=Value(0)), default=Value(1))
    return list(
        qs.defer(*_LANGE_VELDEN, "resultaat", "citaat")
        .select_related("regio")
        .prefetch_related("sectoren")
        .order_by(eigen_regio_eerst, "-jaar", "titel")[:aantal]
    )
