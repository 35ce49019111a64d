"""Browser tests: Playwright driving Debian's Chromium against a live server.

Outside CI they skip when Chromium is absent; with CI=true they must run.
"""

import os
from pathlib import Path

import pytest

from portal.models import Regio, Sector
from portal.referentiedata import laad_regios_en_sectoren

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests
# make themselves are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true maar Chromium ontbreekt op {CHROMIUM}: .ci/run installeert het")
        pytest.skip(f"Chromium niet gevonden op {CHROMIUM}; browsertests overgeslagen")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def _referentiedata(transactional_db):
    # Transactional tests empty every table afterwards; put the regions back.
    laad_regios_en_sectoren(Regio, Sector)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(10_000)
    pagina = context.new_page()
    yield pagina
    context.close()


@pytest.fixture
def toegankelijk():
    """Assert that axe-core finds no WCAG violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(pagina):
        pagina.wait_for_load_state()
        resultaat = axe.run(pagina)
        assert resultaat.violations_count == 0, f"{pagina.url}\n{resultaat.generate_report()}"

    return check


@pytest.fixture
def inloggen(wachtwoord):
    def login(pagina, gebruiker):
        pagina.goto("/accounts/login/")
        pagina.get_by_label("Gebruikersnaam").fill(gebruiker.username)
        pagina.get_by_label("Wachtwoord").fill(wachtwoord)
        pagina.get_by_role("button", name="Inloggen").click()
        pagina.wait_for_url("**/")

    return login
