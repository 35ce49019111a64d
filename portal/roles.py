"""The roles (README: Rollen) and the model permissions each role's group holds.

The groups themselves are made by a migration; their model permissions are kept
in step with this table after every ``migrate`` (see ``apps.py``), because the
permissions of later models only exist once those models are migrated.
"""

from dataclasses import dataclass

PROFESSIONAL = "professional"
AMBASSADEUR = "ambassadeur"
MANAGER = "manager"
REDACTEUR = "redacteur"
BEHEERDER = "beheerder"

ROLLEN = (PROFESSIONAL, AMBASSADEUR, MANAGER, REDACTEUR, BEHEERDER)


@dataclass(frozen=True)
class Rolinfo:
    omschrijving: str
    staf: bool  # may open the admin
    superuser: bool = False


ROLINFO = {
    PROFESSIONAL: Rolinfo("leest kennisbank, netwerk en dashboards", staf=False),
    AMBASSADEUR: Rolinfo("beheert de inhoud van de eigen regio's in het beheer", staf=True),
    MANAGER: Rolinfo("leest dashboards en exporteert cijfers", staf=False),
    REDACTEUR: Rolinfo("beheert landelijke en regionale kennisbankitems", staf=True),
    BEHEERDER: Rolinfo("mag alles", staf=True, superuser=True),
}

_ALL = ("view", "add", "change", "delete")

# app label -> model name -> role -> actions. Models that do not exist (yet) are skipped.
ROL_PERMISSIES: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "kennisbank": {
        model: {AMBASSADEUR: _ALL, REDACTEUR: _ALL}
        for model in ("instrument", "stap", "praktijkvoorbeeld", "materiaal")
    },
    "netwerk": {
        **{model: {AMBASSADEUR: _ALL} for model in ("organisatie", "contactpersoon", "erkenning")},
        **{
            model: {AMBASSADEUR: ("view", "change")}
            for model in ("organisatietecontroleren", "contactpersoontecontroleren")
        },
        "foutmelding": {AMBASSADEUR: ("view", "change")},
        "correctie": {AMBASSADEUR: ("view", "change")},
    },
    "effectiviteit": {
        "importbatch": {AMBASSADEUR: ("view", "add")},
    },
}
