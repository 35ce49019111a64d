"""Demo trajectories for ``seed_demo``: synthetic, so every chart shows something."""

from effectiviteit.models import Traject
from effectiviteit.services import trajecten_genereren

DEMO_AANTAL = 5000
DEMO_SEED = 2024


def demo_laden(stdout) -> None:
    if Traject.objects.filter(synthetisch=True).exists():
        stdout.write("Effectiviteit: synthetische demotrajecten staan er al.")
        return
    nieuw = trajecten_genereren(aantal=DEMO_AANTAL, seed=DEMO_SEED)
    stdout.write(f"Effectiviteit: {nieuw} synthetische demotrajecten geladen.")
