import pytest
from django.core import checks

from portal.checks import postgresql_versie, versiefout


@pytest.mark.parametrize(("versie", "melding"), [(140012, "versie 14"), (130020, "versie 13")])
def test_an_older_postgresql_is_refused_in_dutch(versie, melding):
    assert "PostgreSQL 15 of nieuwer" in versiefout(versie)
    assert melding in versiefout(versie)


@pytest.mark.parametrize("versie", [150000, 150010, 160004, 170005, 180001, 190002])
def test_postgresql_15_and_newer_pass(versie):
    assert versiefout(versie) is None


@pytest.mark.django_db
def test_migrate_runs_the_version_check_on_the_database():
    geregistreerd = checks.registry.registry.get_checks()
    assert postgresql_versie in geregistreerd
    assert checks.Tags.database in postgresql_versie.tags
    assert postgresql_versie(databases=["default"]) == []  # the test server is new enough
