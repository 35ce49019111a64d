"""A manager's journey through the effectiviteit dashboard, in a real browser."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.effectiviteit.cohort import opslaan, sleutels_op_nul, traject, vaste_cohort

pytestmark = pytest.mark.browser


def test_manager_reads_changes_downloads_and_prints(page, inloggen, manager, toegankelijk):
    vaste_cohort()
    opslaan([traject(regio="noord-limburg", status="lopend") for _ in range(7)])
    sleutels_op_nul()  # published: 26 -> 24, 20 -> 18
    inloggen(page, manager)
    page.goto("/effectiviteit/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Effectiviteit")
    expect(page.locator(".lead")).to_contain_text("Twente")
    toegankelijk(page)

    page.get_by_label("Regio", exact=True).select_option(label="Noord-Limburg")
    page.get_by_label("Gestart vanaf").fill("2024-01-01")
    page.get_by_label("Gestart tot en met").fill("2024-06-30")
    page.get_by_role("button", name="Cijfers tonen").click()
    page.wait_for_url("**regio=noord-limburg**")
    expect(page.locator(".lead")).to_contain_text("Noord-Limburg")

    page.get_by_label("Regio", exact=True).select_option(label="Twente")
    page.get_by_role("button", name="Cijfers tonen").click()
    page.wait_for_url("**regio=twente**")
    instroom = page.locator("figure", has=page.get_by_role("heading", name="Instroom per kwartaal"))
    instroom.get_by_text("Tabel bij").click()
    tabel = instroom.get_by_role("table")
    expect(tabel.get_by_role("row", name="2024-K1 18")).to_be_visible()
    expect(page.get_by_text("Zo leest u de cijfers")).to_be_visible()
    toegankelijk(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Cijfers downloaden (CSV)").click()
    inhoud = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    assert "regio;n_trajecten;24" in inhoud

    page.get_by_role("link", name="Factsheet Twente (om te printen)").click()
    page.wait_for_url("**/effectiviteit/twente/factsheet/**")
    expect(page.get_by_role("heading", level=1)).to_contain_text("factsheet")
    expect(page.get_by_role("cell", name="24")).to_be_visible()
    toegankelijk(page)
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_hidden()
    # The charts' data tables print too, though their <details> stay closed on screen.
    instroom = page.locator("figure", has=page.get_by_role("heading", name="Instroom per kwartaal"))
    expect(instroom.locator("table")).to_be_visible()


def test_upload_page_is_accessible(page, inloggen_met_code, ambassadeur_twente, toegankelijk):
    inloggen_met_code(page, ambassadeur_twente)
    page.goto("/admin/effectiviteit/importbatch/add/")
    veld = page.get_by_label("Bestand met trajecten")
    expect(veld).to_have_accessible_description(re.compile("CSV"))
    toegankelijk(page)
