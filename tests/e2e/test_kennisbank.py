"""Browser tests of the kennisbank: Jessica's journey and accessibility of its pages."""

import pytest

from kennisbank.demo import DEMO_BESTAND
from kennisbank.services import kennisbank_importeren
from tests.factories import GebruikerFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db):
    with DEMO_BESTAND.open(encoding="utf-8") as bestand:
        kennisbank_importeren(regels=bestand)


def test_jessicas_journey(page, demo, inloggen, toegankelijk):
    """Jessica (klantmanager in Enschede) looks for a route for a seamstress without a
    diploma: search "confectie", narrow by sector, read the story, follow its instrument."""
    jessica = GebruikerFactory(username="jessica", regio_slugs=["twente"])
    inloggen(page, jessica)

    page.get_by_label("Waar bent u naar op zoek?").fill("confectie")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url("**/zoeken/?q=confectie")
    assert page.locator(".resultaat mark").first.inner_text().lower().startswith("confectie")
    toegankelijk(page)

    page.get_by_label("Specialistisch vakmanschap").check()
    page.get_by_role("button", name="Filters toepassen").click()
    page.wait_for_url("**sector=specialistisch-vakmanschap**")
    resultaat = page.get_by_role("link", name="Vakbekwame naaister haalt praktijkverklaring")
    resultaat.click()
    page.wait_for_url("**/praktijkvoorbeelden/confectie-enschede-praktijkverklaring/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Vakbekwame naaister")
    toegankelijk(page)

    page.get_by_role("region", name="Gebruikte instrumenten").get_by_role(
        "link", name="Praktijkleren met de praktijkverklaring"
    ).click()
    page.wait_for_url("**/instrumenten/praktijkverklaring/")
    assert page.get_by_role("heading", name="Stappen").is_visible()
    toegankelijk(page)


@pytest.mark.parametrize(
    "pad",
    [
        "/kennisbank/",
        "/kennisbank/instrumenten/",
        "/kennisbank/instrumenten/?geldigheid=beeindigd",
        "/kennisbank/instrumenten/stap-budget/",
        "/kennisbank/praktijkvoorbeelden/?sector=handel&page=1",
        "/kennisbank/materialen/",
        "/zoeken/?q=jobcoahcing",
        "/zoeken/?q=bbl",
    ],
)
def test_kennisbank_pages_have_no_accessibility_violations(page, demo, toegankelijk, pad):
    page.goto(pad)
    toegankelijk(page)


def test_filters_work_by_keyboard(page, demo):
    page.goto("/kennisbank/instrumenten/")
    page.get_by_label("Beëindigd", exact=False).first.focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Filters toepassen").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**geldigheid=beeindigd**")
    assert page.locator(".badge-beeindigd").count() >= 1


def test_many_pages_are_accessible_and_work_by_keyboard(page, demo, toegankelijk, monkeypatch):
    from kennisbank import selectors

    # Pages of one item, so the demo's instruments make enough pages for two gaps.
    monkeypatch.setattr(selectors, "PER_PAGINA", 1)
    page.goto("/kennisbank/instrumenten/?sortering=titel&page=10")
    paginering = page.get_by_role("navigation", name="Paginering")
    assert paginering.get_by_text("pagina's overgeslagen").count() == 2
    toegankelijk(page)
    paginering.get_by_role("link", name="Volgende pagina").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/instrumenten/?sortering=titel&page=11")
    assert paginering.locator("[aria-current=page]").inner_text().endswith("11")
