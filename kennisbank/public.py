"""What other apps may use of the kennisbank (DESIGN: one small public module per app)."""

from django.db.models import QuerySet

from kennisbank.models import Instrument, Publicatiestatus
from kennisbank.selectors import Zoekresultaten, kiesbare_instrumenten, zoeken

__all__ = [
    "Zoekresultaten",
    "gepubliceerde_instrumenten",
    "instrumenten_op_slug",
    "kiesbare_instrumenten",
    "zoeken",
]


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
