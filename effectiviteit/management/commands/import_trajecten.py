from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from effectiviteit.services import PROEFRUN_IN_ORDE, trajecten_importeren
from portal.models import Gebruiker


class Command(BaseCommand):
    help = (
        "Leest trajecten in uit een CSV- of Excelbestand (alles of niets). Fouten verschijnen als "
        "'rij N: kolom: melding'; exitstatus 1 bij ongeldige invoer."
    )

    def add_arguments(self, parser):
        parser.add_argument("pad", help="pad naar het .csv- of .xlsx-bestand")
        parser.add_argument(
            "--dry-run", action="store_true", help="alleen controleren, niets opslaan"
        )
        parser.add_argument(
            "--gebruiker",
            help="inlezen namens deze gebruiker: een ambassadeur alleen voor de eigen regio's",
        )

    def handle(self, *args, pad, dry_run, gebruiker=None, **opts):
        bestand = Path(pad)
        if not bestand.is_file():
            raise CommandError(f"bestand niet gevonden: {pad}")
        namens = None
        if gebruiker:
            namens = Gebruiker.objects.filter(username=gebruiker).first()
            if namens is None:
                raise CommandError(f"onbekende gebruiker '{gebruiker}'")
        resultaat = trajecten_importeren(bestand=bestand, gebruiker=namens, proefrun=dry_run)
        if not resultaat.gelukt:
            for fout in resultaat.fouten:
                self.stderr.write(fout)
            raise CommandError(
                f"niets ingelezen: {len(resultaat.fouten)} fout(en) in {bestand.name}",
                returncode=1,
            )
        if dry_run:
            self.stdout.write(PROEFRUN_IN_ORDE)
        self.stdout.write(resultaat.samenvatting)
