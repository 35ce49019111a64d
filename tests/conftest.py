"""Shared fixtures: users per role, media in a temporary directory."""

import pytest

from portal import roles
from tests.factories import WACHTWOORD, GebruikerFactory


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
def wachtwoord():
    return WACHTWOORD


@pytest.fixture
def professional(db):
    return GebruikerFactory(username="prof", rol=roles.PROFESSIONAL, regio_slugs=["twente"])


@pytest.fixture
def manager(db):
    return GebruikerFactory(username="manager", rol=roles.MANAGER, regio_slugs=["twente"])


@pytest.fixture
def ambassadeur_twente(db):
    return GebruikerFactory(username="amb-twente", rol=roles.AMBASSADEUR, regio_slugs=["twente"])


@pytest.fixture
def ambassadeur_noord_limburg(db):
    return GebruikerFactory(username="amb-nl", rol=roles.AMBASSADEUR, regio_slugs=["noord-limburg"])


@pytest.fixture
def redacteur(db):
    return GebruikerFactory(username="redacteur", rol=roles.REDACTEUR)


@pytest.fixture
def beheerder(db):
    return GebruikerFactory(username="beheerder", rol=roles.BEHEERDER)
