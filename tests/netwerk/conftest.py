"""A small network in Twente and Noord-Limburg, built through the services."""

import datetime
import io

import pytest
from django.utils import timezone

from kennisbank.models import Instrument
from netwerk import services
from portal.models import Sector
from tests.factories import regio

TECHNIEK = "techniek-en-gebouwde-omgeving"


def maak_instrument(slug: str, titel: str) -> Instrument:
    return Instrument.objects.create(
        slug=slug,
        titel=titel,
        samenvatting=f"Over {titel}.",
        soort="financiering-subsidie",
        status="gepubliceerd",
    )


@pytest.fixture
def instrument_slim(db):
    return maak_instrument("slim-subsidie", "SLIM-subsidie")


@pytest.fixture
def netwerk(db, instrument_slim):
    twente, limburg = regio("twente"), regio("noord-limburg")
    techniek = Sector.objects.get(slug=TECHNIEK)
    zorg = Sector.objects.get(slug="zorg-welzijn-en-sport")
    loket = services.organisatie_opslaan(
        sleutel="leerwerkloket-twente", naam="Leerwerkloket Twente", soort="leerwerkloket",
        regios=[twente], telefoon="053 480 00 12", email="loket@example.org",
    )  # fmt: skip
    roc = services.organisatie_opslaan(
        sleutel="roc-twente", naam="ROC Twente", soort="mbo-instelling", regios=[twente]
    )
    services.erkenning_opslaan(
        organisatie=roc, kwalificatie="Monteur", crebo="25405", sector=techniek, niveau=2,
        bewijsstukken=["praktijkverklaring", "mbo-diploma"],
    )  # fmt: skip
    gilde = services.organisatie_opslaan(
        sleutel="gilde-venlo", naam="Gilde Venlo", soort="mbo-instelling", regios=[limburg]
    )
    services.erkenning_opslaan(
        organisatie=gilde, kwalificatie="Helpende zorg", crebo="25498", sector=zorg, niveau=2,
        bewijsstukken=["praktijkverklaring"],
    )  # fmt: skip
    ambassadeur = services.contactpersoon_opslaan(
        sleutel="anna-ambassadeur", naam="Anna Ambassadeur", functie="Ambassadeur",
        organisatie=loket, rollen=["ambassadeur"], regios=[twente], email="anna@example.org",
        telefoon="06 1234 5678", sectoren=[techniek], instrumenten=[instrument_slim],
    )  # fmt: skip
    docent = services.contactpersoon_opslaan(
        sleutel="dirk-docent", naam="Dirk Docent", functie="Docent", organisatie=roc,
        rollen=["praktijkopleider"], regios=[twente], email="dirk@example.org",
        telefoon="+31 53 480 0099",
        gecontroleerd_op=timezone.localdate() - datetime.timedelta(days=400),
    )  # fmt: skip
    slapend = services.contactpersoon_opslaan(
        sleutel="stijn-slapend", naam="Stijn Slapend", organisatie=roc, regios=[twente],
        email="stijn@example.org", actief=False,
    )  # fmt: skip
    limburger = services.contactpersoon_opslaan(
        sleutel="lotte-limburg", naam="Lotte Limburg", organisatie=gilde, regios=[limburg],
        rollen=["ambassadeur"], email="lotte@example.org", telefoon="077 320 00 15",
    )  # fmt: skip
    return {
        "loket": loket, "roc": roc, "gilde": gilde, "ambassadeur": ambassadeur,
        "docent": docent, "slapend": slapend, "limburger": limburger,
    }  # fmt: skip


@pytest.fixture
def demo(db):
    from netwerk.demo import demo_laden

    demo_laden(io.StringIO())
