"""Where an uploaded import file waits between the preview and the confirmation.

django-import-export keeps the file until the user confirms; an abandoned preview would
keep the personal data in it forever. The files therefore go to one folder of the media
storage (not served on any URL) under a random name, and every new import first deletes
the files there older than :data:`BEWAARTIJD`.
"""

from __future__ import annotations

import datetime
import logging
import re

from django.utils import timezone
from import_export.tmp_storages import MediaStorage

logger = logging.getLogger(__name__)

MAP = "netwerk-import"
BEWAARTIJD = datetime.timedelta(days=1)
_NAAM = re.compile(r"^[0-9a-f]{32}$")  # MediaStorage's uuid4().hex


class ImportOpslag(MediaStorage):
    def __init__(self, **kwargs):
        super().__init__(**{**kwargs, "MEDIA_FOLDER": MAP})


def geldige_naam(naam: str) -> bool:
    """A name this storage could have made; anything else is not read."""
    return bool(_NAAM.match(naam or ""))


def oude_bestanden_opruimen(*, nu: datetime.datetime | None = None) -> int:
    """Delete the waiting files older than the retention time; returns how many."""
    opslag = ImportOpslag()._storage
    grens = (nu or timezone.now()) - BEWAARTIJD
    try:
        _, bestanden = opslag.listdir(MAP)
    except FileNotFoundError:
        return 0
    verwijderd = 0
    for naam in bestanden:
        pad = f"{MAP}/{naam}"
        try:
            if opslag.get_modified_time(pad) < grens:
                opslag.delete(pad)
                verwijderd += 1
        except (FileNotFoundError, NotImplementedError):
            logger.warning("Importbestand %s niet opgeruimd", naam)
    return verwijderd
