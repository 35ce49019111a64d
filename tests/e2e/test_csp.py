"""In a real browser, the Content Security Policy blocks nothing the portal or the admin
needs: no page logs a violation, and the admin's scripts still run."""

import pytest
from playwright.sync_api import expect

from kennisbank.models import Instrument
from tests.kennisbank.helpers import maak

pytestmark = pytest.mark.browser


PAGINAS = [
    "/",
    "/zoeken/?q=praktijkverklaring",
    "/kennisbank/instrumenten/",
    "/kennisbank/instrumenten/praktijkverklaring-aanvragen/",
    "/netwerk/twente/",
]


def test_public_and_logged_in_pages_break_no_rule(page, csp_schendingen, inloggen, professional):
    maak(Instrument, "Praktijkverklaring aanvragen")
    for pad in PAGINAS:
        page.goto(pad)
        page.wait_for_load_state("load")
    inloggen(page, professional)
    page.goto("/effectiviteit/")
    page.wait_for_load_state("load")
    assert csp_schendingen == []


def test_the_menu_button_works_under_the_policy(page):
    # Bootstrap's script (a static file) opens the menu on a narrow screen.
    page.set_viewport_size({"width": 400, "height": 800})
    page.goto("/")
    knop = page.get_by_role("button", name="Menu openen of sluiten")
    expect(knop).to_have_attribute("aria-expanded", "false")
    knop.click()
    expect(knop).to_have_attribute("aria-expanded", "true")


def test_the_admin_works_under_the_policy(page, csp_schendingen, inloggen_met_code, beheerder):
    inloggen_met_code(page, beheerder)
    for pad in ("/admin/", "/admin/kennisbank/instrument/", "/admin/netwerk/organisatie/import/"):
        page.goto(pad)
        page.wait_for_load_state("load")
    page.goto("/admin/kennisbank/instrument/add/")
    # The admin's own script fills the slug from the title (prepopulated fields).
    page.get_by_label("Titel").fill("Leerwerktraject in de zorg")
    page.get_by_label("Slug").focus()
    expect(page.get_by_label("Slug")).to_have_value("leerwerktraject-in-de-zorg")
    assert csp_schendingen == []
