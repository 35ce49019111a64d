"""Size caps on requests: an oversized upload or body gets a Dutch 413, never a 500, and
leaves nothing behind."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from effectiviteit.models import Importbatch, Traject
from kennisbank.models import Materiaal
from portal.models import Achtergrondtaak
from tests.effectiviteit.helpers import csv_schrijven, rij, uploaden
from tests.kennisbank.helpers import PDF_INHOUD, materiaal_formulier
from tests.tweede_factor import inloggen_met_code
from tests.wachtrij import wachtrij_afwerken

pytestmark = pytest.mark.django_db


def test_the_defaults_leave_room_for_real_files(settings):
    assert settings.UPLOAD_MAX_BYTES >= 100 * 1024 * 1024
    assert settings.IMPORT_MAX_RIJEN >= 200_000


def test_an_upload_over_the_limit_stops_with_a_dutch_413(client, settings, tmp_path, beheerder):
    settings.UPLOAD_MAX_BYTES = 2000
    client.force_login(beheerder)
    pad = csv_schrijven(tmp_path / "groot.csv", [rij(traject_id=f"T{n}") for n in range(40)])
    assert pad.stat().st_size > 2000
    response = uploaden(client, pad)
    assert response.status_code == 413
    assert "hoogstens 2,0" in response.text  # "2,0 KB": Dutch number format
    assert '<html lang="nl">' in response.text
    assert not Traject.objects.exists() and not Importbatch.objects.exists()
    assert not Achtergrondtaak.objects.exists()


@pytest.mark.django_db(transaction=True, databases="__all__")  # a worker reads the file in
def test_an_upload_under_the_limit_still_goes_through(
    wachtrij, client, settings, tmp_path, beheerder
):
    settings.UPLOAD_MAX_BYTES = 5000
    inloggen_met_code(client, beheerder)
    pad = csv_schrijven(tmp_path / "klein.csv", [rij(traject_id="T1")])
    response = uploaden(client, pad)
    assert response.status_code == 302
    wachtrij_afwerken()
    assert Traject.objects.count() == 1


def test_a_body_that_cannot_fit_is_refused_before_it_is_read(client, settings, redacteur):
    # The request's length alone is over both caps: no byte of it is parsed.
    settings.UPLOAD_MAX_BYTES = 1000
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client.force_login(redacteur)
    bestand = SimpleUploadedFile("folder.pdf", PDF_INHOUD + b"0" * 5000)
    response = client.post("/admin/kennisbank/materiaal/add/", materiaal_formulier(bestand=bestand))
    assert response.status_code == 413
    assert "Bestand te groot" in response.text
    assert not Materiaal.objects.exists()


def test_a_form_body_over_its_cap_gets_a_dutch_413(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/accounts/login/", {"username": "x" * 2000, "password": "y"})
    assert response.status_code == 413
    assert "groter dan 1000" in response.text


def test_the_api_answers_an_oversized_body_in_json(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(
        "/api/v1/zoeken", data="{" + " " * 2000 + "}", content_type="application/json"
    )
    assert response.status_code == 413
    assert "groter dan" in response.json()["detail"]
