"""The pages a visitor sees at a limit: in Dutch, accessible, with a way on."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_rate_limit_page_is_dutch_and_accessible(page, toegankelijk, settings):
    settings.RATELIMIT_LOGIN = "1/h"
    # A name of its own: the counters of this test never meet another test's logins.
    for _ in range(2):
        page.goto("/accounts/login/")
        page.get_by_label("Gebruikersnaam").fill("limiet-in-de-browser")
        page.get_by_label("Wachtwoord").fill("fout-wachtwoord-123")
        page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Even geduld, alstublieft")
    expect(page.get_by_role("link", name="Naar de startpagina")).to_be_visible()
    toegankelijk(page)


def test_the_too_large_page_is_dutch_and_accessible(page, toegankelijk, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 500
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("x" * 600)
    page.get_by_label("Wachtwoord").fill("fout-wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Dit bestand of formulier is te groot"
    )
    toegankelijk(page)
