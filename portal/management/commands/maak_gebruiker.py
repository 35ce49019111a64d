from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from portal import roles
from portal.services import gebruiker_opslaan


class Fout(CommandError):
    """Printed by Django as ``Fout: <melding>`` on one line, with exit status 1."""


class Command(BaseCommand):
    help = "Maakt een gebruiker met één rol en eventueel regio's aan, of werkt die bij."

    def add_arguments(self, parser):
        parser.add_argument("gebruikersnaam")
        parser.add_argument("--rol", required=True, help=f"een van: {', '.join(roles.ROLLEN)}")
        parser.add_argument(
            "--regio",
            dest="regios",
            action="extend",
            nargs="+",
            default=[],
            help="slug of naam van een arbeidsmarktregio (meer dan één mag)",
        )
        parser.add_argument("--wachtwoord", help="zonder deze optie wordt er een gemaakt")
        parser.add_argument("--email")
        parser.add_argument(
            "--totp-geheim",
            dest="totp_geheim",
            help="base32-geheim van de authenticator-app (zonder deze optie blijft een "
            "bestaande app ingesteld)",
        )

    def handle(self, *args, **opts):
        try:
            resultaat = gebruiker_opslaan(
                gebruikersnaam=opts["gebruikersnaam"],
                rol=opts["rol"],
                regios=opts["regios"],
                wachtwoord=opts["wachtwoord"],
                email=opts["email"],
                totp_geheim=opts["totp_geheim"],
            )
        except ValidationError as exc:
            raise Fout("; ".join(exc.messages)) from exc
        gebruiker = resultaat.gebruiker
        actie = "aangemaakt" if resultaat.nieuw else "bijgewerkt"
        regios = ", ".join(r.slug for r in gebruiker.regios.all()) or "geen"
        self.stdout.write(
            f"Gebruiker {gebruiker.username} {actie}: rol {opts['rol'].strip().casefold()}, "
            f"regio's {regios}"
        )
        if resultaat.wachtwoord:
            self.stdout.write(f"Wachtwoord: {resultaat.wachtwoord}")
        if opts["totp_geheim"] is not None:
            self.stdout.write("Authenticator-app ingesteld met het opgegeven geheim.")
