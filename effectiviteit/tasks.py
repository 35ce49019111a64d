"""Background jobs of the effectiviteit app: the trajectory upload of the admin.

The command line (``import_trajecten``) calls the same service synchronously.
"""

from django.core.files.storage import default_storage
from procrastinate.contrib.django import app

from effectiviteit.services import trajecten_importeren
from portal import achtergrondtaken


@app.task(name="effectiviteit.trajecten_importeren")
def trajecten_importeren_taak(*, achtergrondtaak_id: int) -> None:
    """Read in the uploaded file of the job's record for the user who uploaded it."""
    taak = achtergrondtaken.ophalen(achtergrondtaak_id)
    if taak is None:
        return
    with achtergrondtaken.uitvoeren(taak) as uitvoering:
        if taak.aangevraagd_door is None:
            # Without a user the import would know no region rule at all.
            uitvoering.afronden(gelukt=False, melding=achtergrondtaken.ZONDER_GEBRUIKER)
            return
        with default_storage.open(taak.bestand) as bestand:
            resultaat = trajecten_importeren(
                bestand=bestand.file,
                bestandsnaam=taak.bestandsnaam,
                gebruiker=taak.aangevraagd_door,
                proefrun=bool(taak.parameters.get("proefrun")),
                voortgang=uitvoering.voortgang,
            )
        uitvoering.afronden(
            gelukt=resultaat.gelukt,
            melding=resultaat.melding,
            resultaat={
                "importbatch": resultaat.batch.pk,
                "nieuw": resultaat.nieuw,
                "bijgewerkt": resultaat.bijgewerkt,
                "fouten": resultaat.fouten,
            },
        )
