"""Shared fixtures: users per role, media in a temporary directory, a local S3
endpoint, and pairs of real app servers (tests/machines.py)."""

import pytest
from django.db import connection

from portal.models import Regio, Sector
from portal.referentiedata import laad_regios_en_sectoren
from tests.factories import WACHTWOORD, GebruikerFactory
from tests.machines import S3Opslag, machines_starten


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _limieten_uit_bij_het_tellen_van_queries(request, settings):
    # A test that counts a view's queries counts the view: the rate-limit counters in
    # the database cache are no part of it (and differ between a first request and the
    # next). The limits themselves are tested in tests/portal/test_ratelimits.py.
    if {"django_assert_num_queries", "django_assert_max_num_queries"} & set(request.fixturenames):
        settings.RATELIMIT_ENABLE = False


@pytest.fixture
def wachtrij(transactional_db):
    """For a test that runs the job queue (tests.wachtrij.wachtrij_afwerken). Its jobs
    must be committed, so the test is transactional; emptying the tables after an earlier
    transactional test removed the regions and sectors, so they are loaded again. The
    queue's own tables are no Django models and are not emptied then: here the test
    starts with an empty queue."""
    laad_regios_en_sectoren(Regio, Sector)
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE procrastinate_jobs, procrastinate_periodic_defers, procrastinate_events, "
            "procrastinate_workers"
        )


@pytest.fixture
def wachtwoord():
    return WACHTWOORD


@pytest.fixture
def professional(db):
    return GebruikerFactory(username="prof", regio_slugs=["twente"])


@pytest.fixture
def manager(db):
    return GebruikerFactory(username="manager", manager=True, regio_slugs=["twente"])


@pytest.fixture
def ambassadeur_twente(db):
    return GebruikerFactory(username="amb-twente", ambassadeur=True, regio_slugs=["twente"])


@pytest.fixture
def ambassadeur_noord_limburg(db):
    return GebruikerFactory(username="amb-nl", ambassadeur=True, regio_slugs=["noord-limburg"])


@pytest.fixture
def redacteur(db):
    return GebruikerFactory(username="redacteur", redacteur=True)


@pytest.fixture
def beheerder(db):
    return GebruikerFactory(username="beheerder", beheerder=True)


@pytest.fixture(scope="session")
def s3_endpoint():
    """A local S3-compatible endpoint: moto's server mode, on a free port of this machine."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, poort = server.get_host_and_port()
    yield f"http://{host}:{poort}"
    server.stop()


@pytest.fixture
def s3_media(s3_endpoint, settings, monkeypatch):
    """Uploads of this test in a new bucket, configured as an operator would (S3_*)."""
    from portal.settings.base import _s3_opslag

    opslag = S3Opslag(s3_endpoint).aanmaken()
    for naam, waarde in opslag.omgeving().items():
        monkeypatch.setenv(naam, waarde)
    settings.STORAGES = {**settings.STORAGES, "default": _s3_opslag(opslag.bucket)}
    return opslag


@pytest.fixture(scope="module")
def machines_omgeving():
    """Extra settings (environment) for the app servers of a module; override to change."""
    return {}


@pytest.fixture(scope="module")
def twee_machines(django_db_setup, tmp_path_factory, machines_omgeving):
    """Two app servers on the test database, with one media folder. Tests that use them
    need ``transactional_db``: the servers only see committed data."""
    map_ = tmp_path_factory.mktemp("machines")
    media = {"MEDIA_ROOT": str(map_ / "media")}
    with machines_starten(map_=map_, media=media, omgeving=machines_omgeving) as machines:
        yield machines


@pytest.fixture(scope="module")
def twee_machines_s3(django_db_setup, tmp_path_factory, s3_endpoint, machines_omgeving):
    """Two app servers on the test database, with one bucket on the local S3 endpoint;
    ``twee_machines_s3.s3`` is that bucket."""
    map_ = tmp_path_factory.mktemp("machines-s3")
    opslag = S3Opslag(s3_endpoint).aanmaken()
    with machines_starten(
        map_=map_, media=opslag.omgeving(), omgeving=machines_omgeving
    ) as machines:
        machines.s3 = opslag
        yield machines
