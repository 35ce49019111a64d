"""The wegwijzer with the page cache on: its instruments come from the shared cache
(kennisbank.public.instrumenten_voor_regio), and the answers stay exactly the same."""

import pytest
from django.test import Client

from kennisbank.services import kennisitem_opslaan
from tests.wegwijzer.conftest import HALIMA

pytestmark = pytest.mark.django_db

API = "/api/v1/wegwijzer"
LIMBURG = {**HALIMA, "regio": "noord-limburg", "sector": ""}


def _antwoorden(settings, gebruiker=None) -> list[dict]:
    uitkomsten = []
    for vraag in (HALIMA, LIMBURG, HALIMA):
        client = Client()
        if gebruiker:
            client.force_login(gebruiker)
        antwoord = client.get(API, vraag)
        assert antwoord.status_code == 200
        uitkomsten.append(antwoord.json())
    return uitkomsten


def test_the_cached_instruments_give_the_same_answers(settings, wereld, professional):
    settings.CACHE_MIDDLEWARE_SECONDS = 0
    zonder = (_antwoorden(settings), _antwoorden(settings, professional))
    settings.CACHE_MIDDLEWARE_SECONDS = 300
    # Anonymous first, so that a professional would get their list if it were shared.
    met = (_antwoorden(settings), _antwoorden(settings, professional))
    assert met == zonder
    assert "interne-werkwijze" not in str(met[0])
    assert "interne-werkwijze" in str(met[1])


def test_an_edit_of_an_instrument_shows_at_once(settings, wereld):
    settings.CACHE_MIDDLEWARE_SECONDS = 300
    assert "alleen-wajong" in str(Client().get(API, HALIMA).json()["uitgesloten"])
    instrument = wereld["wajong"]
    instrument.doelgroepen = ["wajong", "statushouder"]
    kennisitem_opslaan(item=instrument)

    antwoord = Client().get(API, HALIMA).json()
    assert "alleen-wajong" in str(antwoord["instrumenten"])
    assert "alleen-wajong" not in str(antwoord["uitgesloten"])
