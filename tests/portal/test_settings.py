"""Production settings: refuse to start without secrets, and pass ``check --deploy``."""

import os
import subprocess
import sys

import pytest

SLEUTEL = "x" * 20 + "een-lange-willekeurige-productiesleutel-0123456789"


def manage(*args, **env):
    # Start from a clean environment so no developer variables leak in.
    basis = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "portal.settings.production"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        capture_output=True,
        text=True,
        env={**basis, **env},
        check=False,
    )


@pytest.mark.parametrize("ontbrekend", ["SECRET_KEY", "PSEUDONIEM_SLEUTEL", "DATABASE_URL"])
def test_production_refuses_to_start_without_a_secret(ontbrekend):
    env = {
        "SECRET_KEY": SLEUTEL,
        "PSEUDONIEM_SLEUTEL": "pseudo",
        "DATABASE_URL": "postgresql://portaal@localhost/portaal",
    }
    del env[ontbrekend]
    result = manage("check", **env)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1] == (
        f"Configuratiefout: de omgevingsvariabele {ontbrekend} ontbreekt; "
        "het portaal start niet zonder."
    )


def test_check_deploy_reports_no_warnings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=SLEUTEL,
        PSEUDONIEM_SLEUTEL="pseudo",
        DATABASE_URL="postgresql://portaal@localhost/portaal",
        ALLOWED_HOSTS="praktijkleren.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
