"""Kennisbank test material: items of any type, the admin's forms and exchange files."""

import json

from kennisbank.models import Instrument, Materiaal, Praktijkvoorbeeld
from portal.models import Regio
from tests.factories import InstrumentFactory, MateriaalFactory, PraktijkvoorbeeldFactory

FACTORIES = {
    Instrument: InstrumentFactory,
    Praktijkvoorbeeld: PraktijkvoorbeeldFactory,
    Materiaal: MateriaalFactory,
}

# The smallest file the upload check takes for a PDF.
PDF_INHOUD = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def maak(model, titel, **velden):
    """An item of ``model`` made by its factory; traits as keywords (``concept=True``)."""
    return FACTORIES[model](titel=titel, **velden)


# What every item's form in the admin posts: a concept, checked on 1 January.
BEHEERVELDEN = {
    "samenvatting": "Kort", "status": "concept", "publiek": "on",
    "gecontroleerd_op": "2026-01-01", "controleren_voor": "2027-01-01", "links": "",
}  # fmt: skip


def instrument_formulier(**velden) -> dict:
    """The admin's instrument form as posted: national, without steps."""
    return BEHEERVELDEN | {
        "titel": "Regeling", "slug": "regeling", "soort": "begeleiding",
        "stappen-TOTAL_FORMS": "0", "stappen-INITIAL_FORMS": "0",
    } | velden  # fmt: skip


def praktijkvoorbeeld_formulier(**velden) -> dict:
    """The admin's praktijkvoorbeeld form as posted: in Twente."""
    return BEHEERVELDEN | {
        "titel": "Lassen in Venlo", "slug": "lassen-in-venlo", "inhoud": "", "jaar": "2025",
        "regio": Regio.objects.get(slug="twente").pk,
    } | velden  # fmt: skip


def materiaal_formulier(**velden) -> dict:
    """The admin's materiaal form as posted, still without its file, link or text."""
    return BEHEERVELDEN | {
        "titel": "Folder", "slug": "folder", "soort": "brochure", "inhoud": "", "url": "",
    } | velden  # fmt: skip


def jsonl_schrijven(pad, regels):
    """Write ``regels`` (dicts) as a JSON Lines file for import_kennisbank."""
    pad.write_text("".join(json.dumps(r) + "\n" for r in regels), encoding="utf-8")
    return pad
