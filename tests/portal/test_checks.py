import pytest
from django.core import checks

from portal.checks import postgresql_versie, versiefout


@pytest.mark.parametrize(("versie", "melding"), [(170005, "versie 17"), (150010, "versie 15")])
def test_an_older_postgresql_is_refused_in_dutch(versie, melding):
    assert "PostgreSQL 18 of nieuwer" in versiefout(versie)
    assert melding in versiefout(versie)


@pytest.mark.parametrize("versie", [180000, 180001, 190002])
def test_postgresql_18_and_newer_pass(versie):
    assert versiefout(versie) is None


@pytest.mark.django_db
def test_migrate_runs_the_version_check_on_the_database():
    geregistreerd = checks.registry.registry.get_checks()
    assert postgresql_versie in geregistreerd
    assert checks.Tags.database in postgresql_versie.tags
    assert postgresql_versie(databases=["default"]) == []  # the test server is new enough
