import pytest
from playwright.sync_api import expect

from tests.factories import regio
from tests.regiotest.models import Notitie
from tests.tweede_factor import apparaat

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("pad", ["/", "/accounts/login/", "/toegankelijkheid", "/bestaat-niet/"])
def test_pages_have_no_accessibility_violations(page, toegankelijk, pad):
    response = page.goto(pad)
    assert response.status == (404 if pad == "/bestaat-niet/" else 200)
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    toegankelijk(page)


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skiplink = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skiplink).to_be_focused()
    expect(skiplink).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main#inhoud")).to_be_focused()


def test_search_from_the_home_page_by_keyboard(page):
    page.goto("/")
    page.get_by_label("Waar bent u naar op zoek?").fill("praktijkverklaring")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken/?q=praktijkverklaring")


def test_anonymous_user_is_sent_to_login_for_the_dashboard(page):
    page.goto("/")
    page.get_by_role("link", name="Effectiviteit").first.click()
    page.wait_for_url("**/accounts/login/?next=/effectiviteit/")
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()


@pytest.mark.parametrize("fixture", ["professional", "manager"])
def test_readers_get_navigation_but_no_admin(request, page, inloggen, toegankelijk, fixture):
    gebruiker = request.getfixturevalue(fixture)
    inloggen(page, gebruiker)
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    expect(nav.get_by_role("link", name="Kennisbank")).to_be_visible()
    expect(nav.get_by_role("link", name="Beheer")).to_have_count(0)
    expect(nav.get_by_role("button", name="Uitloggen")).to_be_visible()
    page.goto("/effectiviteit/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Effectiviteit")
    page.goto("/admin/")
    expect(page.locator("body")).to_contain_text("niet bevoegd om deze pagina te bekijken")
    toegankelijk(page)


def test_ambassadeur_keeps_only_own_region_in_the_admin(
    page, inloggen, code_invoeren, toegankelijk, ambassadeur_twente
):
    eigen = Notitie.objects.create(titel="Notitie Twente", regio=regio("twente"))
    vreemd = Notitie.objects.create(titel="Notitie Venlo", regio=regio("noord-limburg"))
    device = apparaat(ambassadeur_twente)
    inloggen(page, ambassadeur_twente)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beheer").click()
    code_invoeren(page, device)
    expect(page.get_by_role("heading", name="Beheer", exact=True)).to_be_visible()
    toegankelijk(page)
    page.get_by_role("link", name="Notities").first.click()
    expect(page.get_by_role("link", name="Notitie Twente")).to_be_visible()
    expect(page.get_by_text("Notitie Venlo")).to_have_count(0)
    toegankelijk(page)
    response = page.goto(f"/admin/regiotest/notitie/{vreemd.pk}/change/")
    assert response.status == 403
    toegankelijk(page)
    response = page.goto(f"/admin/regiotest/notitie/{eigen.pk}/change/")
    assert response.status == 200
    toegankelijk(page)


@pytest.mark.parametrize("fixture", ["redacteur", "beheerder"])
def test_editors_open_the_admin(request, page, inloggen_met_code, toegankelijk, fixture):
    gebruiker = request.getfixturevalue(fixture)
    inloggen_met_code(page, gebruiker)
    expect(page.get_by_role("heading", name="Beheer", exact=True)).to_be_visible()
    toegankelijk(page)
    if fixture == "beheerder":
        expect(page.get_by_role("link", name="Gebruikers")).to_be_visible()


def test_logout_returns_to_anonymous(page, inloggen, professional):
    inloggen(page, professional)
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", name="U bent uitgelogd")).to_be_visible()
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    expect(nav.get_by_role("link", name="Inloggen")).to_be_visible()
