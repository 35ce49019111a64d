"""Jessica and Hans find a route for their candidates with the wegwijzer, in a real
browser, with axe-core on every page; the routekaart prints on one A4."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import (
    ContactpersoonFactory,
    InstrumentFactory,
    OrganisatieFactory,
    PraktijkvoorbeeldFactory,
)

pytestmark = pytest.mark.browser

VAKMANSCHAP = "specialistisch-vakmanschap"
TECHNIEK = "techniek-en-gebouwde-omgeving"


@pytest.fixture
def regio_s(transactional_db):
    praktijkverklaring = InstrumentFactory(
        titel="Praktijkleren met de praktijkverklaring",
        slug="praktijkverklaring",
        route=True,
        bewijsstukken=["praktijkverklaring"],
    )
    InstrumentFactory(
        titel="Mbo-certificaat via de derde leerweg", route=True,
        bewijsstukken=["mbo-certificaat"], leeftijd_min=18,
    )  # fmt: skip
    InstrumentFactory(
        titel="RMC-begeleiding voor jongeren", leeftijd_max=22, startkwalificatie="nee"
    )
    InstrumentFactory(titel="Alleen voor Wajong", doelgroepen=["wajong"])
    InstrumentFactory(
        titel="Leerwerkbanen textiel Twente", regio="twente", sectoren=[VAKMANSCHAP],
        doelgroepen=["statushouder", "bijstand"],
    )  # fmt: skip
    InstrumentFactory(
        titel="Leerwerkplaatsen elektrotechniek", regio="noord-limburg", sectoren=[TECHNIEK],
        doelgroepen=["ww", "bijstand"], leeftijd_min=18,
    )  # fmt: skip

    vakschool = OrganisatieFactory(
        naam="Twentse Vakschool",
        erkenningen=[(VAKMANSCHAP, "Medewerker mode en maatkleding", ["praktijkverklaring"])],
    )
    gilde = OrganisatieFactory(
        naam="Gilde Opleidingen", regios=["noord-limburg"],
        erkenningen=[(TECHNIEK, "Eerste monteur elektrotechniek", ["praktijkverklaring"])],
    )  # fmt: skip
    ContactpersoonFactory(
        naam="Marieke Oude Luttikhuis", rollen=["ambassadeur"], functie="Ambassadeur"
    )
    ContactpersoonFactory(
        naam="Lotte Wolbers", organisatie=vakschool, sectoren=[VAKMANSCHAP],
        instrumenten=[praktijkverklaring],
    )  # fmt: skip
    ContactpersoonFactory(naam="Ingrid Hendrix", rollen=["ambassadeur"], regios=["noord-limburg"])
    ContactpersoonFactory(
        naam="Rob Gommans", organisatie=gilde, regios=["noord-limburg"], sectoren=[TECHNIEK]
    )
    PraktijkvoorbeeldFactory(
        titel="Naaister haalt praktijkverklaring bij confectiebedrijf", regio="twente",
        sectoren=[VAKMANSCHAP], doelgroepen=["statushouder"],
    )  # fmt: skip
    PraktijkvoorbeeldFactory(
        titel="Van horeca naar elektrotechniek in Venlo", regio="noord-limburg",
        sectoren=[TECHNIEK], doelgroepen=["ww"],
    )  # fmt: skip


def _vragen_beantwoorden(page, *, regio, doelgroep, sector, leeftijd=None):
    page.get_by_label("Regio of gemeente").fill(regio)
    page.get_by_label("Situatie van de kandidaat").select_option(label=doelgroep)
    page.get_by_label("Nee, nog niet").check()
    page.get_by_label("In welke sector wil de kandidaat werken?").select_option(label=sector)
    if leeftijd:
        page.get_by_label("Leeftijd").fill(leeftijd)
    page.get_by_role("button", name="Toon de routekaart").click()


def test_jessica_finds_a_route_for_halima(page, toegankelijk, inloggen, regio_s, professional):
    page.goto("/")
    page.get_by_role("link", name=re.compile("Wegwijzer: welke route")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wegwijzer praktijkleren")
    toegankelijk(page)

    # A typing error first: the form says what is wrong, in Dutch, and keeps the rest.
    _vragen_beantwoorden(
        page, regio="Enschede", doelgroep="Statushouder", sector="Specialistisch vakmanschap",
        leeftijd="230",
    )  # fmt: skip
    fouten = page.get_by_role("alert")
    expect(fouten).to_contain_text("Geef de leeftijd in hele jaren, van 15 tot en met 67.")
    toegankelijk(page)
    page.get_by_label("Leeftijd").fill("23")
    page.keyboard.press("Enter")  # submitting from the field, without the mouse

    page.wait_for_url(re.compile(r"/wegwijzer/\?.*leeftijd=23"))
    routekaart = page.get_by_role("article", name="Routekaart")
    expect(routekaart.get_by_role("heading", name=re.compile("Richt u eerst op"))).to_have_text(
        "Richt u eerst op: praktijkverklaring"
    )
    expect(routekaart.get_by_role("link", name="Leerwerkbanen textiel Twente")).to_be_visible()
    scholen = routekaart.get_by_role("region", name=re.compile("Mbo-instellingen"))
    expect(scholen.get_by_role("link", name="Twentse Vakschool")).to_be_visible()
    expect(scholen).to_contain_text("Medewerker mode en maatkleding")
    voorbeelden = routekaart.get_by_role("region", name="Zo ging het bij anderen")
    expect(voorbeelden.get_by_role("link", name=re.compile("confectiebedrijf"))).to_be_visible()
    # Excluded schemes stay folded away until asked for, each with its reason.
    uitgesloten = routekaart.get_by_role("region", name=re.compile("Niet passend"))
    expect(uitgesloten.get_by_text("Alleen tot en met 22 jaar")).to_be_hidden()
    # By keyboard, as a screen reader user would open it.
    uitgesloten.get_by_text("Toon welke regelingen afvallen").focus()
    page.keyboard.press("Enter")
    expect(uitgesloten.get_by_text(re.compile("Alleen tot en met 22 jaar"))).to_be_visible()
    toegankelijk(page)
    for naam in ("Marieke Oude Luttikhuis", "Lotte Wolbers"):
        assert naam not in page.content()
    routekaart_url = page.url

    inloggen(page, professional)
    page.goto(routekaart_url)
    bellen = page.get_by_role("region", name="Wie kunt u bellen?")
    expect(bellen.get_by_role("link", name="Marieke Oude Luttikhuis")).to_be_visible()
    expect(bellen.get_by_role("link", name="Lotte Wolbers")).to_be_visible()
    expect(page.get_by_role("region", name=re.compile("vergelijkbare trajecten"))).to_be_visible()
    toegankelijk(page)

    page.get_by_role("link", name="Afdrukversie (A4)").click()
    page.wait_for_url(re.compile(r"/wegwijzer/afdrukken/\?"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Routekaart praktijkleren")
    expect(page.get_by_role("button", name="Afdrukken")).to_be_visible()
    expect(page.get_by_text("Lotte Wolbers")).to_be_visible()
    toegankelijk(page)
    pdf = page.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


def test_hans_finds_a_route_for_arthur(page, toegankelijk, inloggen, regio_s, professional):
    inloggen(page, professional)
    page.goto("/kennisbank/")
    page.get_by_role("link", name="Gebruik de wegwijzer").click()
    _vragen_beantwoorden(
        page, regio="Noord-Limburg", doelgroep="WW-uitkering",
        sector="Techniek en gebouwde omgeving",
    )  # fmt: skip
    routekaart = page.get_by_role("article", name="Routekaart")
    expect(routekaart.get_by_role("heading", name=re.compile("Richt u eerst op"))).to_have_text(
        "Richt u eerst op: praktijkverklaring"
    )
    passend = routekaart.get_by_role("region", name=re.compile("die passen"))
    expect(passend.get_by_role("link", name="Leerwerkplaatsen elektrotechniek")).to_be_visible()
    # Arthur's age was not given: the scheme stays in, with what Hans still has to check.
    expect(passend).to_contain_text("Nog na te gaan: de leeftijd (alleen vanaf 18 jaar)")
    expect(passend.get_by_role("link", name="Leerwerkbanen textiel Twente")).to_have_count(0)
    scholen = routekaart.get_by_role("region", name=re.compile("Mbo-instellingen"))
    expect(scholen.get_by_role("link", name="Gilde Opleidingen")).to_be_visible()
    expect(scholen).to_contain_text("Eerste monteur elektrotechniek")
    expect(
        routekaart.get_by_role("link", name=re.compile("elektrotechniek in Venlo"))
    ).to_be_visible()
    bellen = page.get_by_role("region", name="Wie kunt u bellen?")
    expect(bellen.get_by_role("link", name="Ingrid Hendrix")).to_be_visible()
    expect(bellen.get_by_role("link", name="Rob Gommans")).to_be_visible()
    expect(bellen.get_by_role("link", name="Marieke Oude Luttikhuis")).to_have_count(0)
    toegankelijk(page)

    page.get_by_role("link", name="Afdrukversie (A4)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Routekaart praktijkleren")
    toegankelijk(page)


@pytest.fixture
def demo(transactional_db):
    import io

    from kennisbank.demo import demo_laden as kennisbank_laden
    from netwerk.demo import demo_laden as netwerk_laden

    kennisbank_laden(io.StringIO())
    netwerk_laden(io.StringIO())


@pytest.mark.parametrize(
    "vraag",
    [
        "regio=Enschede&doelgroep=statushouder&startkwalificatie=nee"
        "&sector=specialistisch-vakmanschap&leeftijd=23",
        "regio=Venlo&doelgroep=ww&startkwalificatie=nee&sector=techniek-en-gebouwde-omgeving",
        "regio=twente&doelgroep=bijstand",
    ],
)
def test_the_demo_routekaart_prints_on_one_a4(
    page, toegankelijk, inloggen, demo, professional, vraag
):
    inloggen(page, professional)
    page.goto(f"/wegwijzer/afdrukken/?{vraag}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Routekaart praktijkleren")
    toegankelijk(page)
    pdf = page.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
