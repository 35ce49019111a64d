"""An editor's second factor in a real browser: setting up the app from the QR code page,
and logging in with a code; axe-core on every page on the way."""

import base64
import re

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.factories import GebruikerFactory
from tests.tweede_factor import apparaat, code

pytestmark = pytest.mark.browser


def code_uit_geheim(geheim: str) -> str:
    """What an authenticator app computes from the secret typed in by hand (RFC 6238)."""
    tekst = geheim.replace(" ", "")
    sleutel = base64.b32decode(tekst + "=" * (-len(tekst) % 8))
    return f"{totp(sleutel, step=30, digits=6):06d}"


def test_a_new_editor_sets_up_the_app_and_reaches_the_admin(page, inloggen, toegankelijk):
    nieuw = GebruikerFactory(username="nieuwe-amb", ambassadeur=True, regio_slugs=["twente"])
    inloggen(page, nieuw)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beheer").click()
    page.wait_for_url("**/accounts/code/instellen/**")
    expect(page.get_by_role("heading", level=1)).to_have_text("Authenticator-app instellen")
    qr = page.get_by_role("img", name="QR-code voor uw app")
    expect(qr).to_be_visible()
    assert qr.bounding_box()["width"] >= 100
    geheim = page.locator("#totp-geheim").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{1,4})+", geheim)
    toegankelijk(page)

    veld = page.get_by_label("Code uit uw authenticator-app")
    veld.fill("000000" if code_uit_geheim(geheim) != "000000" else "111111")
    page.get_by_role("button", name="App instellen en doorgaan").click()
    expect(page.get_by_text("Deze code klopt niet")).to_be_visible()
    expect(veld).to_have_attribute("aria-invalid", "true")
    toegankelijk(page)

    # After a wrong code the app accepts none for a second (then two, four, ...): a person
    # never types that fast, a test does.
    page.wait_for_timeout(1_100)
    page.get_by_label("Code uit uw authenticator-app").fill(code_uit_geheim(geheim))
    page.get_by_role("button", name="App instellen en doorgaan").click()
    page.wait_for_url("**/admin/")
    expect(page.get_by_role("heading", name="Beheer", exact=True)).to_be_visible()
    expect(page.get_by_text("Uw authenticator-app is ingesteld")).to_be_visible()
    toegankelijk(page)


def test_an_editor_logs_in_with_password_and_code(page, inloggen, toegankelijk, redacteur):
    device = apparaat(redacteur)
    inloggen(page, redacteur)
    page.goto("/admin/kennisbank/instrument/")
    page.wait_for_url("**/accounts/code/?next=*")
    expect(page.get_by_role("heading", level=1)).to_have_text("Code invoeren")
    veld = page.get_by_label("Code uit uw authenticator-app")
    expect(veld).to_be_focused()
    toegankelijk(page)
    veld.fill(code(device))
    page.keyboard.press("Enter")
    page.wait_for_url("**/admin/kennisbank/instrument/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    toegankelijk(page)
