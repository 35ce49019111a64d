import pytest

from kennisbank.demo import DEMO_BESTAND
from kennisbank.services import kennisbank_importeren, zoekwoorden_bijwerken


@pytest.fixture
def demo(db):
    """The 96 demo items, loaded through the import service."""
    with DEMO_BESTAND.open(encoding="utf-8") as bestand:
        kennisbank_importeren(regels=bestand)
    # on_commit does not fire inside a test transaction; rebuild the vocabulary here.
    zoekwoorden_bijwerken()
