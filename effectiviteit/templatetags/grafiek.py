from django import template

from effectiviteit.grafieken import tekst

register = template.Library()


@register.filter
def cijfer(waarde, eenheid=""):
    """A figure as the dashboard shows it: count, "<5", "x", or "–" for no value."""
    return tekst(waarde, eenheid)
