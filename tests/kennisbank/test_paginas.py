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
def test_every_kennisbank_page_opens_with_the_demo_content(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:2000]
