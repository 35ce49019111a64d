"""The Content Security Policy: on every page, and no template that would need it lifted."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import path

from kennisbank.models import Instrument, Materiaal, Praktijkvoorbeeld
from portal.urls import urlpatterns as portal_urlpatterns
from tests.kennisbank.helpers import PDF_INHOUD, maak
from tests.tweede_factor import inloggen_met_code

pytestmark = pytest.mark.django_db

VEREIST = {
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def _fout_view(request):
    raise RuntimeError("bewust, voor de test van de foutpagina")


# The portal's own URLs plus one view that fails, to see the 500 page with its header.
urlpatterns = [*portal_urlpatterns, path("test-fout/", _fout_view)]


def _richtlijnen(response) -> dict[str, str]:
    kop = response.headers.get("Content-Security-Policy", "")
    richtlijnen = {}
    for deel in kop.split(";"):
        naam, _, waarde = deel.strip().partition(" ")
        if naam:
            richtlijnen[naam] = waarde
    return richtlijnen


def _controleer(response):
    richtlijnen = _richtlijnen(response)
    for naam, waarde in VEREIST.items():
        assert richtlijnen.get(naam) == waarde, (
            naam,
            response.headers.get("Content-Security-Policy"),
        )
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"]


@pytest.fixture
def items(db):
    return {
        "instrument": maak(Instrument, "Praktijkverklaring aanvragen"),
        "praktijkvoorbeeld": maak(Praktijkvoorbeeld, "Kapper in Venlo", regio="noord-limburg"),
        "materiaal": maak(Materiaal, "Brochure voor werkgevers", inhoud="De tekst zelf."),
    }


PUBLIEKE_PAGINAS = [
    ("/", 200),
    ("/zoeken/?q=praktijkverklaring", 200),
    ("/toegankelijkheid", 200),
    ("/kennisbank/", 200),
    ("/kennisbank/instrumenten/", 200),
    ("/kennisbank/instrumenten/praktijkverklaring-aanvragen/", 200),
    ("/kennisbank/praktijkvoorbeelden/", 200),
    ("/kennisbank/praktijkvoorbeelden/kapper-in-venlo/", 200),
    ("/kennisbank/materialen/", 200),
    ("/kennisbank/materialen/brochure-voor-werkgevers/", 200),
    ("/netwerk/", 200),
    ("/netwerk/twente/", 200),
    ("/accounts/login/", 200),
    ("/admin/login/", 302),  # leads to the portal's own login
    ("/bestaat-niet/", 404),
    ("/zoeken/?sector=bestaat-niet", 400),
    ("/api/v1/openapi.json", 200),
]


@pytest.mark.parametrize(("pad", "status"), PUBLIEKE_PAGINAS)
def test_public_pages_carry_the_policy(client, items, pad, status):
    response = client.get(pad)
    assert response.status_code == status
    _controleer(response)


@pytest.mark.parametrize(
    "pad", ["/effectiviteit/", "/netwerk/twente/", "/", "/kennisbank/instrumenten/"]
)
def test_pages_of_a_logged_in_user_carry_the_policy(client, professional, pad):
    client.force_login(professional)
    response = client.get(pad)
    assert response.status_code == 200
    _controleer(response)


@pytest.mark.parametrize(
    "pad",
    [
        "/admin/",
        "/admin/kennisbank/instrument/",
        "/admin/kennisbank/instrument/add/",
        "/admin/netwerk/organisatie/import/",
    ],
)
def test_admin_pages_carry_the_policy(client, beheerder, pad):
    inloggen_met_code(client, beheerder)
    response = client.get(pad)
    assert response.status_code == 200
    _controleer(response)


def test_the_server_error_page_carries_the_policy(client, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    response = client.get("/test-fout/")
    assert response.status_code == 500
    assert "Content-Security-Policy" in response.headers
    _controleer(response)


def test_csrf_failure_page_carries_the_policy(professional):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(professional)
    response = client.post("/accounts/logout/")
    assert response.status_code == 403
    _controleer(response)


def _templatebestanden() -> list[Path]:
    mappen = [Path(settings.BASE_DIR) / "templates"] + [
        Path(settings.BASE_DIR) / app / "templates"
        for app in ("portal", "kennisbank", "netwerk", "effectiviteit")
    ]
    return sorted(p for m in mappen if m.exists() for p in m.rglob("*.html"))


_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_EVENT = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def test_the_template_scan_finds_what_it_looks_for():
    assert _SCRIPT.search("<script>alert(1)</script>").group(2).strip()
    assert _EVENT.search('<button onclick="x()">')


def test_no_template_holds_inline_code_or_styles():
    bestanden = _templatebestanden()
    assert len(bestanden) > 30
    fouten = []
    for bestand in bestanden:
        tekst = bestand.read_text(encoding="utf-8")
        for attributen, inhoud in _SCRIPT.findall(tekst):
            if inhoud.strip() and "application/json" not in attributen:
                fouten.append(f"{bestand}: inline <script> met code")
        if _EVENT.search(tekst):
            fouten.append(f"{bestand}: on…-attribuut (inline JavaScript)")
        if "javascript:" in tekst.lower():
            fouten.append(f"{bestand}: javascript:-link")
        if re.search(r"<style\b|\sstyle\s*=", tekst, re.IGNORECASE):
            fouten.append(f"{bestand}: inline stijl")
    assert not fouten, "\n".join(fouten)


def test_a_downloaded_file_keeps_its_own_stricter_policy(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    maak(Materiaal, "Folder", bestand=SimpleUploadedFile("folder.pdf", PDF_INHOUD))
    response = client.get("/kennisbank/materialen/folder/download/")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
