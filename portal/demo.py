"""Demo users for ``seed_demo``: one login per role, printed for the developer."""

from portal import roles
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


def demo_gebruikers_maken() -> list[tuple[str, str, list[str]]]:
    for naam, rol, regios in DEMO_GEBRUIKERS:
        gebruiker_opslaan(
            gebruikersnaam=naam,
            rol=rol,
            regios=regios,
            wachtwoord=DEMO_WACHTWOORD,
            email=f"{naam}@example.org",
        )
    return DEMO_GEBRUIKERS
