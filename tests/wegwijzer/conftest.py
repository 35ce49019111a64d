"""A small world for the wegwijzer, built with the test factories: Twente and
Noord-Limburg, instruments in every state, schools, people and praktijkvoorbeelden."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import (
    ContactpersoonFactory,
    InstrumentFactory,
    OrganisatieFactory,
    PraktijkvoorbeeldFactory,
)

VAKMANSCHAP = "specialistisch-vakmanschap"
TECHNIEK = "techniek-en-gebouwde-omgeving"

HALIMA = {
    "regio": "Twente",
    "doelgroep": "statushouder",
    "startkwalificatie": "nee",
    "sector": VAKMANSCHAP,
    "leeftijd": "23",
}


@pytest.fixture
def wereld(db):
    vandaag = timezone.localdate()
    jaar = datetime.timedelta(days=365)
    w = {}
    w["praktijkverklaring"] = InstrumentFactory(
        titel="Praktijkverklaring", route=True, bewijsstukken=["praktijkverklaring"]
    )
    w["certificaat"] = InstrumentFactory(
        titel="Mbo-certificaat", route=True, bewijsstukken=["mbo-certificaat"], leeftijd_min=18
    )
    w["confectie"] = InstrumentFactory(
        titel="Leerwerkbanen confectie", regio="twente", sectoren=[VAKMANSCHAP],
        doelgroepen=["statushouder", "bijstand"], geldig_tot=vandaag + jaar,
    )  # fmt: skip
    w["jongeren"] = InstrumentFactory(
        titel="Jongerenregeling", leeftijd_max=22, startkwalificatie="nee"
    )
    w["wajong"] = InstrumentFactory(titel="Alleen Wajong", doelgroepen=["wajong"])
    w["beeindigd"] = InstrumentFactory(titel="Oude regeling", beeindigd=True)
    w["toekomst"] = InstrumentFactory(titel="Nieuwe regeling", geldig_van=vandaag + jaar)
    w["concept"] = InstrumentFactory(titel="Conceptregeling", concept=True)
    w["limburg"] = InstrumentFactory(titel="Limburgse regeling", regio="noord-limburg")
    w["intern"] = InstrumentFactory(titel="Interne werkwijze", intern=True)

    w["vakschool"] = OrganisatieFactory(
        naam="Twentse Vakschool",
        erkenningen=[(VAKMANSCHAP, "Medewerker mode en maatkleding", ["praktijkverklaring"])],
    )
    w["roc"] = OrganisatieFactory(
        naam="ROC Techniek", erkenningen=[(TECHNIEK, "Monteur", ["praktijkverklaring"])]
    )
    w["gilde"] = OrganisatieFactory(
        naam="Gilde Venlo", regios=["noord-limburg"],
        erkenningen=[(VAKMANSCHAP, "Meubelmaker", ["mbo-diploma"])],
    )  # fmt: skip
    w["loket"] = OrganisatieFactory(naam="Leerwerkloket Twente", soort="leerwerkloket")

    w["ambassadeur"] = ContactpersoonFactory(
        naam="Anna Ambassadeur", rollen=["ambassadeur"], organisatie=w["loket"]
    )
    w["kenner"] = ContactpersoonFactory(
        naam="Karin Kenner", organisatie=w["vakschool"], rollen=["specialist-praktijkleren"],
        instrumenten=[w["praktijkverklaring"]],
    )  # fmt: skip
    w["stoffen"] = ContactpersoonFactory(naam="Sanne Stof", sectoren=[VAKMANSCHAP])
    w["buiten"] = ContactpersoonFactory(naam="Bert Buiten", rollen=["jobcoach"])
    w["limburger"] = ContactpersoonFactory(
        naam="Lotte Limburg", rollen=["ambassadeur"], regios=["noord-limburg"]
    )

    w["voorbeeld_twente"] = PraktijkvoorbeeldFactory(
        titel="Naaister in Enschede", regio="twente", sectoren=[VAKMANSCHAP],
        doelgroepen=["statushouder"], jaar=2023,
    )  # fmt: skip
    w["voorbeeld_elders"] = PraktijkvoorbeeldFactory(
        titel="Stoffeerder in Maastricht", regio="zuid-limburg", sectoren=[VAKMANSCHAP],
        doelgroepen=["statushouder"], jaar=2025,
    )  # fmt: skip
    w["voorbeeld_zorg"] = PraktijkvoorbeeldFactory(
        titel="Zorg in Enschede", regio="twente", sectoren=["zorg-welzijn-en-sport"],
        doelgroepen=["statushouder"],
    )  # fmt: skip
    return w
