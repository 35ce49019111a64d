"""An ambassadeur uploads trajectories in a real browser: the status page shows the
progress, then the result, with and without JavaScript, under the CSP, accessibly."""

import pytest
from playwright.sync_api import expect

from tests.effectiviteit.helpers import csv_schrijven, rij
from tests.wachtrij import wachtrij_afwerken

# The worker reports progress through the second connection (portal.achtergrondtaken).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, databases="__all__")]


@pytest.fixture(autouse=True)
def _wachtrij(wachtrij):
    """An empty queue to start with (tests/conftest.py)."""


def _uploaden(pagina, pad) -> None:
    pagina.goto("/admin/effectiviteit/importbatch/add/")
    pagina.get_by_label("Bestand met trajecten").set_input_files(str(pad))
    pagina.get_by_role("button", name="Inlezen").click()
    pagina.wait_for_url("**/admin/taken/*/")


def test_upload_shows_progress_and_then_the_result(
    page, csp_schendingen, inloggen_met_code, ambassadeur_twente, toegankelijk, tmp_path
):
    inloggen_met_code(page, ambassadeur_twente)
    rijen = [rij(traject_id=f"T{n}") for n in range(3)]
    _uploaden(page, csv_schrijven(tmp_path / "trajecten.csv", rijen))
    expect(page.get_by_role("heading", level=1)).to_have_text("Trajecten inlezen")
    expect(page.get_by_role("progressbar", name="Voortgang")).to_be_visible()
    expect(page.get_by_text("Het bestand staat klaar en wacht op verwerking.")).to_be_visible()
    toegankelijk(page)

    wachtrij_afwerken()
    # The page's script sees the job is done and reloads: the result, not the bar.
    expect(page.get_by_text("OK: 3 nieuw, 0 bijgewerkt")).to_be_visible()
    expect(page.get_by_role("progressbar")).to_have_count(0)
    toegankelijk(page)

    page.get_by_role("link", name="Nog een bestand inlezen").click()
    _uploaden(page, csv_schrijven(tmp_path / "fout.csv", [rij(traject_id="A", regio="rijnmond")]))
    wachtrij_afwerken()
    fout = page.get_by_role("alert")
    expect(fout).to_contain_text("Het bestand is niet ingelezen: er is niets opgeslagen.")
    expect(fout.get_by_role("listitem")).to_have_text(
        "rij 2: regio: u mag alleen trajecten van uw eigen regio's inlezen, niet van Rijnmond"
    )
    toegankelijk(page)
    assert csp_schendingen == []


def test_without_javascript_the_status_page_refreshes_itself(
    browser, live_server, inloggen_met_code, ambassadeur_twente, tmp_path
):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    pagina = context.new_page()
    try:
        inloggen_met_code(pagina, ambassadeur_twente)
        _uploaden(pagina, csv_schrijven(tmp_path / "trajecten.csv", [rij(traject_id="A")]))
        status_url = pagina.url
        expect(
            pagina.get_by_text("Het bestand staat klaar en wacht op verwerking.")
        ).to_be_visible()
        wachtrij_afwerken()
        # A meta refresh inside <noscript> reloads the page, which now shows the result.
        expect(pagina.get_by_text("OK: 1 nieuw, 0 bijgewerkt")).to_be_visible()
        assert pagina.url == status_url
    finally:
        context.close()
