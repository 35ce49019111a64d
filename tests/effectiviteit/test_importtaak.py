"""The admin's trajectory upload as a background job: the upload returns at once, a
worker reads the file in, the status page shows the progress and then the result."""

import threading
import time
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from procrastinate.contrib.django.models import ProcrastinateJob

from effectiviteit.models import Importbatch, Kwartaaltelling, Traject
from netwerk.tasks import netwerk_importeren_taak
from portal import achtergrondtaken, tasks
from portal.models import Achtergrondtaak
from tests.effectiviteit.cohort import samenvattinginhoud, sleutels_op_nul
from tests.effectiviteit.helpers import csv_schrijven, rij, uploaden
from tests.tweede_factor import inloggen_met_code
from tests.wachtrij import wachtrij_afwerken

# The worker runs the job on connections of its own: it only sees what was committed, and
# reports progress through the second alias.
pytestmark = pytest.mark.django_db(transaction=True, databases="__all__")


@pytest.fixture(autouse=True)
def _wachtrij(wachtrij):
    """Regions loaded again and an empty queue (tests/conftest.py)."""


def test_upload_returns_at_once_and_the_worker_reads_the_file_in(
    client, tmp_path, ambassadeur_twente
):
    inloggen_met_code(client, ambassadeur_twente)
    pad = csv_schrijven(tmp_path / "upload.csv", [rij(traject_id="A"), rij(traject_id="B")])
    response = uploaden(client, pad)
    taak = Achtergrondtaak.objects.get()
    status_url = reverse("achtergrondtaak", args=[taak.pk])
    assert response.status_code == 302
    assert response["Location"] == status_url
    # Nothing read yet: only the record, the job in the queue and the stored file.
    assert not Traject.objects.exists() and not Importbatch.objects.exists()
    assert (taak.status, taak.aangevraagd_door, taak.bestandsnaam) == (
        "wachtend",
        ambassadeur_twente,
        "upload.csv",
    )
    assert default_storage.exists(taak.bestand)
    assert ProcrastinateJob.objects.get(id=taak.job_id).status == "todo"

    pagina = client.get(status_url)
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in html
    assert "js/voortgang.js" in html
    assert "<progress" in html and "wacht op verwerking" in html
    assert "Er draait op dit moment geen verwerker voor taken op de achtergrond." in html
    stand = client.get(reverse("achtergrondtaak_stand", args=[taak.pk])).json()
    assert stand["status"] == "wachtend" and stand["klaar"] is False

    wachtrij_afwerken()

    assert Traject.objects.count() == 2
    taak.refresh_from_db()
    assert taak.status == "gelukt" and taak.klaar_op is not None
    assert (taak.gelezen, taak.totaal, taak.fouten) == (2, 2, 0)
    assert taak.resultaat["importbatch"] == Importbatch.objects.get().pk
    assert not taak.bestand and not default_storage.exists(f"achtergrondtaken/{pad.name}")
    assert ProcrastinateJob.objects.get(id=taak.job_id).status == "succeeded"
    html = client.get(status_url).content.decode()
    assert "OK: 2 nieuw, 0 bijgewerkt" in html
    assert "http-equiv" not in html and "voortgang.js" not in html
    assert "Nog een bestand inlezen" in html
    stand = client.get(reverse("achtergrondtaak_stand", args=[taak.pk])).json()
    assert stand == {
        "status": "gelukt",
        "status_tekst": "klaar",
        "klaar": True,
        "gelezen": 2,
        "totaal": 2,
        "fouten": 0,
        "melding": "OK: 2 nieuw, 0 bijgewerkt",
        "tekst": "2 rijen gelezen, 0 fouten.",
    }


def test_the_stored_file_is_gone_after_the_job(client, tmp_path, ambassadeur_twente):
    inloggen_met_code(client, ambassadeur_twente)
    uploaden(client, csv_schrijven(tmp_path / "upload.csv", [rij(traject_id="A")]))
    opgeslagen = Achtergrondtaak.objects.get().bestand
    assert opgeslagen.startswith("achtergrondtaken/") and default_storage.exists(opgeslagen)
    wachtrij_afwerken()
    assert not default_storage.exists(opgeslagen)


def test_a_refused_file_says_why_in_dutch_and_writes_nothing(client, tmp_path, ambassadeur_twente):
    inloggen_met_code(client, ambassadeur_twente)
    pad = csv_schrijven(
        tmp_path / "upload.csv",
        [rij(traject_id="A"), rij(traject_id="B", regio="noord-limburg", doelgroep="student")],
    )
    uploaden(client, pad)
    wachtrij_afwerken()
    taak = Achtergrondtaak.objects.get()
    assert taak.status == "mislukt"
    assert not Traject.objects.exists()
    assert Importbatch.objects.get().resultaat == "afgewezen"
    assert not default_storage.exists(taak.bestand or "achtergrondtaken/x")
    html = client.get(reverse("achtergrondtaak", args=[taak.pk])).content.decode()
    assert "Het bestand is niet ingelezen: er is niets opgeslagen." in html
    assert "rij 3: regio: u mag alleen trajecten van uw eigen regio" in html
    assert "rij 3: doelgroep: onbekende waarde &#x27;student&#x27;" in html
    assert taak.fouten == 2


def test_a_file_that_is_gone_is_a_dutch_message(client, tmp_path, ambassadeur_twente):
    inloggen_met_code(client, ambassadeur_twente)
    uploaden(client, csv_schrijven(tmp_path / "upload.csv", [rij(traject_id="A")]))
    taak = Achtergrondtaak.objects.get()
    default_storage.delete(taak.bestand)  # the file is lost before the worker gets to it
    wachtrij_afwerken()
    taak.refresh_from_db()
    assert taak.status == "mislukt"
    assert not Traject.objects.exists()
    html = client.get(reverse("achtergrondtaak", args=[taak.pk])).content.decode()
    assert "Het bestand van deze taak is er niet meer" in html
    assert "FileNotFoundError" not in html


def test_an_unexpected_failure_is_a_dutch_message_without_a_traceback(
    client, tmp_path, ambassadeur_twente
):
    # A record the job cannot carry out (a file format the import does not know) stands
    # for any error nobody foresaw.
    taak = achtergrondtaken.starten(
        soort=Achtergrondtaak.Soort.NETWERK_IMPORT,
        gebruiker=ambassadeur_twente,
        taak=netwerk_importeren_taak,
        bestand=SimpleUploadedFile("organisaties.pdf", b"%PDF-1.4"),
        bestandsnaam="organisaties.pdf",
        parameters={"model": "organisatie", "formaat": "PDF"},
    )
    wachtrij_afwerken()
    taak.refresh_from_db()
    assert taak.status == "mislukt"
    assert ProcrastinateJob.objects.get(id=taak.job_id).status == "failed"
    assert not taak.bestand  # removed all the same
    inloggen_met_code(client, ambassadeur_twente)
    pagina = client.get(reverse("achtergrondtaak", args=[taak.pk]))
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "Het inlezen is onverwacht afgebroken; er is niets van dit bestand opgeslagen." in html
    assert "Traceback" not in html and "KeyError" not in html
    stand = client.get(reverse("achtergrondtaak_stand", args=[taak.pk])).json()
    assert stand["klaar"] is True and "Traceback" not in str(stand)


def test_only_the_uploader_and_the_beheerder_see_a_job(
    client, tmp_path, ambassadeur_twente, ambassadeur_noord_limburg, beheerder
):
    inloggen_met_code(client, ambassadeur_twente)
    uploaden(client, csv_schrijven(tmp_path / "upload.csv", [rij(traject_id="A")]))
    taak = Achtergrondtaak.objects.get()
    paden = [
        reverse("achtergrondtaak", args=[taak.pk]),
        reverse("achtergrondtaak_stand", args=[taak.pk]),
    ]
    inloggen_met_code(client, ambassadeur_noord_limburg)
    for pad in paden:
        assert client.get(pad).status_code == 403
    assert client.get(reverse("achtergrondtaak", args=[taak.pk + 1])).status_code == 404
    assert client.get("/admin/portal/achtergrondtaak/").status_code == 403
    inloggen_met_code(client, beheerder)
    for pad in paden:
        assert client.get(pad).status_code == 200
    assert client.get("/admin/portal/achtergrondtaak/").status_code == 200
    client.logout()
    assert client.get(paden[1]).status_code == 302  # to the login, never the data
    wachtrij_afwerken()


def test_the_job_keeps_the_region_rule_of_the_uploader(client, tmp_path, ambassadeur_twente):
    inloggen_met_code(client, ambassadeur_twente)
    uploaden(client, csv_schrijven(tmp_path / "u.csv", [rij(traject_id="A", regio="rijnmond")]))
    wachtrij_afwerken()
    assert Achtergrondtaak.objects.get().resultaat["fouten"] == [
        "rij 2: regio: u mag alleen trajecten van uw eigen regio's inlezen, niet van Rijnmond"
    ]
    assert not Traject.objects.exists()


def test_dry_run_through_the_job(client, tmp_path, beheerder):
    inloggen_met_code(client, beheerder)
    uploaden(client, csv_schrijven(tmp_path / "u.csv", [rij(traject_id="A")]), proefrun="on")
    wachtrij_afwerken()
    taak = Achtergrondtaak.objects.get()
    html = client.get(reverse("achtergrondtaak", args=[taak.pk])).content.decode()
    assert "Proefrun: het bestand is in orde, er is niets opgeslagen. OK: 1 nieuw" in html
    assert not Traject.objects.exists()


def _opdrachtregel(pad) -> tuple[int, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_trajecten", str(pad), stdout=out, stderr=err)
    except CommandError:
        return 1, err.getvalue()
    return 0, out.getvalue().strip().splitlines()[-1]


def _trajecten() -> list[tuple]:
    return list(
        Traject.objects.order_by("pseudoniem").values_list(
            "regio__slug", "pseudoniem", "doelgroep", "leeftijdsband", "startdatum", "status"
        )
    )


def _leegmaken() -> None:
    Traject.objects.all().delete()
    Kwartaaltelling.objects.all().delete()


def test_the_command_and_the_admin_job_give_the_same_result(client, tmp_path, beheerder):
    rijen = [
        rij(
            traject_id=f"T{n}",
            regio=["twente", "rijnmond"][n % 2],
            startdatum=f"2024-0{n % 6 + 1}-1{n % 9}",
        )
        for n in range(60)
    ]
    pad = csv_schrijven(tmp_path / "zelfde.csv", rijen)
    code, uitvoer = _opdrachtregel(pad)
    assert (code, uitvoer) == (0, "OK: 60 nieuw, 0 bijgewerkt")
    sleutels_op_nul()
    via_opdrachtregel = (_trajecten(), samenvattinginhoud())
    _leegmaken()

    inloggen_met_code(client, beheerder)
    uploaden(client, pad)
    wachtrij_afwerken()
    taak = Achtergrondtaak.objects.get()
    assert taak.melding == uitvoer
    sleutels_op_nul()
    assert (_trajecten(), samenvattinginhoud()) == via_opdrachtregel

    # A refused file: the same error lines both ways.
    fout = csv_schrijven(tmp_path / "fout.csv", [rij(traject_id="X", status="kwijt")])
    code, fouten = _opdrachtregel(fout)
    uploaden(client, fout)
    wachtrij_afwerken()
    assert code == 1
    assert Achtergrondtaak.objects.first().resultaat["fouten"] == fouten.strip().splitlines()


def test_progress_shows_while_the_import_transaction_is_still_open(
    client, tmp_path, beheerder, monkeypatch
):
    # Every report is written (not one per half second), so a fast machine shows them too.
    monkeypatch.setattr(achtergrondtaken, "INTERVAL", 0)
    inloggen_met_code(client, beheerder)
    rijen = [rij(traject_id=f"T{n}") for n in range(20_000)]
    uploaden(client, csv_schrijven(tmp_path / "groot.csv", rijen))
    taak = Achtergrondtaak.objects.get()
    stand_url = reverse("achtergrondtaak_stand", args=[taak.pk])
    werker = threading.Thread(target=wachtrij_afwerken)
    werker.start()
    tussenstanden = []
    try:
        while werker.is_alive():
            stand = client.get(stand_url).json()
            # The Importbatch is written inside the import's transaction: as long as it
            # cannot be seen, that transaction is open.
            if stand["status"] == "bezig" and not Importbatch.objects.exists():
                tussenstanden.append(stand)
            time.sleep(0.05)
    finally:
        werker.join()
    gelezen = [s["gelezen"] for s in tussenstanden]
    assert any(0 < n < 20_000 for n in gelezen), gelezen
    assert gelezen == sorted(gelezen)
    assert {s["totaal"] for s in tussenstanden} <= {None, 20_000}
    assert any("van ongeveer 20.000 rijen gelezen" in s["tekst"] for s in tussenstanden)
    assert Traject.objects.count() == 20_000


def test_an_import_whose_worker_died_is_done_by_another(client, tmp_path, ambassadeur_twente):
    inloggen_met_code(client, ambassadeur_twente)
    uploaden(client, csv_schrijven(tmp_path / "upload.csv", [rij(traject_id="A")]))
    taak = Achtergrondtaak.objects.get()
    # A worker took the job and was killed: its heartbeat stopped ten minutes ago.
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO procrastinate_workers (last_heartbeat) "
            "VALUES (now() - interval '10 minutes') RETURNING id"
        )
        (werker,) = cursor.fetchone()
        cursor.execute(
            "UPDATE procrastinate_jobs SET status = 'doing', worker_id = %s WHERE id = %s",
            [werker, taak.job_id],
        )
    wachtrij_afwerken()
    assert ProcrastinateJob.objects.get(id=taak.job_id).status == "doing"

    tasks.vastgelopen_taken_hervatten.defer(timestamp=int(time.time()))
    wachtrij_afwerken()

    assert ProcrastinateJob.objects.get(id=taak.job_id).status == "succeeded"
    taak.refresh_from_db()
    assert taak.status == "gelukt"
    assert Traject.objects.count() == 1
