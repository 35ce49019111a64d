"""Reading and checking trajectory files (CONTRACT section 5), one row at a time.

Nothing here writes: :func:`rijen_lezen` yields checked rows or error lines, and
``services.trajecten_importeren`` decides what to store. Files are streamed so a
large file never sits in memory as a whole.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import hmac
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from django.conf import settings

from effectiviteit import woorden
from portal.selectors import normaliseer, regio_index, sector_index, zoek_in_index

KOLOMMEN = [
    "traject_id",
    "regio",
    "aanleverende_partij",
    "doelgroep",
    "leeftijd",
    "startkwalificatie",
    "sector",
    "crebo",
    "beoogd_bewijsstuk",
    "startdatum",
    "einddatum",
    "status",
    "behaald_bewijsstuk",
    "uitvalreden",
    "vervolg",
]
VERPLICHT = {
    "traject_id",
    "regio",
    "aanleverende_partij",
    "doelgroep",
    "sector",
    "beoogd_bewijsstuk",
    "startdatum",
    "status",
}
# Columns that may be left out of the header only when no row needs them.
VOORWAARDELIJK = {"einddatum", "behaald_bewijsstuk", "uitvalreden"}

MAX_FOUTEN = 1000
_DATUM_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DATUM_NL = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


class Bestandsfout(Exception):
    """The file as a whole cannot be read; the message is Dutch and user-facing."""


@dataclass(frozen=True)
class Fout:
    rij: int
    kolom: str
    melding: str

    def __str__(self) -> str:
        return f"rij {self.rij}: {self.kolom}: {self.melding}"


@dataclass(frozen=True)
class Trajectrij:
    rij: int
    regio_id: int
    pseudoniem: str
    aanleverende_partij: str
    doelgroep: str
    leeftijdsband: str
    startkwalificatie: bool | None
    sector_id: int
    crebo: str
    beoogd_bewijsstuk: str
    startdatum: dt.date
    einddatum: dt.date | None
    status: str
    behaald_bewijsstuk: str
    uitvalreden: str
    vervolg: str


def pseudoniem(traject_id: str) -> str:
    """Keyed pseudonym of a source id: the same id always gives the same value, and
    without the key nobody can turn it back or test a guessed id."""
    sleutel = settings.PSEUDONIEM_SLEUTEL
    if not sleutel:
        raise Bestandsfout("PSEUDONIEM_SLEUTEL is niet ingesteld; vraag de beheerder dit te doen")
    return hmac.new(sleutel.encode(), traject_id.encode(), hashlib.sha256).hexdigest()


def lijkt_op_bsn(waarde: str) -> bool:
    """Nine digits that pass the eleven-test (all zeros included) could be a BSN."""
    if len(waarde) != 9 or not waarde.isdigit():
        return False
    cijfers = [int(c) for c in waarde]
    som = sum(c * gewicht for c, gewicht in zip(cijfers[:8], range(9, 1, -1), strict=True))
    return (som - cijfers[8]) % 11 == 0


def datum_lezen(waarde) -> dt.date:
    if isinstance(waarde, dt.datetime):
        return waarde.date()
    if isinstance(waarde, dt.date):
        return waarde
    tekst = str(waarde).strip()
    if m := _DATUM_ISO.match(tekst):
        jaar, maand, dag = (int(d) for d in m.groups())
    elif m := _DATUM_NL.match(tekst):
        dag, maand, jaar = (int(d) for d in m.groups())
    else:
        raise ValueError(f"'{tekst[:40]}' is geen datum; gebruik JJJJ-MM-DD of DD-MM-JJJJ")
    try:
        return dt.date(jaar, maand, dag)
    except ValueError:
        raise ValueError(f"'{tekst[:40]}' is geen bestaande datum") from None


def _tekst(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, float) and waarde.is_integer():
        waarde = int(waarde)
    if isinstance(waarde, dt.datetime):
        return waarde.date().isoformat()
    return str(waarde).strip()


def bestand_bekijken(bestand: IO[bytes]) -> tuple[str, str]:
    """Stream the file once: its SHA-256 and its kind (``xlsx``, ``utf-8`` or ``cp1252``)."""
    bestand.seek(0)
    begin = bestand.read(4)
    bestand.seek(0)
    sha = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8 = True
    for blok in iter(lambda: bestand.read(1 << 20), b""):
        sha.update(blok)
        if utf8:
            try:
                decoder.decode(blok)
            except UnicodeDecodeError:
                utf8 = False
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    bestand.seek(0)
    if begin == b"PK\x03\x04":
        return sha.hexdigest(), "xlsx"
    return sha.hexdigest(), "utf-8-sig" if utf8 else "cp1252"


def _ruwe_rijen(bestand: IO[bytes], soort: str) -> Iterator[list]:
    if soort == "xlsx":
        yield from _xlsx_rijen(bestand)
        return
    tekst = io.TextIOWrapper(bestand, encoding=soort, newline="")
    try:
        kop = tekst.readline()
        scheiding = ";" if kop.count(";") >= kop.count(",") else ","
        yield from csv.reader(
            _met_eerste_regel(kop, tekst), delimiter=scheiding, skipinitialspace=False
        )
    except csv.Error as exc:
        raise Bestandsfout(f"het CSV-bestand is niet te lezen ({exc})") from exc
    finally:
        tekst.detach()


def _met_eerste_regel(eerste: str, rest):
    yield eerste
    yield from rest


def _xlsx_rijen(bestand: IO[bytes]) -> Iterator[list]:
    from openpyxl import load_workbook

    try:
        werkboek = load_workbook(bestand, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise Bestandsfout("het Excel-bestand is niet te lezen; sla het op als .xlsx") from exc
    try:
        if not werkboek.worksheets:
            return
        for rij in werkboek.worksheets[0].iter_rows(values_only=True):
            yield list(rij)
    finally:
        werkboek.close()


class Controle:
    """Checks rows against the contract; keeps the reference data it needs in memory
    (35 regions, 8 sectors), never the rows."""

    def __init__(self, *, toegestane_regio_ids: set[int] | None, vandaag: dt.date):
        self.regios = regio_index()
        self.sectoren = {s.slug: s for s in sector_index().values()}
        self.toegestane_regio_ids = toegestane_regio_ids
        self.vandaag = vandaag

    def kop(self, cellen: list) -> tuple[list[str | None], list[Fout]]:
        fouten: list[Fout] = []
        namen: list[str | None] = []
        gezien: set[str] = set()
        for waarde in cellen:
            naam = normaliseer(_tekst(waarde)).lstrip("\ufeff")
            if not naam:
                namen.append(None)
                continue
            if naam not in KOLOMMEN:
                fouten.append(Fout(1, naam[:60], "onbekende kolom"))
            elif naam in gezien:
                fouten.append(Fout(1, naam, "kolom staat twee keer in de kopregel"))
            gezien.add(naam)
            namen.append(naam)
        for naam in KOLOMMEN:
            if naam in VERPLICHT and naam not in gezien:
                fouten.append(Fout(1, naam, "verplichte kolom ontbreekt"))
        return namen, fouten

    def rij(self, nummer: int, namen: list[str | None], cellen: list) -> Trajectrij | list[Fout]:
        waarden: dict[str, str] = {}
        ruw: dict[str, object] = {}
        fouten: list[Fout] = []
        for i, waarde in enumerate(cellen):
            naam = namen[i] if i < len(namen) else None
            if naam is None:
                if _tekst(waarde):
                    fouten.append(Fout(nummer, f"kolom {i + 1}", "waarde zonder kolomnaam"))
                continue
            waarden[naam] = _tekst(waarde)
            ruw[naam] = waarde

        def fout(kolom: str, melding: str) -> None:
            fouten.append(Fout(nummer, kolom, melding))

        def code(kolom: str, woordenlijst: dict[str, str], *, verplicht: bool) -> str:
            waarde = normaliseer(waarden.get(kolom, ""))
            if not waarde:
                if verplicht:
                    fout(kolom, "verplicht veld is leeg")
                return ""
            if waarde not in woordenlijst:
                fout(kolom, f"onbekende waarde '{waarde[:40]}'; kies uit {', '.join(woordenlijst)}")
                return ""
            return waarde

        traject_id = waarden.get("traject_id", "")
        if not traject_id:
            fout("traject_id", "verplicht veld is leeg")
        elif len(traject_id) > 64:
            fout("traject_id", "langer dan 64 tekens")
        elif lijkt_op_bsn(traject_id):
            fout("traject_id", "lijkt op een BSN; lever een eigen trajectnummer aan, nooit een BSN")

        regio = None
        if not waarden.get("regio"):
            fout("regio", "verplicht veld is leeg")
        else:
            regio = zoek_in_index(self.regios, waarden["regio"])
            if regio is None:
                fout("regio", f"onbekende regio '{waarden['regio'][:60]}'")
            elif (
                self.toegestane_regio_ids is not None and regio.pk not in self.toegestane_regio_ids
            ):
                fout(
                    "regio",
                    f"u mag alleen trajecten van uw eigen regio's inlezen, niet van {regio.naam}",
                )

        partij = code("aanleverende_partij", woorden.PARTIJEN, verplicht=True)
        doelgroep = code("doelgroep", woorden.DOELGROEPEN, verplicht=True)

        band = ""
        leeftijd = waarden.get("leeftijd", "")
        if leeftijd:
            if not leeftijd.isdigit() or not 15 <= int(leeftijd) <= 67:
                fout("leeftijd", "geef een leeftijd in hele jaren van 15 tot en met 67")
            else:
                band = woorden.leeftijdsband(int(leeftijd))

        startkwalificatie = None
        sk = normaliseer(waarden.get("startkwalificatie", ""))
        if sk in ("ja", "nee"):
            startkwalificatie = sk == "ja"
        elif sk:
            fout("startkwalificatie", "vul 'ja' of 'nee' in, of laat het leeg")

        sector = None
        if not waarden.get("sector"):
            fout("sector", "verplicht veld is leeg")
        else:
            sector = self.sectoren.get(normaliseer(waarden["sector"]))
            if sector is None:
                fout(
                    "sector",
                    f"onbekende sector '{waarden['sector'][:60]}'; gebruik een "
                    "sectorslug zoals 'handel'",
                )

        crebo = waarden.get("crebo", "")
        if crebo and not (len(crebo) == 5 and crebo.isdigit()):
            fout("crebo", "een crebonummer heeft 5 cijfers")

        beoogd = code("beoogd_bewijsstuk", woorden.BEWIJSSTUKKEN, verplicht=True)
        status = code("status", woorden.STATUSSEN, verplicht=True)

        startdatum = einddatum = None
        if not waarden.get("startdatum"):
            fout("startdatum", "verplicht veld is leeg")
        else:
            try:
                startdatum = datum_lezen(ruw["startdatum"])
            except ValueError as exc:
                fout("startdatum", str(exc))
        if waarden.get("einddatum"):
            try:
                einddatum = datum_lezen(ruw["einddatum"])
            except ValueError as exc:
                fout("einddatum", str(exc))
            else:
                if startdatum and einddatum < startdatum:
                    fout("einddatum", "ligt voor de startdatum")
                elif einddatum > self.vandaag:
                    fout("einddatum", "ligt in de toekomst")
        elif status and status != "lopend":
            fout("einddatum", f"verplicht bij status {status}")

        behaald = code("behaald_bewijsstuk", woorden.BEHAALD, verplicht=status == "afgerond")
        uitvalreden = code("uitvalreden", woorden.UITVALREDENEN, verplicht=status == "uitgevallen")
        vervolg = code("vervolg", woorden.VERVOLGEN, verplicht=False)
        if not vervolg and status in ("afgerond", "uitgevallen") and not fouten:
            vervolg = "onbekend"

        if fouten:
            return fouten
        return Trajectrij(
            rij=nummer,
            regio_id=regio.pk,
            pseudoniem=pseudoniem(traject_id),
            aanleverende_partij=partij,
            doelgroep=doelgroep,
            leeftijdsband=band,
            startkwalificatie=startkwalificatie,
            sector_id=sector.pk,
            crebo=crebo,
            beoogd_bewijsstuk=beoogd,
            startdatum=startdatum,
            einddatum=einddatum,
            status=status,
            behaald_bewijsstuk=behaald,
            uitvalreden=uitvalreden,
            vervolg=vervolg,
        )


def rijen_lezen(bestand: IO[bytes], soort: str, controle: Controle) -> Iterator[Trajectrij | Fout]:
    """Yield every data row as a checked Trajectrij, or its errors as Fout lines."""
    rijen = _ruwe_rijen(bestand, soort)
    kop = next(rijen, None)
    if kop is None or not any(_tekst(c) for c in kop):
        yield Fout(1, "bestand", "het bestand is leeg; de eerste regel moet de kolomnamen bevatten")
        return
    namen, fouten = controle.kop(kop)
    if fouten:
        yield from fouten
        return
    for nummer, cellen in enumerate(rijen, start=2):
        if not any(_tekst(c) for c in cellen):
            continue
        resultaat = controle.rij(nummer, namen, cellen)
        if isinstance(resultaat, list):
            yield from resultaat
        else:
            yield resultaat
