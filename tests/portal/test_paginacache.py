"""The page cache for anonymous visitors (portal.paginacache): what it keeps, for whom,
and that a change of content shows at once."""

import os
import subprocess
import sys
import time

import pytest
from django.core.cache import caches
from django.test import Client

from kennisbank.models import Instrument, Praktijkvoorbeeld
from kennisbank.services import kennisbank_importeren, kennisitem_opslaan
from netwerk.models import Organisatie
from portal import paginacache
from tests.factories import InstrumentFactory, OrganisatieFactory, PraktijkvoorbeeldFactory

pytestmark = pytest.mark.django_db

LIJST = "/kennisbank/instrumenten/"


@pytest.fixture(autouse=True)
def _paginacache_aan(settings):
    settings.CACHE_MIDDLEWARE_SECONDS = 300


def _stil_hernoemen(instrument, titel: str) -> None:
    # An update without signals: only a page made anew can show it.
    Instrument.objects.filter(pk=instrument.pk).update(titel=titel)


def test_an_anonymous_page_comes_from_the_cache(client):
    instrument = InstrumentFactory(titel="Werkfit traject")
    eerste = client.get(LIJST)
    assert "Werkfit traject" in eerste.content.decode()
    _stil_hernoemen(instrument, "Stil hernoemd")

    tweede = Client().get(LIJST)
    assert tweede.status_code == 200
    assert "Werkfit traject" in tweede.content.decode()
    assert "Stil hernoemd" not in tweede.content.decode()
    # The same headers as the page that was kept, security headers included.
    assert tweede["Content-Security-Policy"] == eerste["Content-Security-Policy"]


def test_an_edit_shows_at_once(client):
    instrument = InstrumentFactory(titel="Werkfit traject")
    client.get(LIJST)
    instrument.titel = "Werkfit traject 2.0"
    kennisitem_opslaan(item=instrument)

    assert "Werkfit traject 2.0" in Client().get(LIJST).content.decode()
    assert "Werkfit traject 2.0" in Client().get("/zoeken/?q=werkfit").content.decode()


def test_a_change_of_sectors_alone_shows_at_once(client):
    instrument = InstrumentFactory(titel="Werkfit traject")
    url = f"{LIJST}?sector=handel"
    assert "Werkfit traject" not in client.get(url).content.decode()
    instrument.sectoren.set(instrument.sectoren.model.objects.filter(slug="handel"))

    assert "Werkfit traject" in Client().get(url).content.decode()


def test_an_import_in_bulk_shows_at_once(client):
    client.get(LIJST)
    regel = (
        '{"type": "instrument", "slug": "nieuw-uit-import", "titel": "Nieuw uit import", '
        '"samenvatting": "Kort.", "inhoud": "", "sectoren": [], "doelgroepen": [], '
        '"bewijsstukken": [], "regio": null, "publiek": true, "status": "gepubliceerd", '
        '"links": []}'
    )
    kennisbank_importeren(regels=[regel])

    assert "Nieuw uit import" in Client().get(LIJST).content.decode()


def test_a_change_in_the_network_shows_at_once(client):
    organisatie = OrganisatieFactory(naam="Leerbedrijf De Spoel", regios=["twente"])
    client.get("/netwerk/twente/")
    organisatie.naam = "Leerbedrijf De Nieuwe Spoel"
    organisatie.save()

    assert "De Nieuwe Spoel" in Client().get("/netwerk/twente/").content.decode()


def test_a_logged_in_user_never_gets_the_anonymous_page(client, professional):
    InstrumentFactory(titel="Alleen voor professionals", intern=True)
    anoniem = client.get(LIJST).content.decode()
    assert "Alleen voor professionals" not in anoniem

    ingelogd = Client()
    ingelogd.force_login(professional)
    pagina = ingelogd.get(LIJST).content.decode()
    assert "Alleen voor professionals" in pagina
    assert "Ingelogd als" in pagina


def test_a_logged_in_page_is_never_kept_for_others(client, professional):
    InstrumentFactory(titel="Alleen voor professionals", intern=True)
    client.force_login(professional)
    assert "Alleen voor professionals" in client.get(LIJST).content.decode()

    anoniem = Client().get(LIJST).content.decode()
    assert "Alleen voor professionals" not in anoniem
    assert "Ingelogd als" not in anoniem


def test_a_page_with_a_csrf_token_is_never_shared():
    eerste, tweede = Client().get("/accounts/login/"), Client().get("/accounts/login/")
    assert eerste.cookies["csrftoken"].value != tweede.cookies["csrftoken"].value


def test_the_wegwijzer_is_never_kept(client):
    # Its instruments come from the shared cache; the page and the answer themselves,
    # which describe a candidate's situation, are never kept.
    voorbeeld = PraktijkvoorbeeldFactory(titel="Naaister in Enschede", regio="twente")
    url = "/wegwijzer/?regio=twente&doelgroep=bijstand"
    pagina = client.get(url)
    assert "Naaister in Enschede" in pagina.content.decode()
    assert "no-store" in pagina["Cache-Control"]
    Praktijkvoorbeeld.objects.filter(pk=voorbeeld.pk).update(titel="Stil hernoemd")

    assert "Stil hernoemd" in Client().get(url).content.decode()
    api = Client().get("/api/v1/wegwijzer?regio=twente&doelgroep=bijstand")
    assert "Stil hernoemd" in api.content.decode()


def test_a_cached_api_answer_still_counts_for_the_limit(client, settings):
    settings.RATELIMIT_API = "2/m"
    assert client.get("/api/v1/instrumenten").status_code == 200
    assert client.get("/api/v1/instrumenten").status_code == 200
    assert client.get("/api/v1/instrumenten").status_code == 429


def test_without_a_timeout_nothing_is_kept(client, settings):
    settings.CACHE_MIDDLEWARE_SECONDS = 0
    instrument = InstrumentFactory(titel="Werkfit traject")
    client.get(LIJST)
    _stil_hernoemen(instrument, "Stil hernoemd")

    assert "Stil hernoemd" in Client().get(LIJST).content.decode()


def test_an_organisation_page_is_kept_too(client):
    organisatie = OrganisatieFactory(naam="Leerbedrijf De Spoel", regios=["twente"])
    url = organisatie.get_absolute_url()
    assert "De Spoel" in client.get(url).content.decode()
    Organisatie.objects.filter(pk=organisatie.pk).update(naam="Stil hernoemd")

    assert "Stil hernoemd" not in Client().get(url).content.decode()


def test_healthz_still_reports_503_when_the_database_is_unreachable(tmp_path):
    # As in test_paginas, with the production settings: the page cache is on and lives in
    # that database too, and a health check over plain HTTP is not sent to https.
    code = (
        "import django; django.setup();"
        "from django.conf import settings; assert settings.CACHE_MIDDLEWARE_SECONDS == 300;"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(r.status_code, r.json()['status'])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DATABASE_URL": f"postgresql://niemand@/bestaatniet?host={tmp_path}",
        "DATABASE_POOL_TIMEOUT": "1",
        "SECRET_KEY": "een-sleutel-alleen-voor-deze-test-0123456789abcdefghijklmnop",
        "PSEUDONIEM_SLEUTEL": "alleen-voor-deze-test",
        "PORTAAL_BASIS_URL": "https://praktijkleren.example.org/",
        "EMAIL_URL": "smtp://localhost:25",
        "ALLOWED_HOSTS": "testserver",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert result.stdout.strip() == "503 fout", result.stderr[-2000:]


def test_a_change_on_another_app_server_shows_within_a_second(client):
    instrument = InstrumentFactory(titel="Werkfit traject")
    client.get(LIJST)
    # Another app server changes the content: the shared generation moves on there.
    _stil_hernoemen(instrument, "Elders hernoemd")
    caches["paginas"].set(paginacache.GENERATIE_SLEUTEL, "elders", None)

    time.sleep(paginacache.GENERATIE_GELDIG + 0.1)
    assert "Elders hernoemd" in Client().get(LIJST).content.decode()
