"""Browser tests: Playwright driving Debian's Chromium against a live server.

Outside CI they skip when Chromium is absent; with CI=true they must run.
"""

import os
from pathlib import Path

import pytest

from portal.models import Regio, Sector
from portal.referentiedata import laad_regios_en_sectoren
from tests.tweede_factor import apparaat, code

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


@pytest.fixture
def code_invoeren():
    """On the code step the admin led to, type the code the user's app shows now."""

    def invoeren(pagina, device):
        pagina.wait_for_url("**/accounts/code/**")
        pagina.get_by_label("Code uit uw authenticator-app").fill(code(device))
        pagina.get_by_role("button", name="Doorgaan").click()

    return invoeren


@pytest.fixture
def inloggen_met_code(inloggen, code_invoeren):
    """An editor's full login: password at /accounts/login/, then /admin/ asks for the
    code of their authenticator (set up now with a random key when they have none)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def login(pagina, gebruiker):
        device = TOTPDevice.objects.filter(user=gebruiker, confirmed=True).first()
        device = device or apparaat(gebruiker)
        inloggen(pagina, gebruiker)
        pagina.goto("/admin/")
        code_invoeren(pagina, device)
        pagina.wait_for_url("**/admin/")
        return device

    return login


@pytest.fixture
def csp_schendingen(page) -> list[str]:
    """The Content Security Policy violations the browser reports on ``page`` from now on;
    a test asserts at its end that the list is empty."""
    gevonden: list[str] = []
    page.on(
        "console",
        lambda bericht: (
            gevonden.append(bericht.text) if "Content Security Policy" in bericht.text else None
        ),
    )
    return gevonden
