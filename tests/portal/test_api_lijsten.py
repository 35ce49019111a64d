"""The API's lists share one kind of page (portal.lijsten): the HTML lists' page size, the
keys count, page, pages and results, and a Dutch 404 past the last page. Their query
parameters are the filters of the FilterSets the pages use."""

import pytest

from kennisbank.filters import InstrumentFilterSet, MateriaalFilterSet, PraktijkvoorbeeldFilterSet
from kennisbank.models import Materiaal
from netwerk.filters import ContactpersoonFilter, OrganisatieFilter
from portal.lijsten import PER_PAGINA
from tests.factories import OrganisatieFactory
from tests.kennisbank.helpers import maak

pytestmark = pytest.mark.django_db

LIJSTEN = {
    "/api/v1/instrumenten": InstrumentFilterSet,
    "/api/v1/praktijkvoorbeelden": PraktijkvoorbeeldFilterSet,
    "/api/v1/materialen": MateriaalFilterSet,
    "/api/v1/organisaties": OrganisatieFilter,
    "/api/v1/contactpersonen": ContactpersoonFilter,
}


def test_a_kennisbank_list_comes_in_pages_of_the_html_lists_size(client):
    for nummer in range(PER_PAGINA + 1):
        maak(Materiaal, f"Brochure {nummer:02}")
    eerste = client.get("/api/v1/materialen", {"sortering": "titel"}).json()
    assert (eerste["count"], eerste["page"], eerste["pages"]) == (PER_PAGINA + 1, 1, 2)
    assert len(eerste["results"]) == PER_PAGINA
    tweede = client.get("/api/v1/materialen", {"sortering": "titel", "page": 2}).json()
    assert [r["slug"] for r in tweede["results"]] == [f"brochure-{PER_PAGINA:02}"]
    assert (
        tweede["results"][0]["url"]
        == f"http://testserver/kennisbank/materialen/brochure-{PER_PAGINA:02}/"
    )

    voorbij = client.get("/api/v1/materialen", {"page": 3})
    assert voorbij.status_code == 404
    assert voorbij.json() == {"fout": "Pagina 3 bestaat niet; er zijn 2 pagina's.", "details": []}


def test_the_organisations_come_in_the_same_pages(client):
    for nummer in range(PER_PAGINA + 1):
        OrganisatieFactory(naam=f"Organisatie {nummer:02}")
    eerste = client.get("/api/v1/organisaties").json()
    assert set(eerste) == {"count", "page", "pages", "results"}
    assert (eerste["count"], eerste["pages"], len(eerste["results"])) == (
        PER_PAGINA + 1,
        2,
        PER_PAGINA,
    )
    assert len(client.get("/api/v1/organisaties", {"page": 2}).json()["results"]) == 1
    voorbij = client.get("/api/v1/organisaties", {"page": 3})
    assert voorbij.status_code == 404
    assert voorbij.json()["fout"] == "Pagina 3 bestaat niet; er zijn 2 pagina's."


def test_an_empty_list_is_one_empty_page(client):
    antwoord = client.get("/api/v1/organisaties").json()
    assert antwoord == {"count": 0, "page": 1, "pages": 1, "results": []}


def test_a_filters_own_rule_answers_for_the_api_too(client):
    # The FilterSet checks the value, with its own Dutch message: no second rule in the API.
    response = client.get("/api/v1/organisaties", {"q": "x" * 101})
    assert response.status_code == 400
    assert response.json()["fout"] == "Ongeldige invoer in de aanvraag."
    assert [d["veld"] for d in response.json()["details"]] == ["q"]
    lang = client.get("/api/v1/praktijkvoorbeelden", {"instrument": "x" * 201})
    assert lang.status_code == 400
    assert lang.json()["fout"] == "Ongeldig filter. Met instrument: onbekende of ongeldige waarde."


@pytest.mark.parametrize(("pad", "filterset"), LIJSTEN.items())
def test_the_description_lists_every_filter_of_the_pages_and_the_page(client, pad, filterset):
    operatie = client.get("/api/v1/openapi.json").json()["paths"][pad]["get"]
    parameters = {p["name"]: p for p in operatie["parameters"]}
    assert set(parameters) == {*filterset.base_filters, "page"}
    assert parameters["page"]["schema"]["maximum"] == 10_000
    assert all(p.get("description") for p in parameters.values())
    antwoord = operatie["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert schema[antwoord.rsplit("/", 1)[1]]["required"] == ["count", "page", "pages", "results"]
