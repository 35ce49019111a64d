import pytest

from kennisbank.demo import DEMO_BESTAND
from kennisbank.services import kennisbank_importeren


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    """The 96 demo items, loaded through the import service, with what follows its
    commit (the search vocabulary): the test's transaction never commits."""
    with (
        DEMO_BESTAND.open(encoding="utf-8") as bestand,
        django_capture_on_commit_callbacks(execute=True),
    ):
        kennisbank_importeren(regels=bestand)
