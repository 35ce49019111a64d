import pytest

pytestmark = pytest.mark.django_db


def test_openapi_description_is_public(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    beschrijving = response.json()
    assert beschrijving["openapi"].startswith("3.")
    assert beschrijving["info"]["title"] == "Praktijkleren portaal API"


def test_unknown_api_path_is_a_404(client):
    assert client.get("/api/v1/bestaat-niet").status_code == 404
