import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kennisbank.selectors import export_items
from kennisbank.uitwisseling import item_naar_regel


class Command(BaseCommand):
    help = "Schrijft alle kennisbankitems (elke status) naar een JSON Lines-bestand."

    def add_arguments(self, parser):
        parser.add_argument("pad", help="het .jsonl-bestand dat wordt geschreven")

    def handle(self, *args, pad, **opts):
        items = export_items()
        try:
            with Path(pad).open("w", encoding="utf-8") as bestand:
                for item in items:
                    bestand.write(json.dumps(item_naar_regel(item), ensure_ascii=False) + "\n")
        except OSError as fout:
            raise CommandError(f"Kan {pad} niet schrijven: {fout.strerror}") from None
        self.stdout.write(f"OK: {len(items)} items geschreven naar {pad}")
