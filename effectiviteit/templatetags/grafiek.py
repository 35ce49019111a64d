from django import template
from django.utils.html import conditional_escape, format_html

from effectiviteit.grafieken import GEEN, tekst

register = template.Library()


@register.filter
def celwaarde(waarde):
    """A figure's text for a page: GEEN gets words a screen reader can say instead of a dash."""
    if waarde == GEEN:
        return format_html(
            '<span aria-hidden="true">{}</span><span class="visually-hidden">geen cijfer</span>',
            GEEN,
        )
    return conditional_escape(waarde)


@register.filter
def cijfer(waarde, eenheid=""):
    """A figure as the dashboard shows it: count, "<5", or a dash for no value."""
    return celwaarde(tekst(waarde, eenheid))
