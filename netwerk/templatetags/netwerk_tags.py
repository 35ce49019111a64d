"""Template tags other apps use to show the network, e.g. on an instrument page."""

from django import template

from netwerk import selectors
from netwerk.telefoon import telefoon_internationaal

register = template.Library()


@register.inclusion_tag("netwerk/includes/experts_voor_instrument.html", takes_context=True)
def experts_voor_instrument(context, instrument):
    """People with expertise in ``instrument`` in the logged-in user's own regions.

    Shows nothing at all to anonymous visitors: names are for logged-in users only.
    """
    gebruiker = getattr(context.get("request"), "user", None)
    personen = (
        selectors.experts_voor_instrument(gebruiker=gebruiker, instrument=instrument)
        if gebruiker is not None
        else None
    )
    if personen is None:
        return {"toon": False}
    return {"toon": True, "instrument": instrument, "personen": list(personen)}


@register.filter
def tel_internationaal(telefoon: str) -> str:
    """A phone number for a ``tel:`` link: +31 and digits only."""
    return telefoon_internationaal(telefoon) if telefoon else ""
