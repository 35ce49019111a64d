"""A region's directory as CSV (for spreadsheets) and vCard (for address books)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

import vobject

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


def als_vcard(personen: Iterable[Contactpersoon]) -> str:
    """vCard 3.0 (RFC 2426) written by vobject, which escapes and folds every value: a
    line break or separator in a name cannot start a property of its own."""
    kaarten = []
    for persoon in personen:
        kaart = vobject.vCard()
        kaart.add("fn").value = persoon.naam
        kaart.add("n").value = vobject.vcard.Name(family=persoon.naam)
        if persoon.organisatie:
            kaart.add("org").value = [persoon.organisatie.naam]
        if persoon.functie:
            kaart.add("title").value = persoon.functie
        if persoon.email:
            email = kaart.add("email")
            email.value = persoon.email
            email.type_paramlist = ["INTERNET", "WORK"]
        if persoon.telefoon:
            telefoon = kaart.add("tel")
            telefoon.value = telefoon_internationaal(persoon.telefoon)
            telefoon.type_paramlist = ["WORK", "VOICE"]
        if persoon.rollen:
            kaart.add("note").value = ", ".join(persoon.rollen_labels)
        kaarten.append(kaart.serialize())
    return "".join(kaarten)
