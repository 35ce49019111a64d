"""Dutch phone numbers: accepted in the usual spellings, stored in one readable form.

Which numbers are Dutch and how they are grouped comes from the ``phonenumbers`` library
(the data of Google's libphonenumber, updated as numbering plans change), so the portal
keeps no list of area codes or number ranges of its own. Accepted are the numbers it
knows as valid Dutch numbers: geographic (``053 480 00 12``, ``0546-540021``), mobile
(``06 1234 5678``), company numbers (``088 123 45 67``), information numbers
(``0800``/``0900``/``0906``/``0909``), each also written with ``+31`` or ``0031``
instead of the leading ``0`` (``+31 (0)6 ...`` too). They are stored in its national
format (``053 480 0012``, ``06 12345678``).
"""

from __future__ import annotations

import re

import phonenumbers
from django.core.exceptions import ValidationError

# Digits, the separators people type and one leading +, nothing else: phonenumbers also
# reads "06 12345678 x" or "tel. 06 12345678" as a number, which this field refuses.
_TEKENS = re.compile(r"^\s*\+?[\d\s\-./()]+$")

MELDING = (
    "Vul een Nederlands telefoonnummer in, bijvoorbeeld 053 480 00 12, 06 1234 5678, "
    "088 123 45 67 of +31 6 1234 5678."
)


def _ontleden(waarde: str) -> phonenumbers.PhoneNumber:
    """The number in ``waarde``, read as Dutch unless it says otherwise."""
    try:
        return phonenumbers.parse(str(waarde), "NL")
    except phonenumbers.NumberParseException:
        raise ValidationError(MELDING, code="telefoon") from None


def telefoon_normaliseren(waarde: str) -> str:
    """The number in the portal's one spelling, or ValidationError with a Dutch message."""
    if waarde is None or not str(waarde).strip():
        return ""
    if not _TEKENS.match(str(waarde)):
        raise ValidationError(MELDING, code="telefoon")
    nummer = _ontleden(waarde)
    if not phonenumbers.is_valid_number_for_region(nummer, "NL"):
        raise ValidationError(MELDING, code="telefoon")
    return phonenumbers.format_number(nummer, phonenumbers.PhoneNumberFormat.NATIONAL)


def telefoon_valideren(waarde: str) -> None:
    """Model field validator: accepts every spelling :func:`telefoon_normaliseren` accepts."""
    telefoon_normaliseren(waarde)


def telefoon_internationaal(waarde: str) -> str:
    """``+31...`` for ``tel:`` links and vCards."""
    try:
        nummer = _ontleden(waarde)
    except ValidationError:  # no digits at all: better no link target than the letters
        return ""
    return phonenumbers.format_number(nummer, phonenumbers.PhoneNumberFormat.E164)
