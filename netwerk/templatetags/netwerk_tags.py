"""Template tags other apps use to show the network, e.g. on an instrument page."""

from django import template

from netwerk import selectors
from portal import permissions

register = template.Library()


@register.inclusion_tag("netwerk/includes/experts_voor_instrument.html", takes_context=True)
def experts_voor_instrument(context, instrument):
    """People with expertise in ``instrument`` in the logged-in user's own regions.

    Shows nothing at all to anonymous visitors: names are for logged-in users only.
    """
    request = context.get("request")
    gebruiker = getattr(request, "user", None)
    if gebruiker is None or not permissions.mag_contactpersonen_zien(gebruiker):
        return {"toon": False}
    personen = list(selectors.experts_voor_instrument(gebruiker=gebruiker, instrument=instrument))
    return {"toon": True, "instrument": instrument, "personen": personen}
