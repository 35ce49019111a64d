"""Writes of the effectiviteit app: importing and generating trajectories.

Rows go into a temporary staging table with COPY and from there into
``effectiviteit_traject`` with one INSERT ... ON CONFLICT, all inside one
transaction that also rebuilds the summary (``samenvatting``) for the regions and
quarters the file touched; an invalid file rolls back to nothing but the Importbatch
that records the attempt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.db import connection, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from effectiviteit import celsleutel, inlezen, samenvatting
from effectiviteit.models import Cijferopvraging, Importbatch, Kwartaaltelling, Traject
from portal import permissions

_VELDEN = [
    "regio_id",
    "pseudoniem",
    "aanleverende_partij",
    "doelgroep",
    "leeftijdsband",
    "startkwalificatie",
    "sector_id",
    "crebo",
    "beoogd_bewijsstuk",
    "startdatum",
    "einddatum",
    "status",
    "behaald_bewijsstuk",
    "uitvalreden",
    "vervolg",
]
# Dropped first as well: inside an outer transaction (tests, one request doing two
# imports) ON COMMIT has not happened yet.
_STAGING = """
    DROP TABLE IF EXISTS pg_temp.traject_staging;
    CREATE TEMPORARY TABLE traject_staging (
        rij integer,
        regio_id bigint, pseudoniem varchar(64), aanleverende_partij varchar(20),
        doelgroep varchar(20), leeftijdsband varchar(5), startkwalificatie boolean,
        sector_id bigint, crebo varchar(5), beoogd_bewijsstuk varchar(20), startdatum date,
        einddatum date, status varchar(12), behaald_bewijsstuk varchar(20),
        uitvalreden varchar(30), vervolg varchar(20), synthetisch boolean
    ) ON COMMIT DROP
"""


class _Afgewezen(Exception):
    def __init__(self, fouten: list[str], aantal: int):
        self.fouten = fouten
        self.aantal = aantal


class _Proefrun(Exception):
    def __init__(self, resultaat: tuple[int, int, int, list[int]]):
        self.resultaat = resultaat


@dataclass
class Importresultaat:
    batch: Importbatch
    gelukt: bool
    nieuw: int = 0
    bijgewerkt: int = 0
    fouten: list[str] = field(default_factory=list)

    @property
    def samenvatting(self) -> str:
        return f"OK: {self.nieuw} nieuw, {self.bijgewerkt} bijgewerkt"

    @property
    def melding(self) -> str:
        """What the upload's status page says of it (the errors are listed apart)."""
        if not self.gelukt:
            return (
                "Het bestand is niet ingelezen: er is niets opgeslagen. Verbeter deze "
                f"{len(self.fouten)} fout(en) en probeer het opnieuw."
            )
        if self.batch.proefrun:
            return f"{PROEFRUN_IN_ORDE} {self.samenvatting}"
        return self.samenvatting


PROEFRUN_IN_ORDE = "Proefrun: het bestand is in orde, er is niets opgeslagen."
# Reports progress while a file is read: rows read so far (header excluded), errors so
# far, and, when it changes, an estimate of all rows and what happens now.
Voortgang = Callable[..., None]
# Rows between two progress reports; the receiver decides how often it writes them.
_MELDEN_PER = 1000


def trajecten_importeren(
    *,
    bestand: IO[bytes] | Path | str,
    bestandsnaam: str | None = None,
    gebruiker=None,
    proefrun: bool = False,
    vandaag: dt.date | None = None,
    voortgang: Voortgang | None = None,
) -> Importresultaat:
    """Import a CSV or XLSX file of trajectories, all or nothing (README: Beheercommando's).

    With ``gebruiker`` the region rule applies: an ambassadeur only for its own
    regions, the beheerder for all; without (the command line) every region.
    Always records an Importbatch, also when the file is refused. ``voortgang`` hears
    how far the reading got (a background job shows it), keyword arguments ``gelezen``,
    ``fouten``, ``totaal`` and ``melding``.
    """
    if isinstance(bestand, (str, Path)):
        pad = Path(bestand)
        with pad.open("rb") as f:
            return trajecten_importeren(
                bestand=f,
                bestandsnaam=bestandsnaam or pad.name,
                gebruiker=gebruiker,
                proefrun=proefrun,
                vandaag=vandaag,
                voortgang=voortgang,
            )
    vandaag = vandaag or timezone.localdate()
    toegestaan = None if gebruiker is None else permissions.importeerbare_regio_ids(gebruiker)
    naam = (bestandsnaam or getattr(bestand, "name", "") or "onbekend")[-255:]
    try:
        sha, soort = inlezen.bestand_bekijken(bestand)
    except OSError:
        # The system's message is English and may name server paths: keep it out.
        sha, soort = "", ""
        bestandsfout = "rij 1: bestand: het bestand is niet te lezen; probeer het opnieuw"
    else:
        bestandsfout = None
    if voortgang is not None and not bestandsfout:
        voortgang(
            gelezen=0,
            fouten=0,
            totaal=inlezen.geschat_aantal_rijen(bestand, soort),
            melding="De rijen worden gelezen en gecontroleerd.",
        )

    with transaction.atomic():
        batch = Importbatch.objects.create(
            gebruiker=gebruiker if getattr(gebruiker, "pk", None) else None,
            bestandsnaam=naam,
            sha256=sha,
            proefrun=proefrun,
            resultaat=Importbatch.Resultaat.AFGEWEZEN,
        )
        try:
            if bestandsfout:
                raise _Afgewezen([bestandsfout], 0)
            with transaction.atomic():
                controle = inlezen.Controle(toegestane_regio_ids=toegestaan, vandaag=vandaag)
                nieuw, bijgewerkt, aantal, regio_ids = _laden(
                    bestand, soort, controle, batch, voortgang
                )
                if proefrun:
                    raise _Proefrun((nieuw, bijgewerkt, aantal, regio_ids))
        except _Afgewezen as exc:
            batch.fouten = exc.fouten
            batch.aantal_rijen = exc.aantal
            batch.save(update_fields=["fouten", "aantal_rijen"])
            return Importresultaat(batch=batch, gelukt=False, fouten=exc.fouten)
        except _Proefrun as exc:
            nieuw, bijgewerkt, aantal, regio_ids = exc.resultaat
            batch.resultaat = Importbatch.Resultaat.PROEFRUN
        else:
            batch.resultaat = Importbatch.Resultaat.GELUKT
        batch.aantal_rijen = aantal
        batch.aantal_nieuw = nieuw
        batch.aantal_bijgewerkt = bijgewerkt
        batch.save()
        batch.regios.set(regio_ids)
        return Importresultaat(batch=batch, gelukt=True, nieuw=nieuw, bijgewerkt=bijgewerkt)


def _laden(
    bestand, soort: str, controle, batch, voortgang: Voortgang | None = None
) -> tuple[int, int, int, list[int]]:
    fouten: list[inlezen.Fout] = []
    extra_fouten = 0
    aantal = 0
    gelezen = 0
    with connection.cursor() as cursor:
        cursor.execute(_STAGING)
        kolommen = ", ".join(["rij", *_VELDEN, "synthetisch"])
        try:
            with cursor.copy(f"COPY traject_staging ({kolommen}) FROM STDIN") as copy:
                for nummer, item in enumerate(inlezen.rijen_lezen(bestand, soort, controle)):
                    gelezen = item.rij - 1
                    if voortgang is not None and nummer % _MELDEN_PER == 0:
                        voortgang(gelezen=gelezen, fouten=len(fouten) + extra_fouten)
                    if isinstance(item, inlezen.Fout):
                        if len(fouten) < inlezen.MAX_FOUTEN:
                            fouten.append(item)
                        else:
                            extra_fouten += 1
                        continue
                    aantal += 1
                    copy.write_row((item.rij, *(getattr(item, v) for v in _VELDEN), False))
        except inlezen.Bestandsfout as exc:
            raise _Afgewezen([f"rij 1: bestand: {exc}"], aantal) from exc
        except UnicodeDecodeError as exc:
            raise _Afgewezen(
                ["rij 1: bestand: de tekens van het bestand zijn niet te lezen"], aantal
            ) from exc
        if voortgang is not None:
            voortgang(
                gelezen=gelezen,
                fouten=len(fouten) + extra_fouten,
                melding="Alle rijen zijn gelezen; nu volgen de controle op dubbele "
                "trajecten en het opslaan.",
            )
        herhaald, extra_herhaald = _herhaalde_sleutels(cursor)
        if fouten or herhaald:
            alle = sorted([*fouten, *herhaald], key=lambda f: f.rij)
            extra = extra_fouten + extra_herhaald + max(0, len(alle) - inlezen.MAX_FOUTEN)
            meldingen = [str(f) for f in alle[: inlezen.MAX_FOUTEN]]
            if extra:
                meldingen.append(f"… en nog {extra} fouten")
            raise _Afgewezen(meldingen, aantal)
        return (*_staging_opslaan(cursor, batch_id=batch.pk), aantal, _regio_ids(cursor))


def _herhaalde_sleutels(cursor) -> tuple[list[inlezen.Fout], int]:
    """Every repeat of a key (regio, traject_id) in the file, as an error on the repeat's
    row naming the first row with that key (at most MAX_FOUTEN, and how many more)."""
    cursor.execute(
        """
        SELECT rij, eerste, count(*) OVER () FROM (
            SELECT rij, min(rij) OVER (PARTITION BY regio_id, pseudoniem) AS eerste
            FROM traject_staging
        ) s WHERE rij <> eerste ORDER BY rij LIMIT %s
        """,
        [inlezen.MAX_FOUTEN],
    )
    rijen = cursor.fetchall()
    fouten = [
        inlezen.Fout(
            rij,
            "traject_id",
            f"dit traject staat al in rij {eerste} voor dezelfde regio; "
            "elk traject mag maar één keer in het bestand staan",
        )
        for rij, eerste, _ in rijen
    ]
    return fouten, (rijen[0][2] - len(rijen)) if rijen else 0


def _regio_ids(cursor) -> list[int]:
    cursor.execute("SELECT DISTINCT regio_id FROM traject_staging")
    return [r[0] for r in cursor.fetchall()]


def _staging_opslaan(cursor, *, batch_id: int | None) -> tuple[int, int]:
    """Upsert the staging rows into the trajectories and rebuild the summary for the
    regions and quarters they touched. A new trajectory gets its record key here; an
    updated one keeps the key it has."""
    # Imports take turns on the summary (readers are not blocked): each one rebuilds
    # rows another may be rebuilding, and must count the other's trajectories too.
    cursor.execute(f"LOCK TABLE {Kwartaaltelling._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
    cursor.execute(
        f"""
        SELECT count(*), array_agg(DISTINCT {samenvatting.KWARTAAL_SQL})
        FROM traject_staging s
        JOIN effectiviteit_traject t ON t.regio_id = s.regio_id AND t.pseudoniem = s.pseudoniem
        """
    )
    bijgewerkt, oude_kwartalen = cursor.fetchone()
    velden = ", ".join(_VELDEN)
    bijwerken = ", ".join(
        f"{v} = EXCLUDED.{v}"
        for v in [*_VELDEN, "synthetisch", "importbatch_id", "bijgewerkt_op"]
        if v not in ("regio_id", "pseudoniem")
    )
    cursor.execute(
        f"""
        INSERT INTO effectiviteit_traject
            ({velden}, synthetisch, importbatch_id, bijgewerkt_op, recordsleutel)
        SELECT {velden}, synthetisch, %s, now(),
               floor(random() * {celsleutel.SLEUTELBEREIK})::integer
        FROM traject_staging
        ON CONFLICT (regio_id, pseudoniem) DO UPDATE SET {bijwerken}
        """,
        [batch_id],
    )
    totaal = cursor.rowcount
    cursor.execute(
        f"SELECT array_agg(DISTINCT regio_id), array_agg(DISTINCT {samenvatting.KWARTAAL_SQL}) "
        "FROM traject_staging t"
    )
    regio_ids, kwartalen = cursor.fetchone()
    samenvatting.bijwerken(
        cursor,
        regio_ids=regio_ids or [],
        kwartalen=sorted(set(kwartalen or []) | set(oude_kwartalen or [])),
    )
    return totaal - bijgewerkt, bijgewerkt


def trajecten_genereren(*, aantal: int, seed: int) -> int:
    """Add ``aantal`` synthetic trajectories (marked synthetisch) made from ``seed``.

    The same seed gives the same trajectories, so running it twice adds nothing new.
    Returns the number of trajectories that were new.
    """
    from effectiviteit import synthetisch

    rijen = synthetisch.trajecten(aantal=aantal, seed=seed)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_STAGING)
        kolommen = ", ".join([*_VELDEN, "synthetisch"])
        with cursor.copy(f"COPY traject_staging ({kolommen}) FROM STDIN") as copy:
            for rij in rijen:
                copy.write_row((*rij, True))
        nieuw, _ = _staging_opslaan(cursor, batch_id=None)
    return nieuw


def samenvatting_aanvullen(*, using: str = "default") -> bool:
    """Build the summary when there are trajectories but no summary: the migration that
    introduced it leaves it empty, and this fills it with the code of that layout. Runs
    after ``migrate``; does nothing while the effectiviteit migrations are not all applied
    (a migration back to an older state). Returns whether it built."""
    verbinding = connections[using]
    tabellen = set(verbinding.introspection.table_names())
    if not {Traject._meta.db_table, Kwartaaltelling._meta.db_table} <= tabellen:
        return False
    loader = MigrationLoader(verbinding, ignore_no_migrations=True)
    if not set(loader.graph.leaf_nodes("effectiviteit")) <= set(loader.applied_migrations):
        return False
    if Kwartaaltelling.objects.using(using).exists() or not Traject.objects.using(using).exists():
        return False
    with transaction.atomic(using=using), verbinding.cursor() as cursor:
        samenvatting.herberekenen(cursor)
    return True


def cijferopvraging_vastleggen(*, gebruiker, bron: str, filters: dict) -> None:
    """Note that ``gebruiker`` asked for the figures of a cohort (never the answer)."""
    Cijferopvraging.objects.create(
        gebruiker=gebruiker if getattr(gebruiker, "pk", None) else None,
        bron=bron,
        filters=filters,
    )
