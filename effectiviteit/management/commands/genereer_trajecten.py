from django.core.management.base import BaseCommand, CommandError

from effectiviteit.services import trajecten_genereren


class Command(BaseCommand):
    help = "Maakt verzonnen trajecten voor demo's en metingen, gemarkeerd als synthetisch."

    def add_arguments(self, parser):
        parser.add_argument("--aantal", type=int, default=5000, help="aantal trajecten")
        parser.add_argument("--seed", type=int, default=1, help="startwaarde van het toeval")

    def handle(self, *args, aantal, seed, **opts):
        if aantal < 0 or aantal > 10_000_000:
            raise CommandError("--aantal moet tussen 0 en 10.000.000 liggen")
        nieuw = trajecten_genereren(aantal=aantal, seed=seed)
        self.stdout.write(f"{nieuw} synthetische trajecten toegevoegd (seed {seed}).")
