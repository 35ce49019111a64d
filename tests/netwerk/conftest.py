"""A small network in Twente and Noord-Limburg, built with the test factories."""

import io

import pytest

from tests.factories import ContactpersoonFactory, InstrumentFactory, OrganisatieFactory

TECHNIEK = "techniek-en-gebouwde-omgeving"


@pytest.fixture
def instrument_slim(db):
    return InstrumentFactory(titel="SLIM-subsidie", soort="financiering-subsidie")


@pytest.fixture
def netwerk(db, instrument_slim):
    loket = OrganisatieFactory(
        naam="Leerwerkloket Twente", soort="leerwerkloket", telefoon="053 480 00 12",
        email="loket@example.org",
    )  # fmt: skip
    roc = OrganisatieFactory(
        naam="ROC Twente",
        erkenningen=[(TECHNIEK, "Monteur", ["praktijkverklaring", "mbo-diploma"], "25405")],
    )
    gilde = OrganisatieFactory(
        naam="Gilde Venlo", regios=["noord-limburg"],
        erkenningen=[("zorg-welzijn-en-sport", "Helpende zorg", ["praktijkverklaring"], "25498")],
    )  # fmt: skip
    ambassadeur = ContactpersoonFactory(
        naam="Anna Ambassadeur", functie="Ambassadeur", organisatie=loket, rollen=["ambassadeur"],
        email="anna@example.org", sectoren=[TECHNIEK], instrumenten=[instrument_slim],
    )  # fmt: skip
    docent = ContactpersoonFactory(
        naam="Dirk Docent", functie="Docent", organisatie=roc, rollen=["praktijkopleider"],
        email="dirk@example.org", telefoon="+31 53 480 0099", te_controleren=True,
    )  # fmt: skip
    slapend = ContactpersoonFactory(
        naam="Stijn Slapend", organisatie=roc, email="stijn@example.org", inactief=True
    )
    limburger = ContactpersoonFactory(
        naam="Lotte Limburg", organisatie=gilde, regios=["noord-limburg"], rollen=["ambassadeur"],
        email="lotte@example.org", telefoon="077 320 00 15",
    )  # fmt: skip
    return {
        "loket": loket, "roc": roc, "gilde": gilde, "ambassadeur": ambassadeur,
        "docent": docent, "slapend": slapend, "limburger": limburger,
    }  # fmt: skip


@pytest.fixture
def demo(db):
    from netwerk.demo import demo_laden

    demo_laden(io.StringIO())
