import pytest

from portal.models import Regio, Sector
from portal.selectors import (
    OnbekendeWaarde,
    regio_opzoeken,
    regios_met_gemeente,
    sector_opzoeken,
)

pytestmark = pytest.mark.django_db


def test_all_35_regions_and_8_sectors_are_loaded_by_migrations():
    assert Regio.objects.count() == 35
    assert Sector.objects.count() == 8
    assert Regio.objects.get(slug="food-valley").andere_namen == ["FoodValley"]
    assert "Venlo" in Regio.objects.get(slug="noord-limburg").gemeenten


@pytest.mark.parametrize(
    "invoer",
    ["twente", "Twente", "  TWENTE ", "twente\t"],
)
def test_region_by_slug_or_name_ignoring_case_and_spaces(invoer):
    assert regio_opzoeken(invoer).slug == "twente"


@pytest.mark.parametrize(
    ("invoer", "slug"),
    [
        ("Noord-Holland (Noord)", "noord-holland-noord"),
        ("foodvalley", "food-valley"),
        ("Gooi- en Vechtstreek", "gooi-en-vechtstreek"),
        ("Zaanstreek/Waterland", "zaanstreek-waterland"),
        ("IJsselvechtstreek", "regio-zwolle"),
        ("Stedendriehoek   en Noordwest Veluwe", "stedendriehoek-en-noordwest-veluwe"),
        ("noord limburg", "noord-limburg"),
    ],
)
def test_region_by_other_name(invoer, slug):
    assert regio_opzoeken(invoer).slug == slug


def test_unknown_region_gives_a_dutch_message():
    with pytest.raises(OnbekendeWaarde, match="onbekende regio 'Atlantis'"):
        regio_opzoeken(" Atlantis ")


def test_sector_by_slug_or_name():
    assert sector_opzoeken("HANDEL").slug == "handel"
    assert sector_opzoeken("Zorg, welzijn en sport").slug == "zorg-welzijn-en-sport"
    with pytest.raises(OnbekendeWaarde, match="onbekende sector"):
        sector_opzoeken("bakkerij")


def test_gemeente_leads_to_its_region():
    assert [r.slug for r in regios_met_gemeente("Enschede")] == ["twente"]
    assert [r.slug for r in regios_met_gemeente(" venlo ")] == ["noord-limburg"]
    assert regios_met_gemeente("Nergenshuizen") == []
