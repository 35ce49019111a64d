import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from portal.models import Gebruiker

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("maak_gebruiker", *args, stdout=out)
    return out.getvalue()


def test_creates_an_ambassadeur_with_regions_and_a_generated_password(client):
    output = run("anna", "--rol", "ambassadeur", "--regio", "twente", "Noord-Limburg")
    assert "Gebruiker anna aangemaakt" in output
    wachtwoord = output.split("Wachtwoord: ")[1].strip()
    anna = Gebruiker.objects.get(username="anna")
    assert anna.is_staff and not anna.is_superuser
    assert sorted(r.slug for r in anna.regios.all()) == ["noord-limburg", "twente"]
    assert list(anna.groups.values_list("name", flat=True)) == ["ambassadeur"]
    response = client.post("/accounts/login/", {"username": "anna", "password": wachtwoord})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(anna.pk)


def test_is_idempotent_and_updates_role_and_regions():
    run("bert", "--rol", "ambassadeur", "--regio", "twente", "--wachtwoord", "een-lang-ww")
    output = run(
        "bert",
        "--rol",
        "manager",
        "--regio",
        "twente",
        "--regio",
        "drenthe",
        "--wachtwoord",
        "een-lang-ww",
        "--email",
        "bert@example.org",
    )
    assert "bijgewerkt" in output
    assert "Wachtwoord" not in output
    bert = Gebruiker.objects.get(username="bert")
    assert Gebruiker.objects.filter(username="bert").count() == 1
    assert list(bert.groups.values_list("name", flat=True)) == ["manager"]
    assert not bert.is_staff
    assert bert.email == "bert@example.org"
    assert sorted(r.slug for r in bert.regios.all()) == ["drenthe", "twente"]


def test_beheerder_is_superuser():
    run("root", "--rol", "beheerder", "--wachtwoord", "een-lang-ww")
    assert Gebruiker.objects.get(username="root").is_superuser


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        (["x", "--rol", "koning"], "onbekende rol 'koning'"),
        (["x", "--rol", "professional", "--regio", "atlantis"], "onbekende regio 'atlantis'"),
        (["x", "--rol", "ambassadeur"], "minstens één regio"),
    ],
)
def test_bad_input_creates_nothing(args, melding):
    with pytest.raises(CommandError, match=melding):
        run(*args)
    assert not Gebruiker.objects.filter(username="x").exists()


def test_unknown_role_exits_non_zero_with_one_dutch_line():
    # Run the real command line as an operator would.
    result = subprocess.run(
        [sys.executable, "manage.py", "maak_gebruiker", "y", "--rol", "koning"],
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "portal.settings.test", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Fout: onbekende rol 'koning'; kies uit: professional, ambassadeur, manager, "
        "redacteur, beheerder"
    ]
