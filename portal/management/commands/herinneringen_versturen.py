from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from portal.herinneringen import services


class Command(BaseCommand):
    help = (
        "Zet nu klaar wat de periodieke taken anders 's ochtends klaarzetten: de "
        "weekoverzichten van deze week en de stappen van de controle van contactpersonen. "
        "Wat al verstuurd is, gaat niet nog eens; de worker verstuurt de e-mails."
    )

    def handle(self, *args, **opts):
        if not settings.HERINNERINGEN_AAN:
            self.stdout.write(
                "Herinneringen staan uit (HERINNERINGEN_AAN): er is niets klaargezet."
            )
            return
        try:
            overzichten = services.weekoverzichten_plannen()
            verslag = services.controles_plannen()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Klaargezet: {overzichten} weekoverzicht(en), {verslag.verzoeken} "
            f"controleverzoek(en), {verslag.herinneringen} herinnering(en) en "
            f"{verslag.meldingen} bericht(en) aan ambassadeurs over wie niet reageert. "
            "De worker verstuurt ze."
        )
