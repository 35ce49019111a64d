"""The image (Dockerfile) and the reference set-up on more machines (compose.yaml), as far
as they can be checked without a container engine: the compose file describes the
services the README promises, the image runs as a user without root rights, its build
step works with the production settings, its health check asks /healthz, and every
variable the set-up passes to the portal is one the portal reads."""

import json
import os
import re
import runpy
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
PORTAALDIENSTEN = ("migrate", "web1", "web2", "worker")
# The S3 media store's settings are read together, by a portal that supports S3.
S3 = {"S3_BUCKET", "S3_ENDPOINT_URL", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def _instructies() -> list[tuple[str, str]]:
    """The Dockerfile's instructions as (INSTRUCTION, arguments), continuations joined."""
    tekst = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    instructies = []
    for regel in tekst.splitlines():
        regel = regel.strip()
        if regel and not regel.startswith("#"):
            naam, _, argumenten = regel.partition(" ")
            instructies.append((naam.upper(), argumenten.strip()))
    return instructies


def _dockerfile_env() -> dict[str, str]:
    omgeving = {}
    for naam, argumenten in _instructies():
        if naam == "ENV":
            omgeving.update(dict(re.findall(r"(\w+)=(\S+)", argumenten)))
    return omgeving


def _invullen(waarde: str) -> str:
    """Compose's ${NAAM}, ${NAAM:-standaard} and ${NAAM:?melding}, filled in as an operator
    would: the required ones and the S3 settings with example values, the rest with
    their defaults."""
    voorbeelden = {
        "POSTGRES_PASSWORD": "wachtwoord",
        "SECRET_KEY": "een-lange-geheime-sleutel-voor-deze-controle-0123456789",
        "PSEUDONIEM_SLEUTEL": "pseudoniemsleutel",
        "ALLOWED_HOSTS": "praktijkleren.example.org",
        "PORTAAL_BASIS_URL": "https://praktijkleren.example.org/",
        "EMAIL_URL": "smtp+tls://portaal:geheim@smtp.example.org:587",
        "S3_BUCKET": "portaal-media",
        "S3_ENDPOINT_URL": "http://minio:9000",
        "S3_ACCESS_KEY_ID": "portaal",
        "S3_SECRET_ACCESS_KEY": "minio-geheim",
    }

    def vervangen(m: re.Match) -> str:
        naam, soort, rest = m.group(1), m.group(2), m.group(3) or ""
        if naam in voorbeelden:
            return voorbeelden[naam]
        assert soort == ":-", f"{naam} heeft geen voorbeeldwaarde in deze test"
        return rest

    return re.sub(r"\$\{(\w+)(?:(:-|:\?)([^}]*))?\}", vervangen, str(waarde))


def test_compose_has_two_app_servers_a_worker_and_postgres(compose):
    diensten = compose["services"]
    for naam in (*PORTAALDIENSTEN, "postgres"):
        assert naam in diensten, naam
        assert "profiles" not in diensten[naam], f"{naam} moet altijd starten"
    assert diensten["web1"]["environment"] == diensten["web2"]["environment"]
    assert diensten["web1"]["image"] == diensten["web2"]["image"]
    assert diensten["web1"]["ports"] != diensten["web2"]["ports"]
    assert diensten["worker"]["command"] == ["python", "manage.py", "procrastinate", "worker"]
    assert diensten["migrate"]["command"][:3] == ["python", "manage.py", "migrate"]
    for naam in PORTAALDIENSTEN:
        afhankelijk = diensten[naam]["depends_on"]
        assert afhankelijk["postgres"]["condition"] == "service_healthy", naam
    for naam in ("web1", "web2", "worker"):
        migreren = diensten[naam]["depends_on"]["migrate"]
        assert migreren["condition"] == "service_completed_successfully", naam


def test_postgres_is_the_official_image_with_its_data_on_a_volume(compose):
    postgres = compose["services"]["postgres"]
    versie = re.fullmatch(r"postgres:(\d+)[\w.-]*", postgres["image"])
    assert versie and int(versie.group(1)) >= 15
    volume, _, pad = postgres["volumes"][0].partition(":")
    assert pad == "/var/lib/postgresql/data" and volume in compose["volumes"]
    assert "pg_isready" in postgres["healthcheck"]["test"]


def test_valkey_and_the_s3_store_are_optional(compose):
    diensten = compose["services"]
    assert diensten["valkey"]["profiles"] == ["valkey"]
    assert diensten["minio"]["profiles"] == ["s3"]
    assert diensten["minio-bucket"]["profiles"] == ["s3"]


def test_the_app_servers_are_checked_on_healthz(compose, live_server):
    for naam in ("web1", "web2"):
        assert compose["services"][naam]["healthcheck"]["test"] == [
            "CMD", "python", "deploy/healthcheck.py"
        ]  # fmt: skip
    beeld = next(a for n, a in _instructies() if n == "HEALTHCHECK")
    assert json.loads(beeld.split(" CMD ", 1)[1]) == ["python", "deploy/healthcheck.py"]
    poort = live_server.url.rsplit(":", 1)[1]

    def controleren(poort: str) -> int:
        omgeving = {**os.environ, "PORT": poort, "ALLOWED_HOSTS": ".example.org,localhost"}
        return subprocess.run(
            [sys.executable, str(ROOT / "deploy" / "healthcheck.py")], env=omgeving, check=False
        ).returncode

    assert controleren(poort) == 0
    with socket.socket() as bezet:
        # A port that is taken but where nothing answers.
        bezet.bind(("127.0.0.1", 0))
        assert controleren(str(bezet.getsockname()[1])) == 1


def test_the_image_runs_gunicorn_without_root_rights():
    instructies = _instructies()
    gebruikers = [argumenten for naam, argumenten in instructies if naam == "USER"]
    assert gebruikers and gebruikers[-1] not in ("root", "0", "0:0")
    laatste_user = max(i for i, (naam, _) in enumerate(instructies) if naam == "USER")
    laatste_run = max(i for i, (naam, _) in enumerate(instructies) if naam == "RUN")
    assert laatste_user > laatste_run
    cmd = json.loads(next(a for n, a in reversed(instructies) if n == "CMD"))
    assert cmd == ["gunicorn", "--config", "gunicorn.conf.py"]
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["wsgi_app"] == "portal.wsgi"
    # Processes without threads unless GUNICORN_THREADS says otherwise.
    assert config["threads"] == 1 and "worker_class" not in config
    assert _dockerfile_env()["DJANGO_SETTINGS_MODULE"] == "portal.settings.production"


def test_collectstatic_of_the_build_works_with_its_stand_ins_only(tmp_path):
    run = next(a for n, a in _instructies() if n == "RUN" and "collectstatic" in a)
    stand_ins = dict(re.findall(r"(\w+)=(\S+)", run.split("python manage.py")[0]))
    assert {"SECRET_KEY", "PSEUDONIEM_SLEUTEL", "DATABASE_URL", "PORTAAL_BASIS_URL"} <= set(
        stand_ins
    )
    omgeving = {
        "PATH": os.environ["PATH"],
        **_dockerfile_env(),
        **stand_ins,
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    # --dry-run: the settings and the finders as in the build, without compressing.
    uitkomst = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--dry-run"],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
        check=False,
    )
    assert uitkomst.returncode == 0, uitkomst.stderr
    assert "static files copied" in uitkomst.stdout


def test_the_image_keeps_local_data_out():
    regels = (ROOT / ".dockerignore").read_text().splitlines()
    for pad in (".venv", ".data", ".git", ".env"):
        assert pad in regels, pad


# Runs in a fresh interpreter: the portal's production settings and gunicorn's, loaded
# with the given environment, and every environment variable they looked up.
_OPNEMEN = """
import json, os, runpy, sys

class Opnemend(dict):
    gelezen = set()
    def __getitem__(self, naam):
        self.gelezen.add(naam)
        return super().__getitem__(naam)
    def get(self, naam, standaard=None):
        self.gelezen.add(naam)
        return super().get(naam, standaard)
    def __contains__(self, naam):
        self.gelezen.add(naam)
        return super().__contains__(naam)

os.environ = Opnemend(os.environ)
import django
django.setup()
runpy.run_path("gunicorn.conf.py")
runpy.run_path("deploy/healthcheck.py")
print(json.dumps(sorted(Opnemend.gelezen)))
"""


def test_every_variable_the_setup_passes_is_read_by_the_portal(compose):
    diensten = compose["services"]
    omgeving = {naam: _invullen(w) for naam, w in diensten["web1"]["environment"].items()}
    for naam in PORTAALDIENSTEN:
        assert diensten[naam]["environment"] == diensten["web1"]["environment"], naam
    doorgegeven = set(omgeving) | {
        naam for naam in _dockerfile_env() if not naam.startswith(("PYTHON", "PIP_"))
    }
    uitkomst = subprocess.run(
        [sys.executable, "-c", _OPNEMEN],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **_dockerfile_env(), **omgeving},
        capture_output=True,
        text=True,
        check=False,
    )
    # The production settings refuse to load when the set-up lacks a required setting.
    assert uitkomst.returncode == 0, uitkomst.stderr
    gelezen = set(json.loads(uitkomst.stdout.strip().splitlines()[-1]))
    if not S3 & gelezen:
        doorgegeven -= S3  # a portal without an S3 media store
    assert doorgegeven - gelezen == set()
