import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/kennisbank/",
        "/kennisbank/instrumenten/",
        "/kennisbank/praktijkvoorbeelden/",
        "/kennisbank/materialen/",
        "/kennisbank/instrumenten/praktijkverklaring/",
        "/kennisbank/praktijkvoorbeelden/confectie-enschede-praktijkverklaring/",
        "/zoeken/?q=confectie",
        "/kennisbank/nieuw.atom",
        "/sitemap.xml",
    ],
)
def test_pages_render(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:2000]
