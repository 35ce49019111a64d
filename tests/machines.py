"""More than one app server in a test: real gunicorn processes on the suite's test
database, sharing one media store (a folder, or a bucket on a local S3 endpoint), as
they would behind a load balancer.

``machines_starten`` starts them and stops them again; the fixtures ``twee_machines``
and ``twee_machines_s3`` (tests/conftest.py) give a started pair to a test module. Any
other process that must share their configuration, such as a background worker, starts
with ``Machines.proces`` and is stopped with them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import requests
from django.conf import settings
from django.db import connection

# Bounds, generous for a busy machine with two cores.
OPSTARTTIJD = 90  # seconds until a server answers /healthz
STOPTIJD = 10  # seconds a process gets to stop before it is killed
VERZOEKTIJD = 30  # seconds for one request

_LUISTERT = re.compile(rb"Listening at: (http://127\.0\.0\.1:\d+)")


def database_url() -> str:
    """The test database as DATABASE_URL, for processes that must use the same one."""
    db = connection.settings_dict
    opties = {naam: waarde for naam, waarde in db["OPTIONS"].items() if naam != "pool"}
    if db["HOST"]:
        opties["host"] = db["HOST"]
    if db["PORT"]:
        opties["port"] = db["PORT"]
    gebruiker = quote(db["USER"], safe="")
    if db["PASSWORD"]:
        gebruiker += ":" + quote(db["PASSWORD"], safe="")
    return f"postgresql://{gebruiker}@/{quote(db['NAME'], safe='')}?{urlencode(opties)}"


def browser() -> requests.Session:
    """A client that keeps its cookies as a browser does. Cookies do not depend on the
    port, so one browser that talks to both servers is a browser behind a load balancer
    whose requests land on either. Proxy settings of the environment are ignored."""
    sessie = requests.Session()
    sessie.trust_env = False
    return sessie


def csrf_token(html: str) -> str:
    gevonden = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert gevonden, "geen CSRF-token in het formulier"
    return gevonden.group(1)


@dataclass
class S3Opslag:
    """A bucket of its own on the local S3 endpoint (moto's server mode)."""

    endpoint: str
    bucket: str = field(default_factory=lambda: f"portaal-{uuid.uuid4().hex[:12]}")

    def omgeving(self) -> dict[str, str]:
        """The portal's settings for this bucket, as an operator sets them."""
        return {
            "S3_BUCKET": self.bucket,
            "S3_ENDPOINT_URL": self.endpoint,
            "S3_REGIO": "us-east-1",
            "S3_ACCESS_KEY_ID": "testsleutel",
            "S3_SECRET_ACCESS_KEY": "testgeheim",
        }

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id="testsleutel",
            aws_secret_access_key="testgeheim",
        )

    def aanmaken(self) -> S3Opslag:
        self.client().create_bucket(Bucket=self.bucket)
        return self

    def namen(self) -> list[str]:
        antwoord = self.client().list_objects_v2(Bucket=self.bucket)
        return sorted(obj["Key"] for obj in antwoord.get("Contents", []))


@dataclass
class Machine:
    """One app server: a gunicorn master process and its worker."""

    naam: str
    proces: subprocess.Popen
    log: Path
    basis: str = ""

    def url(self, pad: str) -> str:
        return self.basis + pad


@dataclass
class Machines:
    """App servers on one database and one media store; ``omgeving`` is what they share."""

    map: Path
    omgeving: dict[str, str]
    servers: list[Machine] = field(default_factory=list)
    s3: S3Opslag | None = None  # the bucket, when the media are on the S3 endpoint
    processen: list[tuple[subprocess.Popen, Path]] = field(default_factory=list)

    def proces(self, *args: str, naam: str = "proces") -> subprocess.Popen:
        """Start another process in the project folder with the servers' configuration,
        for example a worker of the job queue:
        ``machines.proces(sys.executable, "manage.py", "procrastinate", "worker")``.
        It is stopped with the servers; its output is in ``map``."""
        log = self.map / f"{naam}-{len(self.processen)}.log"
        with log.open("wb") as uit:
            proces = subprocess.Popen(
                list(args),
                cwd=settings.BASE_DIR,
                env=self.omgeving,
                stdout=uit,
                stderr=subprocess.STDOUT,
            )
        self.processen.append((proces, log))
        return proces

    def stoppen(self) -> None:
        for proces, _ in reversed(self.processen):
            _stoppen(proces)


def _stoppen(proces: subprocess.Popen) -> None:
    if proces.poll() is not None:
        return
    proces.terminate()
    try:
        proces.wait(STOPTIJD)
    except subprocess.TimeoutExpired:
        proces.kill()
        proces.wait(STOPTIJD)


def _fout(machine: Machine, reden: str) -> RuntimeError:
    staart = machine.log.read_bytes()[-4000:].decode(errors="replace")
    return RuntimeError(f"app-server {machine.naam} {reden}; log:\n{staart}")


def _wachten_tot_klaar(machine: Machine, deadline: float) -> None:
    """Until the server listens (gunicorn picked a free port) and /healthz says ok."""
    while time.monotonic() < deadline:
        if machine.proces.poll() is not None:
            raise _fout(machine, f"stopte met code {machine.proces.returncode}")
        if not machine.basis:
            gevonden = _LUISTERT.search(machine.log.read_bytes())
            if gevonden:
                machine.basis = gevonden.group(1).decode()
        if machine.basis:
            try:
                antwoord = browser().get(machine.url("/healthz"), timeout=5)
                if antwoord.status_code == 200 and antwoord.json() == {"status": "ok"}:
                    return
            except requests.RequestException:
                pass
        time.sleep(0.2)
    raise _fout(machine, f"was na {OPSTARTTIJD} seconden nog niet klaar")


def basisomgeving(map_: Path) -> dict[str, str]:
    """What every process of a set needs: the test settings (DEBUG off, limits and the
    login lockout on, the database cache), the suite's test database, and a temporary
    folder inside ``map_``, so nothing is left behind."""
    return {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url(),
        "TMPDIR": str(map_),
        "PYTHONUNBUFFERED": "1",
    }


@contextmanager
def machines_starten(
    *, map_: Path, media: dict[str, str], omgeving: dict[str, str] | None = None, aantal: int = 2
) -> Iterator[Machines]:
    """Start ``aantal`` gunicorn servers with the media store of ``media`` (MEDIA_ROOT,
    or the S3_* settings) and the extra ``omgeving``; each picks a free port itself."""
    machines = Machines(map=map_, omgeving={**basisomgeving(map_), **media, **(omgeving or {})})
    try:
        for nummer in range(aantal):
            naam = "ab"[nummer] if aantal <= 2 else str(nummer + 1)
            log = map_ / f"server-{naam}.log"
            with log.open("wb") as uit:
                proces = subprocess.Popen(
                    [
                        sys.executable, "-m", "gunicorn", "portal.wsgi",
                        "--bind", "127.0.0.1:0", "--workers", "1", "--timeout", "60",
                        "--graceful-timeout", "5", "--log-level", "info",
                    ],
                    cwd=settings.BASE_DIR, env=machines.omgeving, stdout=uit,
                    stderr=subprocess.STDOUT,
                )  # fmt: skip
            machines.processen.append((proces, log))
            machines.servers.append(Machine(naam=naam, proces=proces, log=log))
        deadline = time.monotonic() + OPSTARTTIJD
        for machine in machines.servers:
            _wachten_tot_klaar(machine, deadline)
        yield machines
    finally:
        machines.stoppen()
