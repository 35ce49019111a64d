"""Fuzzing the API from its own OpenAPI description (schemathesis): for every operation,
generated valid and invalid query strings, anonymous and logged in. No answer may be a
server error, and every answer must be one the description documents (status, content
type, body)."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from kennisbank.models import Instrument, Materiaal, Praktijkvoorbeeld
from portal.api import api
from tests.effectiviteit.cohort import vaste_cohort
from tests.factories import ContactpersoonFactory, OrganisatieFactory
from tests.kennisbank.helpers import maak

FUZZ = hypothesis_settings(
    max_examples=20,
    derandomize=True,  # the same cases on every run: a failure can be replayed
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Which region, sector or instrument exists is data, not part of the description (a
# region is also found by its other names), so a well-formed but unknown value gets a 400.
NIET_GECONTROLEERD = [positive_data_acceptance]


def _schema():
    # The description as the portal serves it at /api/v1/openapi.json; the requests go
    # to the portal's WSGI application in this process, on the test database.
    geladen = schemathesis.openapi.from_dict(api.get_openapi_schema())
    geladen.app = WSGIHandler()
    return geladen


anoniem = _schema()
ingelogd = _schema()
_sessie: dict = {}


@ingelogd.auth(refresh_interval=None)
class Sessie:
    """A logged-in professional's session cookie, set by the fixture of each test.
    Schemathesis also sends requests with a wrong cookie, which must get 401."""

    def get(self, case, context):
        # Also asked while the tests are collected, before any session exists.
        return _sessie.get("sleutel", "")

    def set(self, case, data, context):
        case.cookies = {**(case.cookies or {}), "sessionid": data}


def _enkele_items_en_personen() -> None:
    # Enough that every list has rows of each kind, few enough to build in a moment.
    instrument = maak(Instrument, "Praktijkverklaring", sectoren=["handel"], regio="twente")
    maak(Instrument, "Leerwerkloket", intern=True, beeindigd=True)
    maak(Praktijkvoorbeeld, "Kapster in Enschede", regio="twente", doelgroepen=["bijstand"])
    maak(Materiaal, "Folder voor werkgevers", inhoud="De folder zelf.", publiek_voor=["werkgever"])
    roc = OrganisatieFactory(
        naam="ROC Twente", erkenningen=[("handel", "Verkoper", ["praktijkverklaring"])]
    )
    ContactpersoonFactory(
        naam="Anna Ambassadeur", organisatie=roc, rollen=["ambassadeur"],
        telefoon="053 480 00 12", instrumenten=[instrument],
    )  # fmt: skip


@pytest.fixture
def gegevens(db, settings):
    # The fuzzer sends hundreds of requests in a few seconds: the limits would answer
    # 429 to most of them, which tests the limits (test_ratelimits) and nothing else.
    settings.RATELIMIT_ENABLE = False
    _enkele_items_en_personen()
    vaste_cohort()
    # As Django's test client does: a request must not close the connection that holds
    # the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def sessie(professional):
    client = Client()
    client.force_login(professional)
    _sessie["sleutel"] = client.cookies["sessionid"].value
    gebruikt = _sessie["gebruikt"] = []
    yield
    _sessie.clear()
    assert gebruikt, "geen enkel verzoek ging met de sessie van de ingelogde gebruiker"


@anoniem.parametrize()
@FUZZ
def test_the_api_answers_anonymous_requests_as_described(case, gegevens):
    case.call_and_validate(excluded_checks=NIET_GECONTROLEERD)


@ingelogd.parametrize()
@FUZZ
def test_the_api_answers_a_logged_in_user_as_described(case, gegevens, sessie):
    response = case.call_and_validate(excluded_checks=NIET_GECONTROLEERD)
    # Some cases leave the cookie out or spoil it on purpose (and get 401); with the
    # session, a logged-in user is never asked to log in.
    if (case.cookies or {}).get("sessionid") == _sessie["sleutel"]:
        _sessie["gebruikt"].append(case.operation.path)
        assert response.status_code != 401, response.text


@pytest.mark.django_db
def test_every_operation_documents_its_error_answers(client):
    beschrijving = client.get("/api/v1/openapi.json").json()
    for pad, operaties in beschrijving["paths"].items():
        for operatie in operaties.values():
            antwoorden = operatie["responses"]
            assert {"200", "400", "429"} <= set(antwoorden), pad
            assert ("401" in antwoorden) == bool(operatie.get("security")), pad
            schema = antwoorden["400"]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/Fout"}
    assert beschrijving["components"]["schemas"]["Fout"]["required"] == ["fout", "details"]


def test_a_bad_filter_of_an_operation_without_declared_parameters_is_a_documented_400(
    client, professional
):
    client.force_login(professional)
    response = client.get("/api/v1/effectiviteit/kerncijfers", {"van": "gisteren"})
    assert response.status_code == 400
    assert response.json()["fout"]
    beschrijving = client.get("/api/v1/openapi.json").json()
    assert "400" in beschrijving["paths"]["/api/v1/effectiviteit/kerncijfers"]["get"]["responses"]
