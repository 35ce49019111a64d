"""Demo content for ``seed_demo``: the JSON Lines file next to this module, loaded
through the same import service as ``import_kennisbank`` (an idempotent upsert)."""

from pathlib import Path

from kennisbank.services import kennisbank_importeren

DEMO_BESTAND = Path(__file__).with_name("kennisbank.jsonl")


def demo_laden(stdout) -> None:
    with DEMO_BESTAND.open(encoding="utf-8") as bestand:
        resultaat = kennisbank_importeren(regels=bestand)
    stdout.write(
        f"Kennisbank: {resultaat.nieuw} nieuw, {resultaat.bijgewerkt} bijgewerkt, "
        f"{resultaat.ongewijzigd} ongewijzigd."
    )
