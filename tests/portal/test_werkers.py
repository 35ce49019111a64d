"""Workers of the job queue: /readyz reports whether one is alive, and any number of them
on the same database share the work (as on more machines)."""

import sys
import time

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from procrastinate.contrib.django.models import ProcrastinateJob, ProcrastinateWorker

from effectiviteit.models import Traject
from effectiviteit.tasks import trajecten_importeren_taak
from portal import achtergrondtaken
from portal.models import Achtergrondtaak
from tests.effectiviteit.helpers import csv_schrijven, rij
from tests.machines import OPSTARTTIJD, Machines, basisomgeving


def _werker_aanmelden(*, seconden_geleden: int = 0) -> None:
    # What a starting worker does (procrastinate's own SQL function), with its heartbeat.
    with connection.cursor() as cursor:
        cursor.execute("SELECT procrastinate_register_worker_v1()")
        cursor.execute(
            "UPDATE procrastinate_workers SET last_heartbeat = now() - make_interval(secs => %s)",
            [seconden_geleden],
        )


@pytest.mark.django_db
def test_readyz_needs_a_recent_worker_heartbeat(client, settings):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM procrastinate_workers")  # undone when the test ends
    settings.WERKER_MAX_STILTE_SECONDEN = 60
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "fout",
        "database": "ok",
        "werker": "geen werker gezien in de laatste 60 seconden",
    }
    assert response["Cache-Control"].startswith("max-age=0")

    _werker_aanmelden(seconden_geleden=120)  # a worker that stopped without signing off
    assert client.get("/readyz").status_code == 503
    settings.WERKER_MAX_STILTE_SECONDEN = 180
    assert client.get("/readyz").status_code == 200

    settings.WERKER_MAX_STILTE_SECONDEN = 60
    _werker_aanmelden()
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "werker": "ok"}
    assert client.get("/healthz").json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_is_under_the_csp_and_has_no_rate_limit(client, settings):
    _werker_aanmelden()
    for _ in range(5):
        response = client.get("/readyz")
        assert response.status_code == 200
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert client.post("/readyz").status_code == 405


def _wachten_tot(voorwaarde, *, seconden: float, wat: str) -> None:
    grens = time.monotonic() + seconden
    while not voorwaarde():
        if time.monotonic() > grens:
            raise AssertionError(f"na {seconden} s nog niet: {wat}")
        time.sleep(0.2)


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_two_workers_on_one_database_both_take_jobs(wachtrij, client, tmp_path, beheerder):
    # Two worker processes, as on two machines: the suite's database, one media folder.
    werkers = Machines(
        map=tmp_path, omgeving={**basisomgeving(tmp_path), "MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    )
    try:
        for _ in range(2):
            werkers.proces(sys.executable, "manage.py", "procrastinate", "worker", naam="werker")
        _wachten_tot(
            lambda: ProcrastinateWorker.objects.count() == 2,
            seconden=OPSTARTTIJD,
            wat="twee werkers aangemeld",
        )
        assert client.get("/readyz").status_code == 200
        # All jobs at once (one transaction): each worker is told and takes the next.
        with transaction.atomic():
            taken = [
                achtergrondtaken.starten(
                    soort=Achtergrondtaak.Soort.TRAJECTEN_IMPORT,
                    gebruiker=beheerder,
                    taak=trajecten_importeren_taak,
                    bestand=SimpleUploadedFile(
                        f"deel-{n}.csv",
                        csv_schrijven(
                            tmp_path / f"deel-{n}.csv",
                            [rij(traject_id=f"D{n}-{i}") for i in range(1500)],
                        ).read_bytes(),
                    ),
                    bestandsnaam=f"deel-{n}.csv",
                )
                for n in range(6)
            ]
        _wachten_tot(
            lambda: not Achtergrondtaak.objects.exclude(status="gelukt").exists(),
            seconden=180,
            wat="alle taken klaar",
        )
        werker_ids = set(
            ProcrastinateJob.objects.filter(id__in=[t.job_id for t in taken]).values_list(
                "worker_id", flat=True
            )
        )
        assert werker_ids == set(ProcrastinateWorker.objects.values_list("id", flat=True))
        assert len(werker_ids) == 2
        assert Traject.objects.count() == 6 * 1500
    except AssertionError:
        for _, log in werkers.processen:
            print(log.read_text())
        raise
    finally:
        werkers.stoppen()
    # A worker that stops signs off: no heartbeat is left behind to fool /readyz.
    assert not ProcrastinateWorker.objects.exists()
    assert client.get("/readyz").status_code == 503
