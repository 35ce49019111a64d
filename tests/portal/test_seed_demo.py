from io import StringIO

import pytest
from django.core.management import call_command

from portal.models import Gebruiker

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_prints_one_login_per_role():
    for _ in range(2):
        out = StringIO()
        call_command("seed_demo", stdout=out)
    tekst = out.getvalue()
    for naam in (
        "beheerder",
        "redacteur",
        "professional",
        "ambassadeur-twente",
        "manager-twente",
        "ambassadeur-noord-limburg",
    ):
        assert naam in tekst
        assert Gebruiker.objects.filter(username=naam).count() == 1
    assert Gebruiker.objects.get(username="ambassadeur-noord-limburg").regios.get().slug == (
        "noord-limburg"
    )


def test_make_run_loads_the_demo_only_once(monkeypatch):
    from portal.demo import demo_laden
    from portal.management.commands import portaal_starten

    # Record the commands make run would call; serve nothing, and load only the users.
    aangeroepen = []

    def call_command(naam, *args, **kwargs):
        aangeroepen.append(naam)
        if naam == "seed_demo":
            demo_laden(StringIO())

    monkeypatch.setattr(portaal_starten, "_poort_in_gebruik", lambda poort: False)
    monkeypatch.setattr(portaal_starten, "call_command", call_command)
    portaal_starten.Command(stdout=StringIO()).handle()
    tweede = StringIO()
    portaal_starten.Command(stdout=tweede).handle()
    assert aangeroepen == ["migrate", "seed_demo", "runserver", "migrate", "runserver"]
    assert "Demodata staat er al" in tweede.getvalue()
    assert "ambassadeur-noord-limburg" in tweede.getvalue()


def test_seed_demo_is_refused_where_the_demo_is_not_allowed(settings):
    from django.core.management.base import CommandError

    settings.DEMO_TOEGESTAAN = False
    with pytest.raises(CommandError, match="openbaar wachtwoord"):
        call_command("seed_demo", stdout=StringIO())
    assert not Gebruiker.objects.exists()


def test_make_run_refuses_before_migrating_or_serving(settings, monkeypatch):
    from django.core.management.base import CommandError

    from portal.management.commands import portaal_starten

    # Were the check missing, record what would have run instead of serving for ever.
    aangeroepen = []
    monkeypatch.setattr(portaal_starten, "_poort_in_gebruik", lambda poort: False)
    monkeypatch.setattr(
        portaal_starten, "call_command", lambda naam, *a, **k: aangeroepen.append(naam)
    )
    settings.DEMO_TOEGESTAAN = False
    with pytest.raises(CommandError, match="openbaar wachtwoord"):
        portaal_starten.Command(stdout=StringIO()).handle()
    assert aangeroepen == []
