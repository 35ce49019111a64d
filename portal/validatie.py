"""Validators shared by the apps' models."""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError

# Characters that change how text is read back rather than what it says: line and
# paragraph separators and the bidirectional overrides, which can make a name display
# as something else than it is.
_ONZICHTBAAR = (
    {"\u2028", "\u2029"}
    | {chr(c) for c in range(0x202A, 0x202F)}
    | {chr(c) for c in range(0x2066, 0x206A)}
)


def stuurteken(waarde: str) -> str | None:
    """The first control character in ``waarde`` (tab, line break, NUL, ...), if any."""
    for teken in waarde:
        if unicodedata.category(teken) == "Cc" or teken in _ONZICHTBAAR:
            return teken
    return None


def een_regel_valideren(waarde: str) -> None:
    """A single-line field holds no control characters. A line break in a name would
    otherwise end up as a line of its own in every export (a vCard property, a CSV row)."""
    teken = stuurteken(waarde or "")
    if teken is not None:
        raise ValidationError(
            "Dit veld mag geen regeleinden, tabs of andere stuurtekens bevatten "
            f"(gevonden: U+{ord(teken):04X}).",
            code="stuurteken",
        )


def te_veel_rijen(maximum: int | None = None) -> str:
    """The message for an import file over ``maximum`` rows (lines, for JSON Lines);
    IMPORT_MAX_RIJEN unless an import has a smaller cap of its own."""
    maximum = f"{maximum or settings.IMPORT_MAX_RIJEN:,}".replace(",", ".")
    return (
        f"het bestand heeft meer dan {maximum} rijen; splits het in kleinere bestanden "
        "en lees die na elkaar in"
    )
