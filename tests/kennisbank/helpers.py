"""Building items for tests through the real service, so derived fields are right."""

from django.test import TestCase
from django.utils.text import slugify

from kennisbank.models import Instrument, Materiaal, Praktijkvoorbeeld
from kennisbank.services import kennisitem_opslaan
from portal.models import Regio, Sector

STANDAARD = {
    Instrument: {"soort": "begeleiding"},
    Praktijkvoorbeeld: {"jaar": 2025},
    Materiaal: {"soort": "brochure"},
}


def maak(model, titel, *, sectoren=(), regio=None, **velden):
    velden.setdefault("samenvatting", f"Samenvatting over {titel}")
    velden.setdefault("status", "gepubliceerd")
    item = model(
        titel=titel,
        slug=velden.pop("slug", slugify(titel)),
        regio=Regio.objects.get(slug=regio) if regio else None,
        **(STANDAARD[model] | velden),
    )
    # What follows the commit (the search vocabulary) as well: the test's transaction
    # never commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        kennisitem_opslaan(item=item)
    if sectoren:
        item.sectoren.set(Sector.objects.filter(slug__in=sectoren))
    return item
