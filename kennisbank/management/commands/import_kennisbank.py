from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kennisbank.services import Importfout, kennisbank_importeren


class Command(BaseCommand):
    help = (
        "Leest kennisbankitems uit een JSON Lines-bestand (één object per regel) en voegt ze "
        "toe of werkt ze bij op type en slug. Alles of niets: bij één fout wordt niets opgeslagen."
    )

    def add_arguments(self, parser):
        parser.add_argument("pad", help="het .jsonl-bestand")
        parser.add_argument(
            "--dry-run", action="store_true", help="alleen controleren, niets opslaan"
        )

    def handle(self, *args, pad, dry_run, **opts):
        try:
            with Path(pad).open(encoding="utf-8-sig") as bestand:
                resultaat = kennisbank_importeren(regels=bestand, dry_run=dry_run)
        except OSError as fout:
            raise CommandError(f"Kan {pad} niet lezen: {fout.strerror}") from None
        except UnicodeDecodeError:
            raise CommandError(f"{pad} is geen UTF-8-tekstbestand.") from None
        except Importfout as fout:
            for regel in fout.fouten:
                self.stderr.write(regel)
            raise CommandError(
                f"{len(fout.fouten)} fout(en) gevonden; er is niets opgeslagen."
            ) from None
        voorvoegsel = "Controle geslaagd (niets opgeslagen)" if dry_run else "OK"
        self.stdout.write(
            f"{voorvoegsel}: {resultaat.nieuw} nieuw, {resultaat.bijgewerkt} bijgewerkt, "
            f"{resultaat.ongewijzigd} ongewijzigd"
        )
