"""Demo content of the network for ``seed_demo``: netwerk/demo/netwerk.json, loaded through
the services and keyed on ``sleutel``, so running it again changes nothing."""

import datetime
import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from kennisbank import public as kennisbank
from netwerk import selectors, services
from portal.selectors import alle_sectoren

BESTAND = Path(__file__).resolve().parent / "demo" / "netwerk.json"


@transaction.atomic
def demo_laden(stdout) -> None:
    gegevens = json.loads(BESTAND.read_text(encoding="utf-8"))
    regios = {r.slug: r for r in selectors.alle_regios()}
    sectoren = {s.slug: s for s in alle_sectoren()}
    # Instruments the kennisbank does not (yet) hold are left out, not an error.
    instrumenten = kennisbank.instrumenten_op_slug()
    vandaag = timezone.localdate()

    organisaties = {}
    for org in gegevens["organisaties"]:
        organisatie = services.organisatie_opslaan(
            sleutel=org["sleutel"],
            naam=org["naam"],
            soort=org["soort"],
            regios=[regios[slug] for slug in org["regios"]],
            adres=org.get("adres", ""),
            website=org.get("website", ""),
            telefoon=org.get("telefoon", ""),
            email=org.get("email", ""),
            omschrijving=org.get("omschrijving", ""),
        )
        for erkenning in org.get("erkenningen", []):
            services.erkenning_opslaan(
                organisatie=organisatie,
                kwalificatie=erkenning["kwalificatie"],
                crebo=erkenning["crebo"],
                sector=sectoren[erkenning["sector"]],
                niveau=erkenning["niveau"],
                bewijsstukken=erkenning["bewijsstukken"],
            )
        organisaties[org["sleutel"]] = organisatie

    for persoon in gegevens["contactpersonen"]:
        services.contactpersoon_opslaan(
            sleutel=persoon["sleutel"],
            naam=persoon["naam"],
            functie=persoon.get("functie", ""),
            organisatie=organisaties.get(persoon.get("organisatie")),
            rollen=persoon.get("rollen", []),
            sectoren=[sectoren[s] for s in persoon.get("sectoren", [])],
            instrumenten=[
                instrumenten[s] for s in persoon.get("instrumenten", []) if s in instrumenten
            ],
            email=persoon.get("email", ""),
            telefoon=persoon.get("telefoon", ""),
            regios=[regios[slug] for slug in persoon["regios"]],
            actief=persoon.get("actief", True),
            gecontroleerd_op=vandaag
            - datetime.timedelta(days=persoon.get("gecontroleerd_dagen_geleden", 0)),
        )
    stdout.write(
        f"Netwerk: {len(organisaties)} organisaties en "
        f"{len(gegevens['contactpersonen'])} contactpersonen geladen."
    )
