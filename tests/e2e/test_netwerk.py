"""Hans's journey through the network, in a real browser, with axe-core on every page."""

import io
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from netwerk import services
from netwerk.demo import demo_laden
from netwerk.models import Contactpersoon
from tests.wachtrij import wachtrij_afwerken

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db):
    demo_laden(io.StringIO())


def test_hans_finds_the_school_for_techniek_in_venlo(
    page, toegankelijk, demo, professional, wachtwoord
):
    page.goto("/netwerk/")
    toegankelijk(page)
    page.get_by_label("Regio of gemeente").fill("Venlo")
    page.get_by_role("button", name="Toon het netwerk").click()
    page.wait_for_url("**/netwerk/noord-limburg/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Netwerk Noord-Limburg")
    expect(page.get_by_role("img", name=re.compile("Samenwerking in de regio"))).to_be_visible()
    toegankelijk(page)
    assert "Mariëlle Ramakers" not in page.content()

    page.get_by_label("Sector", exact=True).select_option(label="Techniek en gebouwde omgeving")
    page.get_by_role("button", name="Filters toepassen").click()
    page.wait_for_url("**/netwerk/noord-limburg/?*sector=techniek-en-gebouwde-omgeving*")
    organisaties = page.get_by_role("region", name=re.compile("Organisaties"))
    expect(organisaties.get_by_role("link", name="Gilde Opleidingen")).to_be_visible()
    expect(organisaties.get_by_role("link", name="Gemeente Venlo")).to_have_count(0)
    toegankelijk(page)

    organisaties.get_by_role("link", name="Gilde Opleidingen").click()
    page.wait_for_url("**/netwerk/organisaties/gilde-opleidingen/")
    erkenningen = page.get_by_role("table")
    expect(erkenningen).to_contain_text("Techniek en gebouwde omgeving")
    toegankelijk(page)
    assert "Mariëlle Ramakers" not in page.content()

    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Gebruikersnaam").fill(professional.username)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/netwerk/organisaties/gilde-opleidingen/")
    persoon = page.get_by_role("link", name="Mariëlle Ramakers")
    expect(persoon).to_be_visible()
    toegankelijk(page)

    persoon.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mariëlle Ramakers")
    toegankelijk(page)
    page.get_by_role("link", name="Meld een fout in deze gegevens").click()
    expect(page.get_by_label("Wat klopt er niet?")).to_be_visible()
    toegankelijk(page)
    page.get_by_label("Wat klopt er niet?").fill("Het telefoonnummer is veranderd.")
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_role("status")).to_contain_text("Bedankt voor uw melding")
    toegankelijk(page)

    page.goto("/netwerk/noord-limburg/")
    expect(page.get_by_role("heading", name="Sleutelpersonen")).to_be_visible()
    toegankelijk(page)


def test_a_person_confirms_their_entry_from_the_email(
    page, toegankelijk, wachtrij, demo, live_server
):
    persoon = Contactpersoon.objects.get(sleutel="rob-gommans")
    services.contactpersonen_controle_aanvragen(
        contactpersonen=[persoon], basis_url=live_server.url
    )
    wachtrij_afwerken()
    link = re.search(r"(/netwerk/controle/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Kloppen uw gegevens nog?")
    toegankelijk(page)
    page.get_by_role("button", name="Klopt nog").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt!")
    toegankelijk(page)
    page.goto(link)
    expect(page.get_by_role("alert")).to_contain_text("al gebruikt")
    toegankelijk(page)


def test_no_region_found_is_explained(page, toegankelijk, transactional_db):
    page.goto("/netwerk/")
    page.get_by_label("Regio of gemeente").fill("Atlantis")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Geen arbeidsmarktregio gevonden")).to_be_visible()
    toegankelijk(page)


def test_contact_details_download_by_keyboard_and_from_an_old_link(
    page, toegankelijk, demo, inloggen, professional
):
    from netwerk.models import Exportlog

    inloggen(page, professional)
    page.goto("/netwerk/noord-limburg/?rol=ambassadeur")
    knop = page.get_by_role("button", name="Download contactgegevens als CSV")
    expect(knop).to_be_visible()
    toegankelijk(page)
    knop.focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.startswith("netwerk-noord-limburg-")
    assert download.value.suggested_filename.endswith(".csv")

    # An old bookmark of the export asks first, and downloads only from the button.
    page.goto("/netwerk/noord-limburg/export.vcf")
    expect(page.get_by_role("heading", level=1)).to_have_text("Contactgegevens downloaden")
    toegankelijk(page)
    page.get_by_role("button", name="Download als vCard (adresboek)").focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".vcf")
    assert list(Exportlog.objects.order_by("tijdstip").values_list("formaat", "filters")) == [
        ("csv", "rol=ambassadeur"),
        ("vcard", ""),
    ]
