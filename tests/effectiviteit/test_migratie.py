"""The summary's migration on a database that already holds trajectories."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from effectiviteit import samenvatting
from effectiviteit.models import Traject
from effectiviteit.selectors import Filters, kerncijfers
from portal.models import Regio, Sector
from portal.referentiedata import laad_regios_en_sectoren
from tests.effectiviteit.cohort import samenvattinginhoud

VOOR_DE_CELSLEUTELS = [("effectiviteit", "0004_kubus_dagen_als_reeks")]


@pytest.mark.django_db(transaction=True)
def test_migration_gives_every_stored_trajectory_its_own_key_and_builds_the_summary():
    laad_regios_en_sectoren(Regio, Sector)
    twente = Regio.objects.get(slug="twente")
    handel = Sector.objects.get(slug="handel")
    executor = MigrationExecutor(connection)
    executor.migrate(VOOR_DE_CELSLEUTELS)
    oud = executor.loader.project_state(VOOR_DE_CELSLEUTELS).apps
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

    sleutels = list(Traject.objects.values_list("recordsleutel", flat=True))
    assert len(set(sleutels)) > 20  # random per row, not one default for all
    assert all(0 <= s < 1000 for s in sleutels)
    na_migratie = samenvattinginhoud()
    assert na_migratie
    with connection.cursor() as cursor:
        samenvatting.herberekenen(cursor)
    assert samenvattinginhoud() == na_migratie
    f = Filters(regio=twente, van=dt.date(2024, 1, 10), tot=dt.date(2024, 6, 20))
    cijfers = kerncijfers(f)
    # the first half of 2024: starts on days 0, 7, ..., 175 (i = 0..25)
    assert abs(cijfers["n_trajecten"] - 26) <= 2
    # 19 ended, lasting 2 * i days for i = 1, 2, 3, 5, ..., 25 (no multiple of 4): the 10th
    assert cijfers["mediane_duur_dagen"] == 26
    assert kerncijfers(f.landelijk())["n_trajecten"] == cijfers["n_trajecten"]


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
    call_command("migrate", "effectiviteit", "0004", verbosity=0)  # no error
    call_command("migrate", verbosity=0)
    inhoud = samenvattinginhoud()
    assert inhoud  # the trajectory's quarter, regionally and nationally
    with connection.cursor() as cursor:
        samenvatting.herberekenen(cursor)
    assert samenvattinginhoud() == inhoud
