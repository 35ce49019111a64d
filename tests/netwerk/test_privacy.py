"""Anonymous visitors never see a person's name, e-mail address or phone number."""

import pytest

pytestmark = pytest.mark.django_db


def _persoonsgegevens(netwerk):
    for sleutel in ("ambassadeur", "docent", "limburger"):
        persoon = netwerk[sleutel]
        yield from (persoon.naam, persoon.email, persoon.telefoon, persoon.sleutel)


def _geen_persoonsgegevens(tekst, netwerk):
    for waarde in _persoonsgegevens(netwerk):
        assert waarde not in tekst, waarde


@pytest.mark.parametrize(
    "url",
    [
        "/netwerk/",
        "/netwerk/twente/",
        "/netwerk/twente/?rol=ambassadeur",
        "/netwerk/noord-limburg/",
        "/netwerk/organisaties/leerwerkloket-twente/",
        "/netwerk/organisaties/roc-twente/",
        "/sitemap.xml",
        "/api/v1/organisaties",
        "/api/v1/openapi.json",
    ],
)
def test_public_surfaces_show_no_person(client, netwerk, url):
    response = client.get(url)
    assert response.status_code == 200
    _geen_persoonsgegevens(response.content.decode(), netwerk)


def test_person_pages_and_exports_require_login(client, netwerk):
    persoon = netwerk["ambassadeur"]
    for url in [
        f"/netwerk/personen/{persoon.pk}/",
        f"/netwerk/personen/{persoon.pk}/fout-melden/",
        "/netwerk/twente/export.csv",
        "/netwerk/twente/export.vcf",
        "/netwerk/organisaties/roc-twente/fout-melden/",
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        _geen_persoonsgegevens(response["Location"], netwerk)
    for url in ["/netwerk/twente/export.csv", "/netwerk/twente/export.vcf"]:
        response = client.post(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_api_refuses_persons_to_anonymous_users(client, netwerk):
    response = client.get("/api/v1/contactpersonen")
    assert response.status_code == 401
    assert response.json()["fout"]
    _geen_persoonsgegevens(response.content.decode(), netwerk)


def test_sitemap_lists_organisations_but_no_person_pages(client, netwerk):
    tekst = client.get("/sitemap.xml").content.decode()
    assert "/netwerk/organisaties/roc-twente/" in tekst
    assert "/netwerk/twente/" in tekst
    assert "/netwerk/personen/" not in tekst


def test_an_instrument_page_shows_no_experts_to_anonymous_users(client, netwerk, instrument_slim):
    from django.contrib.auth.models import AnonymousUser

    from netwerk import public

    assert (
        public.experts_voor_instrument(gebruiker=AnonymousUser(), instrument=instrument_slim)
        is None
    )
    response = client.get(f"/kennisbank/instrumenten/{instrument_slim.slug}/")
    assert response.status_code == 200
    tekst = response.content.decode()
    assert "Wie weet hier meer van" not in tekst
    assert netwerk["ambassadeur"].naam not in tekst


def test_logged_in_users_see_the_people(client, netwerk, professional):
    client.force_login(professional)
    tekst = client.get("/netwerk/twente/").content.decode()
    assert netwerk["ambassadeur"].naam in tekst
    assert netwerk["ambassadeur"].telefoon in tekst
    assert netwerk["slapend"].naam not in tekst  # inactive: hidden, but kept
    assert client.get(f"/netwerk/personen/{netwerk['slapend'].pk}/").status_code == 404


def test_site_search_shows_no_person_even_when_an_item_matches_their_name(client, netwerk):
    # The site search covers the kennisbank only. An item that mentions a person's first
    # name is found; the person themselves stays out of the results.
    from tests.factories import InstrumentFactory

    InstrumentFactory(titel="Regeling voor Anna")
    response = client.get("/zoeken/", {"q": "Anna"})
    assert response.status_code == 200
    assert "Regeling voor Anna" in response.text  # the search did run and find something
    _geen_persoonsgegevens(response.content.decode(), netwerk)
