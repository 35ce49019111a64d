"""Demo users for ``seed_demo``: one login per role, printed for the developer."""

from django.conf import settings
from django.core.management.base import CommandError

from portal import roles
from portal.models import Gebruiker
from portal.services import gebruiker_opslaan

DEMO_WACHTWOORD = "praktijkleren-demo"

DEMO_GEBRUIKERS = [
    ("beheerder", roles.BEHEERDER, []),
    ("redacteur", roles.REDACTEUR, []),
    ("professional", roles.PROFESSIONAL, ["twente"]),
    ("ambassadeur-twente", roles.AMBASSADEUR, ["twente"]),
    ("manager-twente", roles.MANAGER, ["twente"]),
    ("ambassadeur-noord-limburg", roles.AMBASSADEUR, ["noord-limburg"]),
]
DEMO_NAMEN = [naam for naam, _, _ in DEMO_GEBRUIKERS]
TWEEDE_FACTOR_UITLEG = (
    "Beheerder, redacteur en ambassadeurs stellen bij hun eerste bezoek aan het beheer "
    "een authenticator-app in (QR-code); daarna vraagt het beheer om een code uit die app."
)


class Fout(CommandError):
    """Printed by Django as ``Fout: <melding>`` on one line, with exit status 1."""


def demo_weigeren_buiten_ontwikkeling() -> None:
    """Stop a command that would load the demo where DEMO_TOEGESTAAN is off (production):
    its accounts, editors included, have a password printed in the README."""
    if not getattr(settings, "DEMO_TOEGESTAAN", False):
        raise Fout(
            "de demo wordt niet geladen met deze instellingen (productie): de demo-accounts "
            "hebben een openbaar wachtwoord. Maak echte gebruikers met maak_gebruiker."
        )


def demo_is_geladen() -> bool:
    """``make run`` loads the demo once; the last demo user marks that it happened."""
    return Gebruiker.objects.filter(username=DEMO_NAMEN[-1]).exists()


def demo_laden(stdout) -> None:
    for naam, rol, regios in DEMO_GEBRUIKERS:
        gebruiker_opslaan(
            gebruikersnaam=naam,
            rol=rol,
            regios=regios,
            wachtwoord=DEMO_WACHTWOORD,
            email=f"{naam}@example.org",
        )
    stdout.write(f"Demo-logins (wachtwoord voor allen: {DEMO_WACHTWOORD}):")
    for naam, rol, regios in DEMO_GEBRUIKERS:
        regiotekst = f" ({', '.join(regios)})" if regios else ""
        stdout.write(f"  {rol:<12} {naam}{regiotekst}")
    stdout.write(TWEEDE_FACTOR_UITLEG)
