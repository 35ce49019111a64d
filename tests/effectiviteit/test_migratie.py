"""The summary's migration on a database that already holds trajectories."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from effectiviteit.cijfers import Filters, kerncijfers, mediane_duur
from effectiviteit.kubus import kubus_herberekenen
from effectiviteit.models import Traject
from portal.models import Regio, Sector
from portal.referentiedata import laad_regios_en_sectoren
from tests.effectiviteit.cohort import kubusinhoud

VOOR_DE_DAGTABELLEN = [("effectiviteit", "0003_kubus")]


@pytest.mark.django_db(transaction=True)
def test_migration_rebuilds_the_summary_from_the_trajectories_already_stored():
    laad_regios_en_sectoren(Regio, Sector)
    twente = Regio.objects.get(slug="twente")
    handel = Sector.objects.get(slug="handel")
    executor = MigrationExecutor(connection)
    executor.migrate(VOOR_DE_DAGTABELLEN)
    oud = executor.loader.project_state(VOOR_DE_DAGTABELLEN).apps
    OudTraject = oud.get_model("effectiviteit", "Traject")
    OudTraject.objects.bulk_create(
        OudTraject(
            regio_id=twente.pk,
            pseudoniem=f"m{i}",
            aanleverende_partij="uwv",
            doelgroep="ww",
            sector_id=handel.pk,
            beoogd_bewijsstuk="praktijkverklaring",
            startdatum=dt.date(2024, 1, 1) + dt.timedelta(days=7 * i),
            einddatum=None if i % 4 == 0 else dt.date(2024, 1, 1) + dt.timedelta(days=9 * i),
            status="lopend" if i % 4 == 0 else "afgerond",
            behaald_bewijsstuk="" if i % 4 == 0 else "geen",
            vervolg="" if i % 4 == 0 else "onderwijs",
        )
        for i in range(40)
    )

    call_command("migrate", verbosity=0)  # rebuilds the summary once all have run

    na_migratie = kubusinhoud()
    assert all(na_migratie)
    with connection.cursor() as cursor:
        kubus_herberekenen(cursor)
    assert kubusinhoud() == na_migratie
    f = Filters(regio=twente, van=dt.date(2024, 1, 10), tot=dt.date(2024, 6, 20))
    cijfers = kerncijfers(f)
    assert cijfers["n_trajecten"] == 23  # starts on days 14, 21, ..., 168
    # 17 ended, lasting 2 * i days for i = 2, 3, 5, 6, 7, 9, 10, 11, 13, ...: the 9th is 26
    assert cijfers["mediane_duur_dagen"] == mediane_duur(f) == 26
    assert kerncijfers(f.landelijk())["n_trajecten"] == 23


@pytest.mark.django_db(transaction=True)
def test_migrating_back_leaves_the_summary_alone_and_forward_rebuilds_it():
    laad_regios_en_sectoren(Regio, Sector)
    twente = Regio.objects.get(slug="twente")
    Traject.objects.create(
        regio=twente,
        pseudoniem="a",
        aanleverende_partij="uwv",
        doelgroep="ww",
        sector=Sector.objects.get(slug="handel"),
        beoogd_bewijsstuk="praktijkverklaring",
        startdatum=dt.date(2024, 3, 1),
        status="lopend",
    )
    call_command("migrate", "effectiviteit", "0003_kubus", verbosity=0)  # no error
    call_command("migrate", verbosity=0)
    inhoud = kubusinhoud()
    assert inhoud[0]  # counters for the trajectory's month (it has no duration yet)
    with connection.cursor() as cursor:
        kubus_herberekenen(cursor)
    assert kubusinhoud() == inhoud
