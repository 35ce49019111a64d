import pytest

from kennisbank.models import Instrument, Materiaal, Praktijkvoorbeeld
from tests.kennisbank.helpers import maak

pytestmark = pytest.mark.django_db


@pytest.fixture
def items():
    return {
        "openbaar": maak(Instrument, "Openbare regeling"),
        "intern": maak(Instrument, "Interne regeling", intern=True),
        "concept": maak(Instrument, "Concept regeling", concept=True),
        "archief": maak(Instrument, "Gearchiveerde regeling", gearchiveerd=True),
    }


def _gezien(client):
    lijst = client.get("/kennisbank/instrumenten/").content.decode()
    api = {r["slug"] for r in client.get("/api/v1/instrumenten").json()["results"]}
    zoek = {r["slug"] for r in client.get("/api/v1/zoeken", {"q": "regeling"}).json()["results"]}
    return lijst, api, zoek


def test_anonymous_sees_only_published_public_items(client, items):
    lijst, api, zoek = _gezien(client)
    assert api == zoek == {"openbare-regeling"}
    assert "Openbare regeling" in lijst and "Interne regeling" not in lijst
    assert client.get("/kennisbank/instrumenten/interne-regeling/").status_code == 404
    assert client.get("/kennisbank/instrumenten/concept-regeling/").status_code == 404


@pytest.mark.parametrize("rol", ["professional", "manager", "ambassadeur_twente", "redacteur"])
def test_logged_in_users_also_see_non_public_items(client, items, rol, request):
    client.force_login(request.getfixturevalue(rol))
    lijst, api, zoek = _gezien(client)
    assert "Interne regeling" in lijst
    assert api == zoek == {"openbare-regeling", "interne-regeling"}
    assert client.get("/kennisbank/instrumenten/interne-regeling/").status_code == 200
    assert client.get("/kennisbank/instrumenten/concept-regeling/").status_code == 404
    assert client.get("/kennisbank/instrumenten/gearchiveerde-regeling/").status_code == 404


def test_links_between_items_respect_visibility(client):
    geheim = maak(Instrument, "Interne route", intern=True)
    voorbeeld = maak(Praktijkvoorbeeld, "Voorbeeld met interne route")
    voorbeeld.instrumenten.add(geheim)
    pagina = client.get(voorbeeld.get_absolute_url()).content.decode()
    assert "Interne route" not in pagina
    api = client.get("/api/v1/praktijkvoorbeelden").json()["results"][0]
    assert api["instrumenten"] == []


def test_feed_and_sitemap_list_public_items_only(client, items):
    maak(Materiaal, "Openbare brochure")
    feed = client.get("/kennisbank/nieuw.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "Openbare regeling" in feed.content.decode()
    assert "Interne regeling" not in feed.content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/kennisbank/instrumenten/openbare-regeling/" in sitemap
    assert "/kennisbank/materialen/openbare-brochure/" in sitemap
    assert "interne-regeling" not in sitemap and "concept-regeling" not in sitemap


def test_base_template_links_the_feed(client):
    assert 'type="application/atom+xml"' in client.get("/").content.decode()


@pytest.mark.parametrize("model", [Instrument, Praktijkvoorbeeld, Materiaal])
def test_preview_of_a_concept_only_for_who_keeps_its_region(
    client, model, ambassadeur_twente, ambassadeur_noord_limburg, professional, redacteur
):
    extra = {"inhoud": "Tekst."} if model is Materiaal else {}
    item = maak(model, "Nog niet af", regio="twente", concept=True, **extra)
    voorbeeld = f"{item.get_absolute_url()}?voorbeeld=1"
    assert client.get(voorbeeld).status_code == 404
    for gebruiker in (professional, ambassadeur_noord_limburg):
        client.force_login(gebruiker)
        assert client.get(voorbeeld).status_code == 404
    for gebruiker in (ambassadeur_twente, redacteur):
        client.force_login(gebruiker)
        assert client.get(item.get_absolute_url()).status_code == 404  # no preview asked
        response = client.get(voorbeeld)
        assert response.status_code == 200
        assert "Concept – niet openbaar." in response.content.decode()
        assert response["Cache-Control"] == "private, no-store"


def test_preview_of_a_national_concept_is_for_redacteuren(client, ambassadeur_twente, redacteur):
    item = maak(Instrument, "Landelijk concept", concept=True)
    voorbeeld = f"{item.get_absolute_url()}?voorbeeld=1"
    client.force_login(ambassadeur_twente)
    assert client.get(voorbeeld).status_code == 404
    client.force_login(redacteur)
    assert client.get(voorbeeld).status_code == 200


def test_published_pages_show_no_preview_banner(client):
    item = maak(Instrument, "Gepubliceerd")
    response = client.get(f"{item.get_absolute_url()}?voorbeeld=1")
    assert response.status_code == 200
    assert "niet openbaar" not in response.content.decode()
