"""Two app servers act as one: what a user does through one holds on the other, as behind
a load balancer that sends each request to either. Real gunicorn processes on the test
database (tests/machines.py), with media in one folder or in one bucket of a local S3
endpoint."""

import sys
import time
from pathlib import Path

import pytest

from effectiviteit.models import Traject
from kennisbank.models import Materiaal
from portal.models import Achtergrondtaak, Regio, Sector
from portal.referentiedata import laad_regios_en_sectoren
from tests.effectiviteit.helpers import csv_schrijven, rij
from tests.kennisbank.helpers import PDF_INHOUD, materiaal_formulier
from tests.machines import VERZOEKTIJD, browser, csrf_token
from tests.tweede_factor import apparaat, code

pytestmark = pytest.mark.django_db(transaction=True)

API_PER_DAG = 4
DOWNLOAD = "/kennisbank/materialen/folder/download/"
IMPORT = "/admin/effectiviteit/importbatch/add/"
WERKTIJD = 120  # seconds a worker may take to start and read a small file in


@pytest.fixture(scope="module")
def machines_omgeving():
    # A limit low enough to reach in a few requests; per day, so no window ends mid-test.
    return {"RATELIMIT_API": f"{API_PER_DAG}/d"}


@pytest.fixture(autouse=True)
def _referentiedata(transactional_db):
    # Transactional tests empty every table afterwards; put the regions back.
    laad_regios_en_sectoren(Regio, Sector)


def _inloggen(sessie, formulier_van, naar, gebruikersnaam, wachtwoord):
    """The login form as one server gives it, posted to (possibly) another."""
    pagina = sessie.get(formulier_van.url("/accounts/login/"), timeout=VERZOEKTIJD)
    return sessie.post(
        naar.url("/accounts/login/"),
        data={
            "username": gebruikersnaam,
            "password": wachtwoord,
            "csrfmiddlewaretoken": csrf_token(pagina.text),
        },
        allow_redirects=False,
        timeout=VERZOEKTIJD,
    )


def _status(sessie, machine, pad) -> int:
    return sessie.get(machine.url(pad), allow_redirects=False, timeout=VERZOEKTIJD).status_code


def test_a_login_on_one_server_holds_on_the_other(twee_machines, professional, wachtwoord):
    a, b = twee_machines.servers
    gebruiker = browser()
    assert _status(gebruiker, b, "/effectiviteit/") == 302  # to the login page

    # The form comes from A, the password goes to B: one secret key, one CSRF check.
    assert _inloggen(gebruiker, a, b, "prof", wachtwoord).status_code == 302
    assert _status(gebruiker, a, "/effectiviteit/") == 200
    assert _status(gebruiker, b, "/effectiviteit/") == 200
    assert _status(browser(), a, "/effectiviteit/") == 302

    # Logging out through A ends the session on B too.
    uit = gebruiker.post(
        a.url("/accounts/logout/"),
        headers={"X-CSRFToken": gebruiker.cookies["csrftoken"]},
        allow_redirects=False,
        timeout=VERZOEKTIJD,
    )
    assert uit.status_code == 200
    assert _status(gebruiker, b, "/effectiviteit/") == 302


def test_failed_logins_on_both_servers_lock_the_user_on_both(
    twee_machines, professional, wachtwoord
):
    a, b = twee_machines.servers
    aanvaller = browser()
    # Two failures on each server: each alone has seen fewer than the five that lock.
    for machine in (a, b, a, b):
        assert _inloggen(aanvaller, machine, machine, "prof", "fout").status_code == 200
    # The fifth, wherever it lands, is the one that locks.
    assert _inloggen(aanvaller, a, a, "prof", "fout").status_code == 429
    geblokkeerd = _inloggen(aanvaller, b, b, "prof", wachtwoord)
    assert geblokkeerd.status_code == 429
    assert "tijdelijk geblokkeerd" in geblokkeerd.text


def test_a_rate_limit_counts_the_requests_to_both_servers(twee_machines, professional, wachtwoord):
    a, b = twee_machines.servers
    gebruiker = browser()
    assert _inloggen(gebruiker, a, a, "prof", wachtwoord).status_code == 302
    # The limit is per user (a new one for each test), so no earlier count is in the way.
    statussen = [
        _status(gebruiker, machine, "/api/v1/instrumenten") for machine in (a, b, a, b, a, b)
    ]
    # Each server has served two when the fifth request overall is refused, on A; B
    # refuses the sixth as well.
    assert statussen == [200] * API_PER_DAG + [429, 429]


def _inloggen_met_code(sessie, a, b, redacteur, wachtwoord) -> None:
    """An editor's password on A, the code of the authenticator app on B."""
    device = apparaat(redacteur)
    assert _inloggen(sessie, a, a, redacteur.username, wachtwoord).status_code == 302
    stap = sessie.get(a.url("/admin/"), timeout=VERZOEKTIJD)
    assert "/accounts/code/" in stap.url
    bevestigd = sessie.post(
        b.url("/accounts/code/"),
        data={
            "otp_token": code(device),
            "next": "/admin/",
            "csrfmiddlewaretoken": csrf_token(stap.text),
        },
        allow_redirects=False,
        timeout=VERZOEKTIJD,
    )
    assert bevestigd.status_code == 302, bevestigd.text
    assert _status(sessie, a, "/admin/") == 200


def _uploaden_en_downloaden(machines, redacteur, wachtwoord, *, verboden: tuple[str, ...]):
    """An editor uploads an internal material through A; it downloads through B for who
    may see it, and for no one else. No page of the admin names the storage (any of
    ``verboden``). Returns the item and the editor's browser."""
    a, b = machines.servers
    redactie = browser()
    _inloggen_met_code(redactie, a, b, redacteur, wachtwoord)

    formulier = redactie.get(a.url("/admin/kennisbank/materiaal/add/"), timeout=VERZOEKTIJD)
    opgeslagen = redactie.post(
        a.url("/admin/kennisbank/materiaal/add/"),
        data=materiaal_formulier(
            status="gepubliceerd",
            publiek="",  # left unticked: for logged-in users only
            csrfmiddlewaretoken=csrf_token(formulier.text),
        ),
        files={"bestand": ("Folder.pdf", PDF_INHOUD, "application/pdf")},
        allow_redirects=False,
        timeout=VERZOEKTIJD,
    )
    assert opgeslagen.status_code == 302, opgeslagen.text
    item = Materiaal.objects.get(slug="folder")

    assert _status(browser(), b, DOWNLOAD) == 404
    bestand = redactie.get(b.url(DOWNLOAD), timeout=VERZOEKTIJD)
    assert bestand.status_code == 200
    assert bestand.content == PDF_INHOUD
    assert bestand.headers["Content-Disposition"] == 'attachment; filename="folder.pdf"'

    # The admin on B links the file to the portal's download, never to the storage.
    wijzigen = redactie.get(
        b.url(f"/admin/kennisbank/materiaal/{item.pk}/change/"), timeout=VERZOEKTIJD
    )
    assert wijzigen.status_code == 200
    assert f'href="{DOWNLOAD}?voorbeeld=1"' in wijzigen.text
    for naam in verboden:
        assert naam not in wijzigen.text
    voorbeeld = redactie.get(b.url(f"{DOWNLOAD}?voorbeeld=1"), timeout=VERZOEKTIJD)
    assert voorbeeld.content == PDF_INHOUD
    return item, redactie


def _niet_gevonden(machine, redactie) -> None:
    """The file is gone from the store: a Dutch 404 for who could download it before."""
    antwoord = redactie.get(machine.url(DOWNLOAD), timeout=VERZOEKTIJD)
    assert antwoord.status_code == 404
    assert "Deze pagina bestaat niet" in antwoord.text


def test_a_file_uploaded_through_one_downloads_through_the_other(
    twee_machines, redacteur, wachtwoord
):
    item, redactie = _uploaden_en_downloaden(
        twee_machines, redacteur, wachtwoord, verboden=("/media/",)
    )
    pad = Path(twee_machines.omgeving["MEDIA_ROOT"]) / item.bestand.name
    assert pad.read_bytes() == PDF_INHOUD

    pad.unlink()
    _niet_gevonden(twee_machines.servers[1], redactie)


def test_a_file_uploaded_through_one_downloads_through_the_other_from_s3(
    twee_machines_s3, redacteur, wachtwoord
):
    s3 = twee_machines_s3.s3
    item, redactie = _uploaden_en_downloaden(
        twee_machines_s3,
        redacteur,
        wachtwoord,
        verboden=("/media/", s3.endpoint, s3.bucket, "X-Amz-"),
    )
    assert s3.namen() == [item.bestand.name]
    assert "MEDIA_ROOT" not in twee_machines_s3.omgeving

    s3.client().delete_object(Bucket=s3.bucket, Key=item.bestand.name)
    _niet_gevonden(twee_machines_s3.servers[1], redactie)


def test_an_import_queued_through_one_is_done_by_a_worker_and_shows_on_the_other(
    twee_machines_s3, wachtrij, ambassadeur_twente, wachtwoord, tmp_path
):
    """The upload lands on A and in the bucket; a worker of its own, on another "machine",
    reads it from there; the progress and the result show on B."""
    a, b = twee_machines_s3.servers
    amb = browser()
    _inloggen_met_code(amb, a, b, ambassadeur_twente, wachtwoord)
    rijen = [rij(traject_id=f"T{nummer}") for nummer in range(30)]
    pad = csv_schrijven(tmp_path / "trajecten.csv", rijen)

    formulier = amb.get(a.url(IMPORT), timeout=VERZOEKTIJD)
    geupload = amb.post(
        a.url(IMPORT),
        data={"csrfmiddlewaretoken": csrf_token(formulier.text)},
        files={"bestand": (pad.name, pad.read_bytes(), "text/csv")},
        allow_redirects=False,
        timeout=VERZOEKTIJD,
    )
    assert geupload.status_code == 302, geupload.text
    taak = Achtergrondtaak.objects.get()
    assert geupload.headers["Location"] == f"/admin/taken/{taak.pk}/"
    assert twee_machines_s3.s3.namen() == [taak.bestand]
    assert not Traject.objects.exists()
    stand = amb.get(b.url(f"/admin/taken/{taak.pk}/stand/"), timeout=VERZOEKTIJD).json()
    assert stand["status"] == "wachtend" and stand["klaar"] is False

    twee_machines_s3.proces(sys.executable, "manage.py", "procrastinate", "worker", naam="werker")
    deadline = time.monotonic() + WERKTIJD
    while not stand["klaar"] and time.monotonic() < deadline:
        time.sleep(0.5)
        stand = amb.get(b.url(f"/admin/taken/{taak.pk}/stand/"), timeout=VERZOEKTIJD).json()
    assert stand["klaar"], f"na {WERKTIJD} s nog niet klaar: {stand}"
    assert (stand["status"], stand["gelezen"], stand["fouten"]) == ("gelukt", 30, 0)
    assert stand["melding"] == "OK: 30 nieuw, 0 bijgewerkt"
    assert Traject.objects.count() == 30
    pagina = amb.get(b.url(f"/admin/taken/{taak.pk}/"), timeout=VERZOEKTIJD)
    assert "OK: 30 nieuw, 0 bijgewerkt" in pagina.text
    # The worker removed the upload from the bucket once it was read.
    assert twee_machines_s3.s3.namen() == []
