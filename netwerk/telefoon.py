"""Dutch phone numbers: accepted in the usual spellings, stored in one readable form.

Accepted: geographic numbers (``053 480 00 12``, ``0546-540021``), mobile (``06 1234 5678``),
company numbers (``088 123 45 67``, also 084/085/087), information numbers
(``0800``/``0900``/``0906``/``0909`` followed by 4 to 7 digits), each also written with
``+31`` or ``0031`` instead of the leading ``0`` (``+31 (0)6 ...`` too).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

# Area codes of two digits after the 0 (the rest have three); they decide the grouping.
_KORTE_NETNUMMERS = {
    "010", "013", "015", "020", "023", "024", "026", "030", "033", "035", "036", "038",
    "040", "043", "045", "046", "050", "053", "055", "058", "070", "071", "072", "073",
    "074", "075", "076", "077", "078", "079",
}  # fmt: skip

_MOBIEL = re.compile(r"^06\d{8}$")
_INFORMATIE = re.compile(r"^0(800|900|906|909)\d{4,7}$")
_BEDRIJF = re.compile(r"^08[4578]\d{7}$")
_GEOGRAFISCH = re.compile(r"^0[1-57]\d{8}$")

MELDING = (
    "Vul een Nederlands telefoonnummer in, bijvoorbeeld 053 480 00 12, 06 1234 5678, "
    "088 123 45 67 of +31 6 1234 5678."
)


def _cijfers(waarde: str) -> str:
    nummer = re.sub(r"[\s\-./()]", "", str(waarde))
    if nummer.startswith("+31"):
        nummer = "0" + nummer[3:]
    elif nummer.startswith("0031"):
        nummer = "0" + nummer[4:]
    if nummer.startswith("00"):  # "+31 (0)6 ..." leaves a doubled zero
        nummer = nummer[1:]
    return nummer


def telefoon_normaliseren(waarde: str) -> str:
    """The number in the portal's one spelling, or ValidationError with a Dutch message."""
    if waarde is None or not str(waarde).strip():
        return ""
    nummer = _cijfers(waarde)
    if not nummer.isdigit():
        raise ValidationError(MELDING, code="telefoon")
    if _MOBIEL.match(nummer):
        return f"{nummer[:2]} {nummer[2:6]} {nummer[6:]}"
    if _INFORMATIE.match(nummer):
        return f"{nummer[:4]} {nummer[4:]}"
    if _BEDRIJF.match(nummer):
        return f"{nummer[:3]} {nummer[3:6]} {nummer[6:8]} {nummer[8:]}"
    if _GEOGRAFISCH.match(nummer):
        if nummer[:3] in _KORTE_NETNUMMERS:
            return f"{nummer[:3]} {nummer[3:6]} {nummer[6:8]} {nummer[8:]}"
        return f"{nummer[:4]} {nummer[4:6]} {nummer[6:8]} {nummer[8:]}"
    raise ValidationError(MELDING, code="telefoon")


def telefoon_valideren(waarde: str) -> None:
    """Model field validator: accepts every spelling :func:`telefoon_normaliseren` accepts."""
    telefoon_normaliseren(waarde)


def telefoon_internationaal(waarde: str) -> str:
    """``+31...`` for ``tel:`` links and vCards."""
    nummer = _cijfers(waarde)
    return f"+31{nummer[1:]}" if nummer.startswith("0") else nummer
