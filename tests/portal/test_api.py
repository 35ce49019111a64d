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


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("pad", "melding"),
    [
        ("/api/v1/zoeken?q=werk&page=0", "moet minstens 1 zijn"),
        ("/api/v1/instrumenten?page=abc", "moet een geheel getal zijn"),
    ],
)
def test_bad_parameters_get_a_dutch_message_per_field(client, pad, melding):
    response = client.get(pad)
    assert response.status_code == 400
    assert response.json()["details"] == [{"veld": "page", "melding": melding}]
