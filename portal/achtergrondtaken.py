"""Background jobs (procrastinate) as the user sees them: one
:class:`~portal.models.Achtergrondtaak` per job, with its progress and its result.

Starting (:func:`starten`): the uploaded file goes to the default storage, which every
machine reads (S3 or a shared disk when there are more), so a worker anywhere can open
it; the record and the job are written in one transaction, so there is never one
without the other.

Running (:func:`uitvoeren`): the record is marked as started, the task reports its
progress and its end, an unexpected error becomes a plain Dutch message (the traceback
goes to the worker's log only), and the file is removed whatever happened.

Progress is written through a second connection to the same database
(``portal.embedded_db.VOORTGANG``), because an import keeps all its writes in one
transaction until the end and anything written on that connection would stay invisible
until then. Reading the file outside the write transaction would serve the trajectory
import, but not the netwerk import: django-import-export validates and saves each row
inside its one transaction. The second connection serves both in the same plain way.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format

from portal.embedded_db import VOORTGANG
from portal.models import Achtergrondtaak

logger = logging.getLogger(__name__)

# Folder of the default storage for files that wait for their job; never served.
MAP = "achtergrondtaken"
# Progress is written at most this often (seconds): often enough for a bar that moves,
# rarely enough to cost an import nothing.
INTERVAL = 0.5

ONVERWACHTE_FOUT = (
    "Het inlezen is onverwacht afgebroken; er is niets van dit bestand opgeslagen. "
    "Probeer het opnieuw. Lukt het dan nog niet, waarschuw dan de beheerder."
)

BESTAND_WEG = (
    "Het bestand van deze taak is er niet meer: het is al ingelezen (bijvoorbeeld na een "
    "tweede klik op de knop) of opgeruimd. Met deze taak is niets ingelezen; kies het "
    "bestand zo nodig opnieuw."
)

ZONDER_GEBRUIKER = "Het bestand is niet ingelezen: de gebruiker die het aanbood, bestaat niet meer."


def starten(
    *,
    soort: str,
    gebruiker,
    taak,
    bestandsnaam: str,
    bestand=None,
    opgeslagen: str = "",
    parameters: dict | None = None,
) -> Achtergrondtaak:
    """Record a background job for ``gebruiker`` and put ``taak`` (a procrastinate task
    taking ``achtergrondtaak_id``) in the queue, both in one transaction.

    ``bestand`` (an uploaded file) is first stored on the default storage under a random
    name; ``opgeslagen`` names a file that is there already. The job removes it.
    """
    nieuw = ""
    if bestand is not None:
        nieuw = opgeslagen = default_storage.save(f"{MAP}/{uuid.uuid4().hex}", bestand)
    try:
        with transaction.atomic():
            record = Achtergrondtaak.objects.create(
                soort=soort,
                aangevraagd_door=gebruiker,
                bestandsnaam=bestandsnaam[-255:],
                bestand=opgeslagen,
                parameters=parameters or {},
            )
            record.job_id = taak.defer(achtergrondtaak_id=record.pk)
            record.save(update_fields=["job_id"])
    except BaseException:
        if nieuw:
            default_storage.delete(nieuw)
        raise
    return record


class Uitvoering:
    """What a running task tells its record, through the progress connection."""

    def __init__(self, taak: Achtergrondtaak):
        self.taak = taak
        self.afgerond = False
        self._geschreven = 0.0

    def _schrijven(self, **velden) -> None:
        for naam, waarde in velden.items():
            setattr(self.taak, naam, waarde)
        Achtergrondtaak.objects.using(VOORTGANG).filter(pk=self.taak.pk).update(**velden)
        self._geschreven = time.monotonic()

    def voortgang(
        self,
        *,
        gelezen: int | None = None,
        fouten: int | None = None,
        totaal: int | None = None,
        melding: str | None = None,
    ) -> None:
        """Rows read and errors so far; a new estimate of the total or a new step
        (``melding``) is written at once, counts at most every INTERVAL seconds."""
        velden = {
            naam: waarde
            for naam, waarde in (
                ("gelezen", gelezen),
                ("fouten", fouten),
                ("totaal", totaal),
                ("melding", melding),
            )
            if waarde is not None
        }
        if totaal is None and melding is None and time.monotonic() - self._geschreven < INTERVAL:
            for naam, waarde in velden.items():
                setattr(self.taak, naam, waarde)  # written with the next report or the end
            return
        self._schrijven(**velden)

    def afronden(self, *, gelukt: bool, melding: str, resultaat: dict | None = None) -> None:
        """The end: ``melding`` is what the status page says, ``resultaat`` the figures."""
        self._schrijven(
            status=Achtergrondtaak.Status.GELUKT if gelukt else Achtergrondtaak.Status.MISLUKT,
            melding=melding,
            resultaat=resultaat or {},
            gelezen=self.taak.gelezen,
            fouten=self.taak.fouten,
            klaar_op=timezone.now(),
        )
        self.afgerond = True


def ophalen(achtergrondtaak_id: int) -> Achtergrondtaak | None:
    """The record a job works for; None when it is gone (a job outlived its record)."""
    taak = (
        Achtergrondtaak.objects.select_related("aangevraagd_door")
        .filter(pk=achtergrondtaak_id)
        .first()
    )
    if taak is None:
        logger.warning("Achtergrondtaak %s bestaat niet (meer); niets te doen", achtergrondtaak_id)
    return taak


@contextmanager
def uitvoeren(taak: Achtergrondtaak) -> Iterator[Uitvoering]:
    """Run the body as ``taak``'s job: started, progress, end, and the file removed.

    The body calls ``afronden``; a refused file is an end like any other (``gelukt``
    False, the job itself succeeded), and so is a stored file that is gone. An unexpected
    exception ends the record as failed with a Dutch message and is raised again, so the
    queue records the job as failed and logs the traceback.
    """
    uitvoering = Uitvoering(taak)
    uitvoering._schrijven(
        status=Achtergrondtaak.Status.BEZIG,
        gestart_op=timezone.now(),
        melding="De verwerking is begonnen.",
    )
    try:
        yield uitvoering
    except FileNotFoundError:
        # The upload was read in by an earlier job for the same file (a confirmation sent
        # twice removes it after the first) or cleared away by the storage's clean-up.
        logger.warning("Bestand van achtergrondtaak %s bestaat niet meer", taak.pk)
        uitvoering.afronden(gelukt=False, melding=BESTAND_WEG)
    except Exception:
        logger.exception("Achtergrondtaak %s is mislukt", taak.pk)
        uitvoering.afronden(gelukt=False, melding=ONVERWACHTE_FOUT)
        raise
    finally:
        _bestand_verwijderen(uitvoering)
    if not uitvoering.afgerond:
        uitvoering.afronden(gelukt=True, melding="Klaar.")


def _bestand_verwijderen(uitvoering: Uitvoering) -> None:
    naam, taak_id = uitvoering.taak.bestand, uitvoering.taak.pk
    if not naam:
        return
    try:
        default_storage.delete(naam)
    except Exception:  # any storage backend's error: the job's outcome stands
        logger.exception("Bestand %s van achtergrondtaak %s niet verwijderd", naam, taak_id)
        return
    uitvoering._schrijven(bestand="")


def _getal(n: int) -> str:
    return number_format(n, force_grouping=True)


def voortgangstekst(taak: Achtergrondtaak) -> str:
    """One Dutch sentence on how far the job got, the same on the page and in its JSON."""
    if taak.status == Achtergrondtaak.Status.WACHTEND:
        return "Het bestand staat klaar en wacht op verwerking."
    if taak.totaal and taak.status == Achtergrondtaak.Status.BEZIG:
        gelezen = f"{_getal(taak.gelezen)} van ongeveer {_getal(taak.totaal)} rijen gelezen"
    else:
        gelezen = f"{_getal(taak.gelezen)} rijen gelezen"
    fouten = f"{_getal(taak.fouten)} {'fout' if taak.fouten == 1 else 'fouten'}"
    if taak.status == Achtergrondtaak.Status.BEZIG:
        fouten += " tot nu toe"
    return f"{gelezen}, {fouten}."


def stand(taak: Achtergrondtaak) -> dict:
    """The job's state as the status page's script reads it."""
    return {
        "status": taak.status,
        "status_tekst": taak.get_status_display(),
        "klaar": taak.is_klaar,
        "gelezen": taak.gelezen,
        "totaal": taak.totaal,
        "fouten": taak.fouten,
        "melding": taak.melding,
        "tekst": voortgangstekst(taak),
    }
