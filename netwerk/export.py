"""A region's directory as CSV (for spreadsheets) and vCard (for address books)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from netwerk.models import Contactpersoon
from netwerk.telefoon import telefoon_internationaal

KOLOMMEN = [
    "naam",
    "functie",
    "organisatie",
    "rollen",
    "sectoren",
    "e-mailadres",
    "telefoonnummer",
    "regio's",
    "gecontroleerd op",
]


def _cel(waarde: str) -> str:
    # A cell starting with these would run as a formula in a spreadsheet.
    return "'" + waarde if waarde[:1] in ("=", "+", "-", "@", "\t", "\r") else waarde


def als_csv(personen: Iterable[Contactpersoon]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # lets Excel recognise UTF-8
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(KOLOMMEN)
    for persoon in personen:
        schrijver.writerow(
            [
                _cel(waarde)
                for waarde in (
                    persoon.naam,
                    persoon.functie,
                    persoon.organisatie.naam if persoon.organisatie else "",
                    ", ".join(persoon.rollen_labels),
                    ", ".join(s.naam for s in persoon.sectoren.all()),
                    persoon.email,
                    persoon.telefoon,
                    ", ".join(r.naam for r in persoon.regios.all()),
                    persoon.gecontroleerd_op.isoformat(),
                )
            ]
        )
    return buffer.getvalue()


def _escape(waarde: str) -> str:
    return (
        waarde.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _vouwen(regel: str) -> str:
    """Fold lines longer than 75 octets, as RFC 6350 asks."""
    delen, huidig = [], ""
    for teken in regel:
        if len((huidig + teken).encode()) > 75:
            delen.append(huidig)
            huidig = " "
        huidig += teken
    delen.append(huidig)
    return "\r\n".join(delen)


def als_vcard(personen: Iterable[Contactpersoon]) -> str:
    kaarten = []
    for persoon in personen:
        regels = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"FN:{_escape(persoon.naam)}",
            f"N:{_escape(persoon.naam)};;;;",
        ]
        if persoon.organisatie:
            regels.append(f"ORG:{_escape(persoon.organisatie.naam)}")
        if persoon.functie:
            regels.append(f"TITLE:{_escape(persoon.functie)}")
        if persoon.email:
            regels.append(f"EMAIL;TYPE=INTERNET,WORK:{_escape(persoon.email)}")
        if persoon.telefoon:
            regels.append(f"TEL;TYPE=WORK,VOICE:{telefoon_internationaal(persoon.telefoon)}")
        if persoon.rollen:
            regels.append(f"NOTE:{_escape(', '.join(persoon.rollen_labels))}")
        regels.append("END:VCARD")
        kaarten.append("\r\n".join(_vouwen(r) for r in regels))
    return "\r\n".join(kaarten) + ("\r\n" if kaarten else "")
