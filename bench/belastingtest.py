"""`make loadtest`: gunicorn with the production settings serves the demo content, locust
(bench/locustfile.py) runs headless against it, and the figures are printed per page.

The database is the one of `make run`: the embedded PostgreSQL in .data/postgres, or
DATABASE_URL when set. It is migrated and gets the demo content once, as `make run` does.
Static files are collected into .data/belastingtest-static with the production storage.
The secrets given to gunicorn are fixed values for this local run only.

Exit status 1 when a request failed.
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent


def _argumenten() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Belastingtest met locust tegen gunicorn.")
    parser.add_argument("--gebruikers", type=int, default=50, help="gelijktijdige bezoekers")
    parser.add_argument("--duur", default="60s", help="duur van de meting, bv. 60s of 2m")
    parser.add_argument("--poort", type=int, default=8765)
    parser.add_argument(
        "--workers", type=int, default=None, help="gunicorn-workers (standaard gunicorn.conf.py)"
    )
    parser.add_argument(
        "--threads", type=int, default=None, help="threads per worker (standaard gunicorn.conf.py)"
    )
    return parser.parse_args()


def _database_voorbereiden() -> str:
    """Migrate and load the demo once, as `make run` does; return the database's URL."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.local"
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    from portal.demo import demo_is_geladen

    call_command("migrate", interactive=False, verbosity=0)
    if not demo_is_geladen():
        call_command("seed_demo")
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    # The embedded server listens on a Unix socket: its directory is the "host" option.
    instellingen = connection.settings_dict
    opties = instellingen["OPTIONS"]
    query = {"host": instellingen["HOST"] or opties["host"]}
    if instellingen["PORT"] or opties.get("port"):
        query["port"] = instellingen["PORT"] or opties["port"]
    gebruiker = quote(instellingen["USER"])
    return f"postgresql://{gebruiker}@/{quote(instellingen['NAME'])}?{urlencode(query)}"


def _productie_omgeving(database_url: str, poort: int) -> dict:
    omgeving = dict(os.environ)
    omgeving.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DATABASE_URL=database_url,
        SECRET_KEY="alleen-voor-de-belastingtest-op-deze-machine",
        PSEUDONIEM_SLEUTEL="lokale-pseudoniemsleutel",
        PORTAAL_BASIS_URL=f"http://127.0.0.1:{poort}/",
        EMAIL_URL="smtp://127.0.0.1:25",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        STATIC_ROOT=str(ROOT / ".data" / "belastingtest-static"),
        # A whole office behind one address: every visitor of the test has the same one.
        RATELIMIT_API=os.environ.get("RATELIMIT_API", "100000/m"),
    )
    return omgeving


def _statisch_verouderd(static_root: Path) -> bool:
    """Collecting and compressing takes half a minute: only when the portal's own static
    files or its dependencies changed since the last time."""
    manifest = static_root / "staticfiles.json"
    if not manifest.exists():
        return True
    bronnen = [ROOT / "pyproject.toml", *(p for p in (ROOT / "static").rglob("*") if p.is_file())]
    return max(p.stat().st_mtime for p in bronnen) > manifest.stat().st_mtime


def _wachten_op(url: str, proces: subprocess.Popen, seconden: float = 60) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if proces.poll() is not None:
            raise SystemExit("gunicorn is gestopt voordat het verzoeken aannam.")
        try:
            with urllib.request.urlopen(url, timeout=2) as antwoord:
                if antwoord.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn antwoordde niet binnen {seconden:.0f} s op {url}.")


def _ms(waarde: str) -> str:
    return "-" if waarde in ("", "N/A") else f"{float(waarde):.0f}"


def _cijfers_tonen(stats_csv: Path) -> int:
    with stats_csv.open(newline="") as f:
        rijen = list(csv.DictReader(f))
    print(f"\n{'pagina':<42}{'verzoeken':>10}{'per s':>8}{'p50 ms':>8}{'p95 ms':>8}{'fouten':>8}")
    fouten = 0
    for rij in rijen:
        naam = "totaal" if rij["Name"] == "Aggregated" else rij["Name"]
        if naam == "totaal":
            fouten = int(rij["Failure Count"])
            print("-" * 84)
        print(
            f"{naam:<42}{rij['Request Count']:>10}{float(rij['Requests/s']):>8.1f}"
            f"{_ms(rij['50%']):>8}{_ms(rij['95%']):>8}{rij['Failure Count']:>8}"
        )
    return fouten


def _fouten_tonen(failures_csv: Path) -> None:
    if not failures_csv.exists():
        return
    with failures_csv.open(newline="") as f:
        for rij in csv.DictReader(f):
            print(f"fout: {rij['Method']} {rij['Name']}: {rij['Error']} ({rij['Occurrences']}x)")


def main() -> int:
    args = _argumenten()
    print(f"Belasting van de machine bij de start (1 min): {os.getloadavg()[0]:.2f}.", flush=True)
    database_url = _database_voorbereiden()
    omgeving = _productie_omgeving(database_url, args.poort)
    if _statisch_verouderd(Path(omgeving["STATIC_ROOT"])):
        print("Statische bestanden verzamelen (productie-opslag)...", flush=True)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=ROOT,
            env=omgeving,
            check=True,
        )
    gunicorn = [str(BIN / "gunicorn"), "portal.wsgi", "--bind", f"127.0.0.1:{args.poort}"]
    if args.workers:
        gunicorn += ["--workers", str(args.workers)]
    if args.threads:
        gunicorn += ["--threads", str(args.threads)]
    server = subprocess.Popen(gunicorn, cwd=ROOT, env=omgeving)
    fouten = 0
    try:
        _wachten_op(f"http://127.0.0.1:{args.poort}/healthz", server)
        with tempfile.TemporaryDirectory(prefix="belastingtest-") as map_:
            uitvoer = Path(map_) / "locust"
            belasting_voor = os.getloadavg()
            print(
                f"Meting: {args.gebruikers} bezoekers, {args.duur}, zonder bedenktijd; "
                f"belasting van de machine vooraf {belasting_voor[0]:.2f} (1 min), "
                f"{os.cpu_count()} kernen.",
                flush=True,
            )
            locust = subprocess.run(
                [
                    str(BIN / "locust"),
                    "-f", str(ROOT / "bench" / "locustfile.py"),
                    "--headless", "--only-summary", "--loglevel", "WARNING",
                    "--users", str(args.gebruikers), "--spawn-rate", str(args.gebruikers),
                    "--run-time", args.duur, "--stop-timeout", "10",
                    "--host", f"http://127.0.0.1:{args.poort}",
                    "--csv", str(uitvoer),
                ],
                cwd=ROOT,
                check=False,
                capture_output=True,
                text=True,
            )  # fmt: skip
            belasting_na = os.getloadavg()
            # locust exits with 1 when a request failed; anything else is its own failure.
            if locust.returncode not in (0, 1):
                print(locust.stdout, locust.stderr, sep="\n")
                raise SystemExit(f"locust stopte met exitstatus {locust.returncode}.")
            fouten = _cijfers_tonen(Path(f"{uitvoer}_stats.csv"))
            _fouten_tonen(Path(f"{uitvoer}_failures.csv"))
            print(
                f"\nBelasting van de machine (1 min): vooraf {belasting_voor[0]:.2f}, "
                f"na afloop {belasting_na[0]:.2f}. Fouten: {fouten}."
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 1 if fouten else 0


if __name__ == "__main__":
    sys.exit(main())
