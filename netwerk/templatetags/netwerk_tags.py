"""Template filters of the netwerk's own templates."""

from django import template

from netwerk.telefoon import telefoon_internationaal

register = template.Library()


@register.filter
def tel_internationaal(telefoon: str) -> str:
    """A phone number for a ``tel:`` link: +31 and digits only."""
    return telefoon_internationaal(telefoon) if telefoon else ""
