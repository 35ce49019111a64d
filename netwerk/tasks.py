"""Background jobs of the netwerk app: the confirmed import of organisations or persons.

The preview (django-import-export's dry run) stays in the request: it renders every row
of its result on the page, which the import's own views do. The confirmed import, which
writes, runs here, with the same resource and the same all-or-nothing transaction.
"""

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.core.files.storage import default_storage
from import_export.formats import base_formats
from import_export.results import RowResult
from import_export.signals import post_import
from procrastinate.contrib.django import app

from netwerk.resources import (
    NIETS_INGELEZEN,
    ContactpersoonResource,
    OrganisatieResource,
    foutmeldingen,
    samenvatting,
)
from portal import achtergrondtaken

RESOURCES = {
    "organisatie": OrganisatieResource,
    "contactpersoon": ContactpersoonResource,
}
FORMATEN = {formaat.__name__: formaat for formaat in base_formats.DEFAULT_FORMATS}
_LOGBOEK = {
    RowResult.IMPORT_TYPE_NEW: (ADDITION, "Nieuw via een import."),
    RowResult.IMPORT_TYPE_UPDATE: (CHANGE, "Bijgewerkt via een import."),
    RowResult.IMPORT_TYPE_DELETE: (DELETION, "Verwijderd via een import."),
}


@app.task(name="netwerk.importeren")
def netwerk_importeren_taak(*, achtergrondtaak_id: int) -> None:
    """Import the previewed file of the job's record for the user who confirmed it.

    The record's parameters name the resource (``model``), the file format (``formaat``,
    a class of django-import-export) and the encoding of a text file."""
    taak = achtergrondtaken.ophalen(achtergrondtaak_id)
    if taak is None:
        return
    with achtergrondtaken.uitvoeren(taak) as uitvoering:
        gebruiker = taak.aangevraagd_door
        if gebruiker is None:
            # Without a user the import would know no region rule at all.
            uitvoering.afronden(gelukt=False, melding=achtergrondtaken.ZONDER_GEBRUIKER)
            return
        resource_klasse = RESOURCES[taak.parameters["model"]]
        formaat = FORMATEN[taak.parameters["formaat"]](encoding=taak.parameters.get("encoding"))
        with default_storage.open(taak.bestand, "rb") as bestand:
            dataset = formaat.create_dataset(bestand.read())
        uitvoering.voortgang(
            totaal=len(dataset), melding="De rijen worden gecontroleerd en opgeslagen."
        )
        resultaat = resource_klasse(
            gebruiker=gebruiker, voortgang=uitvoering.voortgang
        ).import_data(
            dataset,
            dry_run=False,
            raise_errors=False,
            file_name=taak.bestandsnaam,
            user=gebruiker,
            retain_instance_in_row_result=True,
        )
        if resultaat.has_errors() or resultaat.has_validation_errors():
            uitvoering.afronden(
                gelukt=False,
                melding=NIETS_INGELEZEN,
                resultaat={"fouten": foutmeldingen(resultaat)},
            )
            return
        model = resource_klasse._meta.model
        _logboek_bijwerken(resultaat, gebruiker)
        post_import.send(sender=None, model=model)
        uitvoering.afronden(
            gelukt=True,
            melding=samenvatting(resultaat, model),
            resultaat=dict(resultaat.totals),
        )


def _logboek_bijwerken(resultaat, gebruiker) -> None:
    # The admin's log of recent actions, as django-import-export writes it for an import.
    rijen: dict[str, list] = {}
    for rij in resultaat:
        if rij.import_type in _LOGBOEK:
            rijen.setdefault(rij.import_type, []).append(rij.instance)
    for soort, objecten in rijen.items():
        actie, tekst = _LOGBOEK[soort]
        LogEntry.objects.log_actions(
            gebruiker.pk,
            objecten,
            actie,
            change_message=tekst,
            single_object=len(objecten) == 1,
        )
