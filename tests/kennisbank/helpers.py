"""Kennisbank items of any of the three types, for tests that run over all of them."""

from kennisbank.models import Instrument, Materiaal, Praktijkvoorbeeld
from tests.factories import InstrumentFactory, MateriaalFactory, PraktijkvoorbeeldFactory

FACTORIES = {
    Instrument: InstrumentFactory,
    Praktijkvoorbeeld: PraktijkvoorbeeldFactory,
    Materiaal: MateriaalFactory,
}


def maak(model, titel, **velden):
    """An item of ``model`` made by its factory; traits as keywords (``concept=True``)."""
    return FACTORIES[model](titel=titel, **velden)
